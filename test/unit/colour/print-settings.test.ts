import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeAse } from '../../../src/main/core/colour/ase.ts';
import { builtinCmykProfile } from '../../../src/main/core/colour/icc.ts';
import { PrintService } from '../../../src/main/core/colour/print-service.ts';
import { openDatabase } from '../../../src/main/core/database/database.ts';
import { outputCacheKey } from '../../../src/main/core/pipeline/cache-key.ts';
import { Settings } from '../../../src/main/core/settings.ts';
import { methods } from '../../../src/shared/contract/index.ts';
import { DEFAULT_PRINT_SETUP } from '../../../src/shared/print.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function service(): { print: PrintService; dir: string; reopen(): PrintService } {
  const temp = { dir: mkdtempSync(join(tmpdir(), 'marque-print-')) };
  let db = openDatabase(join(temp.dir, 'library.sqlite'));
  cleanups.push(() => {
    db.close();
    rmSync(temp.dir, { recursive: true, force: true });
  });
  return {
    print: new PrintService(new Settings(db), temp.dir),
    dir: temp.dir,
    reopen() {
      db.close();
      db = openDatabase(join(temp.dir, 'library.sqlite'));
      return new PrintService(new Settings(db), temp.dir);
    },
  };
}

describe('print settings', () => {
  it('defaults to the built-in profile, relative colorimetric with BPC, 300 % and auto rich black', () => {
    const { print } = service();
    expect(print.setup()).toEqual(DEFAULT_PRINT_SETUP);
    expect(print.status().profiles).toEqual([
      { id: 'builtin', name: 'Chemical proof CMYK (built in)', fileName: null, coverageLimit: 300 },
    ]);
  });

  it('adds a press profile, keeps the coverage limit per profile, and survives a restart', async () => {
    const { print, dir, reopen } = service();
    const bytes = await builtinCmykProfile();
    const added = await print.addProfile('Press.icc', bytes);
    const id = added.setup.profile.id;
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(added.setup.profile).toEqual({
      id,
      name: 'Chemical proof',
      path: join(dir, 'print', 'profiles', `${id}.icc`),
    });
    expect(existsSync(added.setup.profile.path as string)).toBe(true);
    print.configure({ coverageLimit: 260, intent: 'perceptual', richBlack: 'pure-k' });
    print.configure({ profileId: 'builtin' });
    expect(print.setup().coverageLimit).toBe(300);
    const back = print.configure({ profileId: id });
    expect(back.setup.coverageLimit).toBe(260);
    expect(back.setup.intent).toBe('perceptual');
    expect(reopen().setup()).toEqual(back.setup);
    const removed = await reopen().removeProfile(id);
    expect(removed.setup.profile.id).toBe('builtin');
    expect(existsSync(join(dir, 'print', 'profiles', `${id}.icc`))).toBe(false);
  });

  it('refuses files that are not a CMYK profile or a swatch book, naming them, and keeps what was stored', async () => {
    const { print } = service();
    await expect(print.addProfile('photo.icc', new Uint8Array(200))).rejects.toThrow(/photo\.icc/);
    await expect(print.addSwatchBook('notes.ase', new TextEncoder().encode('hello'))).rejects.toThrow(/notes\.ase/);
    await print.addSwatchBook('Brand.ase', writeAse('Brand', [{ name: 'Brand Green', hex: '#2eb57d' }]));
    await expect(print.addSwatchBook('empty.ase', writeAse('Empty', []))).rejects.toThrow(/empty\.ase/);
    expect(print.status().swatchBooks).toEqual([expect.objectContaining({ name: 'Brand', inks: 1 })]);
    expect(() => print.configure({ profileId: 'f'.repeat(64) })).toThrow(/No press profile/);
  });

  it('joins the cache key: a new profile, intent, limit or swatch book gives new outputs', async () => {
    const base = { masterHash: 'a'.repeat(64), recipe: 'pdf', optionsJson: '{}', processorVersion: 3 };
    const key = (print: typeof DEFAULT_PRINT_SETUP) => outputCacheKey({ ...base, print });
    const keys = new Set([
      outputCacheKey(base),
      key(DEFAULT_PRINT_SETUP),
      key({ ...DEFAULT_PRINT_SETUP, intent: 'perceptual' }),
      key({ ...DEFAULT_PRINT_SETUP, coverageLimit: 280 }),
      key({ ...DEFAULT_PRINT_SETUP, profile: { id: 'b'.repeat(64), name: 'X', path: '/x.icc' } }),
      key({ ...DEFAULT_PRINT_SETUP, swatchBooks: [{ id: 'c'.repeat(64), name: 'B', path: '/b.json' }] }),
    ]);
    expect(keys.size).toBe(6);
    // Where the file lives is not what it is: moving the data folder keeps the outputs.
    const id = 'b'.repeat(64);
    expect(key({ ...DEFAULT_PRINT_SETUP, profile: { id, name: 'X', path: '/a/x.icc' } })).toBe(
      key({ ...DEFAULT_PRINT_SETUP, profile: { id, name: 'X', path: '/b/x.icc' } }),
    );
  });

  it('is in the contract: reading is open to the share, changing is not', () => {
    expect(methods['print.status'].access).toBe('read');
    for (const name of ['print.configure', 'print.addProfile', 'print.removeProfile', 'print.addSwatchBook'] as const)
      expect(methods[name].access).toBe('write');
    expect(methods['print.addProfile'].input.safeParse({ fileName: 'a.icc', base64: 'not base64!' }).success).toBe(
      false,
    );
  });
});
