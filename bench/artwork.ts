/**
 * Artwork you can trust (issue 12): the real-world corpus (every flag, every devicon colour and
 * wordmark variant, 100 each of simple-icons and Iconify), each as SVG master, opaque on white and
 * as PDF master, every output judged against librsvg's render of the master with the bounds of
 * "Done when", worst logos named; and the bilevel trace of opaque images timed against the potrace
 * CLI in the same run. The logos are shared out over one child process per core (each with a
 * fresh heap); each child measures its share and writes rows, which this process reports.
 *
 *   npm run bench -- artwork                          # the whole corpus (about 1,400 logos)
 *   MARQUE_ARTWORK_LOGOS=150 npm run bench -- artwork # a seeded sample, a quarter per source
 *   MARQUE_ARTWORK_ONLY=flag-mx,flag-us               # these logos only
 *   MARQUE_ARTWORK_ROWS=/tmp/rows.jsonl               # keep every measured row
 *   MARQUE_ARTWORK_JOBS=1                             # child processes (default: one per core)
 *   MARQUE_ARTWORK_REPORT=/tmp/rows.jsonl             # report kept rows again, measuring nothing
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectedLogos } from './artwork-corpus.ts';
import { type Form, type Measured, ARTWORK_SIZE as SIZE, type TimingRow } from './artwork-measures.ts';
import { type BenchSection, percentile, table } from './bench.ts';

/** Runs one shard as a child process; resolves when it exits (rejects on a non-zero exit). */
function runShard(shard: number, shards: number, out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', new URL('./artwork-shard.ts', import.meta.url).pathname],
      {
        env: { ...process.env, MARQUE_ARTWORK_SHARD: `${shard}/${shards}`, MARQUE_ARTWORK_OUT: out },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`artwork shard ${shard} exited ${code}`))));
  });
}

interface Bound {
  readonly label: string;
  readonly key: keyof Measured;
  readonly forms: readonly Form[];
  readonly ok: (value: number, row: Measured) => boolean;
  readonly worse: 'high' | 'low';
  /** The recipe that made the output: its warnings say whether a failure was silent. */
  readonly recipe: string;
}

const BOUNDS: readonly Bound[] = [
  {
    label: 'full-colour PDF, L* off > 20 (<= 0.5 %)',
    key: 'fullPdfOff',
    recipe: 'pdf',
    forms: ['svg', 'pdf'],
    ok: (v) => v <= 0.005,
    worse: 'high',
  },
  {
    label: 'package SVG, L* off > 20 (<= 0.5 %)',
    key: 'packageSvgOff',
    recipe: 'package',
    forms: ['svg', 'pdf'],
    ok: (v) => v <= 0.005,
    worse: 'high',
  },
  {
    label: 'black PDF IoU (>= 0.95)',
    key: 'blackPdfIoU',
    recipe: 'pdf',
    forms: ['svg', 'white', 'pdf'],
    ok: (v) => v >= 0.95,
    worse: 'low',
  },
  {
    label: 'bilevel trace IoU (>= 0.99)',
    key: 'traceIoU',
    recipe: 'trace',
    forms: ['svg', 'white', 'pdf'],
    ok: (v) => v >= 0.99,
    worse: 'low',
  },
  {
    label: 'colour trace ΔE76 per logo (<= 2)',
    key: 'colourDeltaE',
    recipe: 'trace-color',
    forms: ['svg', 'white', 'pdf'],
    ok: (v) => v <= 2,
    worse: 'high',
  },
  // Stricter than the bound (which compares the corpus means below): every logo against vtracer.
  {
    label: 'colour trace ΔE76 per logo (<= 2 and <= vtracer)',
    key: 'colourDeltaE',
    recipe: 'trace-color',
    forms: ['svg', 'white', 'pdf'],
    ok: (v, row) => v <= 2 && (row.vtracerDeltaE === undefined || v <= row.vtracerDeltaE),
    worse: 'high',
  },
];

const pct = (v: number) => `${(v * 100).toFixed(2)} %`;

