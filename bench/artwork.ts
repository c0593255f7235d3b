/**
 * Artwork you can trust (issue 12): a seeded sample of the real-world corpus (flags, devicon,
 * simple-icons, Iconify), each as SVG master, opaque on white and as PDF master, every output
 * judged against librsvg's render of the master with the bounds of "Done when", worst logos named;
 * and the bilevel trace of opaque images timed against the potrace CLI in the same run.
 *
 *   MARQUE_ARTWORK_LOGOS=150 npm run bench -- artwork   # sample size (default 150; "all" = whole corpus)
 *   MARQUE_ARTWORK_ROWS=/tmp/rows.jsonl                 # also write every measured row
 *   MARQUE_ARTWORK_FROM=0 MARQUE_ARTWORK_TO=40          # measure a slice of the sample
 *   MARQUE_ARTWORK_ONLY=flag-mx,flag-us                 # measure these logos only
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { RgbaImage } from '../src/main/core/pipeline/processors/raster/rgba.ts';
import { traceToSvg } from '../src/main/core/pipeline/processors/vector/trace-svg.ts';
import { corpusSample } from './artwork-corpus.ts';
import {
  type Form,
  formsOf,
  type Measured,
  measureForm,
  onWhitePixels,
  renderSize,
  renderSvgText,
} from './artwork-measures.ts';
import { type BenchSection, percentile, table } from './bench.ts';
import { loadVtracer, potraceCli, runCli } from './trace.ts';

const SIZE = 1024;

/** RGBA on white -> PBM (luminance < 128 is black), what the CLI reads for an opaque image. */
function opaquePbm(image: RgbaImage): Buffer {
  const rowBytes = Math.ceil(image.width / 8);
  const body = Buffer.alloc(rowBytes * image.height);
  for (let y = 0; y < image.height; y++)
    for (let x = 0; x < image.width; x++) {
      const o = (y * image.width + x) * 4;
      const lum =
        0.2126 * (image.data[o] as number) +
        0.7152 * (image.data[o + 1] as number) +
        0.0722 * (image.data[o + 2] as number);
      if (lum < 128) body[y * rowBytes + (x >> 3)] = (body[y * rowBytes + (x >> 3)] as number) | (0x80 >> (x & 7));
    }
  return Buffer.concat([Buffer.from(`P4\n${image.width} ${image.height}\n`), body]);
}

async function bestMs(runs: number, run: () => Promise<unknown>): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    await run();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

interface Bound {
  readonly label: string;
  readonly key: keyof Measured;
  readonly forms: readonly Form[];
  readonly ok: (value: number, row: Measured) => boolean;
  readonly worse: 'high' | 'low';
}

const BOUNDS: readonly Bound[] = [
  {
    label: 'full-colour PDF, L* off > 20 (<= 0.5 %)',
    key: 'fullPdfOff',
    forms: ['svg', 'pdf'],
    ok: (v) => v <= 0.005,
    worse: 'high',
  },
  {
    label: 'package SVG, L* off > 20 (<= 0.5 %)',
    key: 'packageSvgOff',
    forms: ['svg', 'pdf'],
    ok: (v) => v <= 0.005,
    worse: 'high',
  },
  {
    label: 'black PDF IoU (>= 0.95)',
    key: 'blackPdfIoU',
    forms: ['svg', 'white', 'pdf'],
    ok: (v) => v >= 0.95,
    worse: 'low',
  },
  {
    label: 'bilevel trace IoU (>= 0.99)',
    key: 'traceIoU',
    forms: ['svg', 'white', 'pdf'],
    ok: (v) => v >= 0.99,
    worse: 'low',
  },
  {
    label: 'colour trace ΔE76 (<= 2 and < vtracer)',
    key: 'colourDeltaE',
    forms: ['svg', 'white', 'pdf'],
    ok: (v, row) => v <= 2 && (row.vtracerDeltaE === undefined || v <= row.vtracerDeltaE),
    worse: 'high',
  },
];

const pct = (v: number) => `${(v * 100).toFixed(2)} %`;

