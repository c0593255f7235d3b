import { readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NameRegistry } from '../../../src/main/core/exporter/name-registry.ts';
import {
  foldKey,
  isWindowsReserved,
  MAX_COMPONENT_BYTES,
  numbered,
  safeComponent,
  utf8Length,
} from '../../../src/main/core/exporter/safe-name.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { NASTY_NAMES } from './nasty-names.ts';

function assertSafe(name: string): void {
  expect(name.length).toBeGreaterThan(0);
  expect(name).not.toMatch(/[<>:"/\\|?*]/);
  expect(name).not.toMatch(/\p{Cc}/u);
  // The only format character allowed is a zero-width joiner inside an emoji sequence.
  const chars = [...name];
  for (const [i, ch] of chars.entries()) {
    if (!/\p{Cf}/u.test(ch)) continue;
    expect(ch).toBe('\u200D');
    expect(chars[i - 1]).toMatch(/\p{Extended_Pictographic}|\uFE0F|[\u{1F3FB}-\u{1F3FF}]/u);
    expect(chars[i + 1]).toMatch(/\p{Extended_Pictographic}/u);
  }
  expect(name).not.toMatch(/[ .]$/);
  expect(name).not.toMatch(/^[ .]/);
  expect(name === '.' || name === '..').toBe(false);
  expect(isWindowsReserved(name)).toBe(false);
  expect(utf8Length(name)).toBeLessThanOrEqual(MAX_COMPONENT_BYTES);
  expect(name.isWellFormed()).toBe(true);
}

describe('safeComponent', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.cleanup());

  it.each(NASTY_NAMES.map((name) => [JSON.stringify(name).slice(0, 60), name]))(
    'makes %s one safe component',
    async (_label, raw) => {
      const name = safeComponent(raw);
      assertSafe(name);
      // The resolved path is directly inside the folder, and a real file can be created there.
      const target = resolve(dir.path, name);
      expect(dirname(target)).toBe(dir.path);
      await writeFile(target, 'x');
      expect(await readdir(dir.path)).toEqual([name]);
    },
  );

  it('refuses Windows device names with any extension, case or trailing dots', () => {
    for (const raw of ['CON', 'con', 'Con.txt', 'NUL.tar.gz', 'com1', 'LPT9.png', 'aux.', 'prn .pdf', 'COM²']) {
      expect(isWindowsReserved(raw)).toBe(true);
      expect(isWindowsReserved(safeComponent(raw))).toBe(false);
    }
    for (const fine of ['CONSOLE', 'console.png', 'com10', 'LPTX', 'nullable', 'AUXILIARY.svg']) {
      expect(isWindowsReserved(fine)).toBe(false);
      expect(safeComponent(fine)).toBe(fine);
    }
  });

  it('keeps ordinary names as they are', () => {
    for (const fine of ['Acme', 'Acme Inc. v2', 'Zürich Café', '東京タワー', 'logo-512.png', 'A&B (final)']) {
      expect(safeComponent(fine)).toBe(fine);
    }
  });

  it('removes bidi overrides so a name cannot disguise its extension', () => {
    expect(safeComponent('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
  });

  it('strips every bidi control character (embeddings, overrides, isolates, marks)', () => {
    const bidi = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c];
    for (const code of bidi) {
      const char = String.fromCharCode(code);
      expect(safeComponent(`Acme${char} Logo${char}.png`), code.toString(16)).toBe('Acme Logo.png');
    }
    expect(safeComponent(String.fromCharCode(...bidi))).toBe('untitled');
  });

  it('drops lone surrogates instead of turning them into a replacement character', () => {
    expect(safeComponent('Acme\uD800 Logo')).toBe('Acme Logo');
    expect(safeComponent('\uDC00Acme')).toBe('Acme');
    expect(safeComponent('Acme\uD83D')).toBe('Acme');
    // A high half before a real pair goes; the pair (an emoji) stays whole.
    expect(safeComponent('Acme \uD83D\uD83D\uDE00')).toBe('Acme \u{1F600}');
    expect(safeComponent('\uD800\uDFFF\uDBFF')).toBe('\u{103FF}');
    expect(safeComponent('\uD800')).toBe('untitled');
    expect(safeComponent('Acme\uD800.png')).not.toContain('\uFFFD');
  });

  it('keeps the extension when it shortens a long name, without splitting a character', () => {
    const long = safeComponent(`${'é'.repeat(150)}.png`);
    expect(long.endsWith('.png')).toBe(true);
    expect(utf8Length(long)).toBeLessThanOrEqual(MAX_COMPONENT_BYTES);
    expect(long.isWellFormed()).toBe(true);
    const emoji = safeComponent('👨‍👩‍👧'.repeat(60));
    expect([...new Intl.Segmenter().segment(emoji)].every((s) => s.segment === '👨‍👩‍👧')).toBe(true);
  });

  it('is safe for any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (raw) => {
        const name = safeComponent(raw);
        assertSafe(name);
        expect(safeComponent(name)).toBe(name);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('foldKey and NameRegistry', () => {
  it('folds case and Unicode normalization the way macOS and Windows compare names', () => {
    expect(foldKey('Café')).toBe(foldKey('CAFE\u0301'));
    expect(foldKey('ACME')).toBe(foldKey('acme'));
    expect(foldKey('ＡＣＭＥ')).toBe(foldKey('acme'));
    expect(foldKey('Acme')).not.toBe(foldKey('Acme2'));
  });

  it('numbers files that collide case-insensitively or after normalization', () => {
    const registry = new NameRegistry();
    const got = ['Acme.png', 'ACME.png', 'acme.PNG', 'Café.png', 'Cafe\u0301.png'].map((n) =>
      registry.claim([n]).join('/'),
    );
    expect(got).toEqual(['Acme.png', 'ACME (2).png', 'acme (3).PNG', 'Café.png', 'Cafe\u0301 (2).png']);
    expect(new Set(got.map(foldKey)).size).toBe(got.length);
  });

  it('merges folders that fold together under the first spelling', () => {
    const registry = new NameRegistry();
    expect(registry.claim(['Brand', 'PNG', 'a.png'])).toEqual(['Brand', 'PNG', 'a.png']);
    expect(registry.claim(['brand', 'png', 'b.png'])).toEqual(['Brand', 'PNG', 'b.png']);
    expect(registry.claim(['BRAND', 'png', 'A.png'])).toEqual(['Brand', 'PNG', 'A (2).png']);
  });

  it('never lets a file and a folder share a name', () => {
    const registry = new NameRegistry();
    expect(registry.claim(['logo'])).toEqual(['logo']);
    expect(registry.claim(['LOGO', 'x.png'])).toEqual(['LOGO (2)', 'x.png']);
    expect(registry.claim(['logo', 'y.png'])).toEqual(['LOGO (2)', 'y.png']);
    expect(registry.claim(['a', 'b.png'])).toEqual(['a', 'b.png']);
    expect(registry.claim(['A'])).toEqual(['A (2)']);
  });

  it('numbers within the byte limit', () => {
    const name = numbered(`${'x'.repeat(178)}.png`, 12);
    expect(name.endsWith(' (12).png')).toBe(true);
    expect(utf8Length(name)).toBeLessThanOrEqual(MAX_COMPONENT_BYTES);
    expect(join('a', name)).toContain('(12)');
  });
});