export async function artworkBench(): Promise<BenchSection> {
  const logos = selectedLogos();
  const shards = Math.max(1, Math.min(logos.length, Number(process.env.MARQUE_ARTWORK_JOBS ?? cpus().length)));
  const load0 = loadavg()[0] ?? 0;
  const rows: Measured[] = [];
  const timings: TimingRow[] = [];
  const readRows = (file: string): void => {
    for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      const row = JSON.parse(line) as Measured | TimingRow;
      if ('form' in row) rows.push(row);
      else timings.push(row);
    }
  };
  const again = process.env.MARQUE_ARTWORK_REPORT;
  if (again) readRows(again);
  else {
    const dir = mkdtempSync(join(tmpdir(), 'marque-bench-artwork-'));
    try {
      const outs = Array.from({ length: shards }, (_, k) => join(dir, `shard${k}.jsonl`));
      for (const file of outs) writeFileSync(file, '');
      await Promise.all(outs.map((file, k) => runShard(k, shards, file)));
      for (const file of outs) readRows(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const rowsFile = process.env.MARQUE_ARTWORK_ROWS;
  if (rowsFile && !again)
    writeFileSync(rowsFile, [...rows, ...timings].map((row) => `${JSON.stringify(row)}\n`).join(''));
  const ours = timings.map((t) => t.oursMs);
  const theirs = timings.map((t) => t.cliMs);

  const lines: (string | number)[][] = [];
  for (const bound of BOUNDS) {
    for (const form of bound.forms) {
      const measured = rows.filter((r) => r.form === form && typeof r[bound.key] === 'number');
      if (!measured.length) continue;
      const values = measured.map((r) => r[bound.key] as number);
      const failing = measured.filter((r) => !bound.ok(r[bound.key] as number, r));
      failing.sort((a, b) =>
        bound.worse === 'high'
          ? (b[bound.key] as number) - (a[bound.key] as number)
          : (a[bound.key] as number) - (b[bound.key] as number),
      );
      const worst = bound.worse === 'high' ? Math.max(...values) : Math.min(...values);
      const show = (v: number) => (bound.key.endsWith('Off') ? pct(v) : v.toFixed(bound.key.endsWith('IoU') ? 4 : 2));
      lines.push([
        bound.label,
        form,
        measured.length,
        failing.length,
        failing.filter((r) => !(r.warnings[bound.recipe]?.length ?? 0)).length,
        show(percentile(values, 50)),
        show(worst),
        failing
          .slice(0, 6)
          .map((r) => `${r.logo} ${show(r[bound.key] as number)}`)
          .join(', ') || '—',
      ]);
    }
  }
  // The bound itself: the mean over the corpus <= 2 and below vtracer's, on both renders.
  const vt = ['svg', 'white'].map((form) => {
    const m = rows.filter((r) => r.form === form && r.vtracerDeltaE !== undefined && r.colourDeltaE !== undefined);
    const mean = (k: 'colourDeltaE' | 'vtracerDeltaE') => m.reduce((s, r) => s + (r[k] as number), 0) / (m.length || 1);
    const met = mean('colourDeltaE') <= 2 && mean('colourDeltaE') < mean('vtracerDeltaE');
    return `${form}: ours mean ΔE76 ${mean('colourDeltaE').toFixed(2)}, vtracer ${mean('vtracerDeltaE').toFixed(2)} (${m.length} logos; ${met ? 'met' : 'NOT met'})`;
  });
  // Not a bound of the issue: what IoU cannot see. A hairline traced as dashes loses a few pixels
  // (IoU 0.99+) and is plainly wrong.
  const broken = (['svg', 'white', 'pdf'] as const).map((form) => {
    const extra = rows
      .filter((r) => r.form === form && (r.traceExtraPieces ?? 0) > 0)
      .sort((a, b) => (b.traceExtraPieces ?? 0) - (a.traceExtraPieces ?? 0));
    const worst = extra.slice(0, 5).map((r) => `${r.logo} +${r.traceExtraPieces}`);
    return `${form} ${extra.length}${worst.length ? ` (${worst.join(', ')})` : ''}`;
  });
  const crashes = rows.filter((r) => Object.keys(r.crashes).length > 0);
  const refusals = rows.filter((r) => r.refused && Object.keys(r.refused).length > 0);
  const timing = timings.length
    ? `Bilevel trace of the opaque on-white renders (${SIZE} px): ours median ${percentile(ours, 50).toFixed(1)} ms, potrace CLI ${percentile(theirs, 50).toFixed(1)} ms: ${(percentile(ours, 50) / percentile(theirs, 50)).toFixed(2)}x (bound <= 1.3x), ${timings.length} logos, best of 2 each; ours includes telling the mark from its paper, the CLI's time its PBM encoding and the spawn.`
    : 'potrace CLI not available: no timing.';
  return {
    title: 'Artwork you can trust: real-world corpus against its masters',
    markdown: [
      table(['bound', 'form', 'logos', 'failing', 'failing with no warning', 'median', 'worst', 'worst logos'], lines),
      '',
      `Colour trace vs vtracer (${SIZE} px): ${vt.join('; ')}.`,
      timing,
      `Bilevel traces in more pieces than the master's ink (broken lines; not a bound, IoU barely sees them): ${broken.join('; ')}.`,
      `Crashes: ${crashes.length}${
        crashes.length
          ? ` (${crashes
              .slice(0, 8)
              .map((r) => `${r.logo} ${r.form} ${Object.keys(r.crashes).join('+')}`)
              .join(', ')})`
          : ''
      }.`,
      `Refused with a reason (a clear error naming the file, not a crash): ${refusals.length}${
        refusals.length
          ? ` (${refusals
              .slice(0, 8)
              .map((r) => `${r.logo} ${r.form} ${Object.keys(r.refused ?? {}).join('+')}`)
              .join(', ')}; e.g. "${Object.values(refusals[0]?.refused ?? {})[0]}")`
          : ''
      }.`,
      `${new Set(rows.map((row) => row.logo)).size} logos (flag-icons 4x3, devicon original and wordmark, simple-icons and Iconify), each as SVG master, rendered opaque on white at ${SIZE} px, and as PDF master (rsvg-convert -f pdf, read back as the import does), measured by ${shards} child processes. References: librsvg's render of the SVG master at ${SIZE} px for shape (the traces and the black PDF), and at ${SIZE / 2} px for colour (the full-colour PDF and the package SVG); PDFs rendered by Ghostscript. On the on-white form, master ink that vanishes on white (within ΔE76 12 of it) is left out of the one-colour references: no scan can show it; so is a translucent shade the master's alpha calls paper but that reads on white darker than sure paper (L* 90): a scan cannot tell it from a light ink. The issue's own rule leaves translucent pixels undecided. "Failing with no warning" counts outputs under their bound whose job gave no warning: silent failures. Load average ${load0.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end.`,
    ].join('\n'),
  };
}