export async function artworkBench(): Promise<BenchSection> {
  const setting = process.env.MARQUE_ARTWORK_LOGOS ?? '150';
  const count = setting === 'all' ? Number.POSITIVE_INFINITY : Number(setting);
  const rowsFile = process.env.MARQUE_ARTWORK_ROWS;
  // A slice of the sample (MARQUE_ARTWORK_FROM=40 MARQUE_ARTWORK_TO=80), its rows appended: a long
  // run can go in several processes, each with a fresh heap.
  const from = Number(process.env.MARQUE_ARTWORK_FROM ?? 0);
  const to = Number(process.env.MARQUE_ARTWORK_TO ?? Number.POSITIVE_INFINITY);
  if (rowsFile && from === 0) writeFileSync(rowsFile, '');
  // MARQUE_ARTWORK_ONLY=flag-mx,devicon-xcode-original: just these logos (from the whole corpus).
  const only = process.env.MARQUE_ARTWORK_ONLY?.split(',').filter(Boolean);
  const logos = only
    ? corpusSample(Number.POSITIVE_INFINITY).filter((logo) => only.includes(logo.name))
    : corpusSample(count).slice(from, to);
  const vtracer = await loadVtracer();
  const cli = potraceCli();
  const rows: Measured[] = [];
  const ours: number[] = [];
  const theirs: number[] = [];
  const load0 = loadavg()[0] ?? 0;
  for (const [n, logo] of logos.entries()) {
    process.stderr.write(`artwork ${n + 1}/${logos.length} ${logo.name}\n`);
    let forms: Record<Form, Awaited<ReturnType<typeof formsOf>>[Form]>;
    try {
      forms = await formsOf(logo, SIZE);
    } catch (error) {
      const row: Measured = {
        logo: logo.name,
        form: 'pdf',
        crashes: { forms: (error as Error).message },
        warnings: {},
      };
      rows.push(row);
      if (rowsFile) appendFileSync(rowsFile, `${JSON.stringify(row)}\n`);
      continue;
    }
    const master = await renderSvgText(forms.svg.master, ...renderSize(forms.svg, SIZE));
    for (const form of ['svg', 'white', 'pdf'] as const) {
      const row = await measureForm(logo, form, forms[form], master, vtracer, SIZE);
      rows.push(row);
      if (rowsFile) appendFileSync(rowsFile, `${JSON.stringify(row)}\n`);
    }
    // Opaque images: our bilevel trace (mark separation included) against the CLI on the same pixels.
    if (cli) {
      const white = onWhitePixels(master);
      await traceToSvg(white, { isVector: false });
      ours.push(await bestMs(2, () => traceToSvg(white, { isVector: false })));
      const pbm = opaquePbm(white);
      theirs.push(await bestMs(2, () => runCli(cli, pbm)));
    }
  }

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
        show(percentile(values, 50)),
        show(worst),
        failing
          .slice(0, 6)
          .map((r) => `${r.logo} ${show(r[bound.key] as number)}`)
          .join(', ') || '—',
      ]);
    }
  }
  const vt = ['svg', 'white'].map((form) => {
    const m = rows.filter((r) => r.form === form && r.vtracerDeltaE !== undefined && r.colourDeltaE !== undefined);
    const mean = (k: 'colourDeltaE' | 'vtracerDeltaE') => m.reduce((s, r) => s + (r[k] as number), 0) / (m.length || 1);
    return `${form}: ours mean ΔE76 ${mean('colourDeltaE').toFixed(2)}, vtracer ${mean('vtracerDeltaE').toFixed(2)} (${m.length} logos)`;
  });
  const crashes = rows.filter((r) => Object.keys(r.crashes).length > 0);
  const timing = cli
    ? `Bilevel trace of the opaque on-white renders (${SIZE} px): ours median ${percentile(ours, 50).toFixed(1)} ms, potrace CLI ${percentile(theirs, 50).toFixed(1)} ms: ${(percentile(ours, 50) / percentile(theirs, 50)).toFixed(2)}x (bound <= 1.3x).`
    : 'potrace CLI not available: no timing.';
  return {
    title: 'Artwork you can trust: real-world corpus against its masters',
    markdown: [
      table(['bound', 'form', 'logos', 'failing', 'median', 'worst', 'worst logos'], lines),
      '',
      `Colour trace vs vtracer (${SIZE} px): ${vt.join('; ')}.`,
      timing,
      `Crashes: ${crashes.length}${
        crashes.length
          ? ` (${crashes
              .slice(0, 8)
              .map((r) => `${r.logo} ${r.form} ${Object.keys(r.crashes).join('+')}`)
              .join(', ')})`
          : ''
      }.`,
      `${logos.length} logos (seed 12, a quarter each from flag-icons 4x3, devicon original/wordmark, simple-icons, Iconify), each as SVG master, rendered opaque on white at ${SIZE} px, and as PDF master (rsvg-convert -f pdf, read back as the import does). References: librsvg's render of the SVG master at ${SIZE} px; PDFs rendered by Ghostscript. Load average ${load0.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end.`,
    ].join('\n'),
  };
}
