import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAse } from '../../../src/main/core/colour/ase.ts';
import type { PrintStatus } from '../../../src/shared/print.ts';
import { runMarque } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let dir: { path: string; cleanup: () => Promise<void> };

const marque = (...args: string[]) => runMarque([...args, '--data-dir', join(dir.path, 'data')]);

beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await dir.cleanup();
});

describe('marque print', () => {
  it('sets intent, limit and black, loads a swatch book, and refuses bad values by name', async () => {
    const set = marque('print', 'set', '--intent', 'perceptual', '--limit', '280', '--black', 'pure-k', '--json');
    expect(set.code, set.stderr).toBe(0);
    const status = JSON.parse(set.stdout) as PrintStatus;
    expect(status.setup).toMatchObject({ intent: 'perceptual', coverageLimit: 280, richBlack: 'pure-k' });

    const book = join(dir.path, 'Brand.ase');
    await writeFile(book, writeAse('Brand', [{ name: 'Brand Green', hex: '#2eb57d' }]));
    const added = marque('print', 'add-swatches', book);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/swatch book\s+Brand \(1 ink\)/);
    expect(marque('print', 'status').stdout).toMatch(/ink limit\s+280 %/);

    const bad = marque('print', 'set', '--limit', '900');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--limit/);
    const missing = marque('print', 'add-profile', join(dir.path, 'nope.icc'));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/nope\.icc/);
  });
});
