/**
 * Tracing: our bilevel trace (esm-potrace-wasm behind Marque's mark separation) against the native
 * potrace CLI driven from Node on the same 40 simple-icons bitmaps (1024 px), and our full-colour
 * trace against vtracer (vtracer-wasm, its CLI's default settings converted to the wasm's units)
 * on 40 multi-colour logos from @iconify-json/logos. Each tool starts from the same RGBA pixels;
 * each time is the best of 3 runs of that logo (the machine is shared), then median / p90 over
 * logos. Fidelity is measured by re-rendering every SVG with sharp at the input size. The logos
 * come from SVG, so ours traces them as the trace-color recipe does vector masters (background kept).
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { OPAQUE_ALPHA, type RgbaImage } from '../src/main/core/pipeline/processors/raster/rgba.ts';
import { colorFidelity, coverageIoU, renderSvg } from '../src/main/core/pipeline/processors/vector/fidelity.ts';
import { traceColorToSvg, traceToSvg } from '../src/main/core/pipeline/processors/vector/trace-svg.ts';
import { colourLogos, renderLogo, simpleIcons } from '../test/unit/processors/corpus.ts';
import { type BenchSection, percentile, table } from './bench.ts';

const LOGOS = 40;
const RUNS = 3;

/** Best wall time of `runs`, plus the best CPU time of this process (robust when the machine is shared). */
async function best(runs: number, run: () => Promise<unknown> | unknown): Promise<{ ms: number; cpu: number }> {
  let ms = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  for (let k = 0; k < runs; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await run();
    ms = Math.min(ms, performance.now() - t0);
    const used = process.cpuUsage(c0);
    cpu = Math.min(cpu, (used.user + used.system) / 1000);
  }
  return { ms, cpu };
}

/** The potrace CLI, installed from Debian when missing; null when it cannot be had. */
export function potraceCli(): string | null {
  const find = () => {
    try {
      return execFileSync('sh', ['-c', 'command -v potrace'], { encoding: 'utf8' }).trim() || null;
    } catch {
      return null;
    }
  };
  let path = find();
  if (!path) {
    try {
      execFileSync('sh', ['-c', 'apt-get install -y potrace || (apt-get update && apt-get install -y potrace)'], {
        stdio: 'ignore',
      });
    } catch {
      // Reported below as "not available".
    }
    path = find();
  }
  return path;
}

/** RGBA -> PBM (alpha >= 128 is black), what the CLI reads. */
function toPbm(image: RgbaImage): Buffer {
  const rowBytes = Math.ceil(image.width / 8);
  const header = Buffer.from(`P4\n${image.width} ${image.height}\n`);
  const body = Buffer.alloc(rowBytes * image.height);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if ((image.data[(y * image.width + x) * 4 + 3] as number) >= OPAQUE_ALPHA) {
        body[y * rowBytes + (x >> 3)] = (body[y * rowBytes + (x >> 3)] as number) | (0x80 >> (x & 7));
      }
    }
  }
  return Buffer.concat([header, body]);
}

/** Runs the CLI with the PBM on stdin and the SVG on stdout, as a Node app would. */
export function runCli(cli: string, pbm: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cli, [
      '--svg',
      '--alphamax',
      '0.8',
      '--turdsize',
      '2',
      '--opttolerance',
      '0.2',
      '--output',
      '-',
    ]);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`potrace exit ${code}`)),
    );
    child.stdin.end(pbm);
  });
}

interface Row {
  ms: number;
  /** CPU ms of this process; meaningless for the CLI (its work is in the child). */
  cpu: number;
  score: number;
  bytes: number;
  off?: number;
  pixels?: number;
}

function summary(rows: readonly Row[]) {
  const ms = rows.map((r) => r.ms);
  const scores = rows.map((r) => r.score);
  return {
    cpu: percentile(
      rows.map((r) => r.cpu),
      50,
    ),
    median: percentile(ms, 50),
    p90: percentile(ms, 90),
    meanScore: scores.reduce((a, b) => a + b, 0) / scores.length,
    bytes: percentile(
      rows.map((r) => r.bytes),
      50,
    ),
  };
}

const f1 = (n: number) => n.toFixed(1);

async function bilevel(): Promise<string> {
  const cli = potraceCli();
  const ours: Row[] = [];
  const native: Row[] = [];
  const images = await Promise.all(simpleIcons(LOGOS).map((logo) => renderLogo(logo)));
  await traceToSvg(images[0] as RgbaImage); // loads the wasm once, outside the timings
  for (const image of images) {
    let svg = '';
    let mask: Uint8Array = new Uint8Array(0);
    const { ms, cpu } = await best(RUNS, async () => {
      const result = await traceToSvg(image);
      svg = result.svg;
      mask = result.mask;
    });
    ours.push({
      ms,
      cpu,
      score: coverageIoU(mask, await renderSvg(svg, image.width, image.height)),
      bytes: svg.length,
    });
    if (!cli) continue;
    let cliSvg = '';
    const cliTime = await best(RUNS, async () => {
      cliSvg = await runCli(cli, toPbm(image));
    });
    native.push({
      ms: cliTime.ms,
      cpu: Number.NaN,
      score: coverageIoU(mask, await renderSvg(cliSvg, image.width, image.height)),
      bytes: cliSvg.length,
    });
  }
  const a = summary(ours);
  const worst = Math.min(...ours.map((r) => r.score));
  const rows: (string | number)[][] = [
    [
      'Marque trace (esm-potrace-wasm)',
      f1(a.median),
      f1(a.p90),
      f1(a.cpu),
      a.meanScore.toFixed(4),
      worst.toFixed(4),
      a.bytes,
    ],
  ];
  let ratio = 'n/a (potrace CLI not available)';
  if (native.length) {
    const b = summary(native);
    rows.push([
      'potrace CLI from Node (spawn, PBM on stdin)',
      f1(b.median),
      f1(b.p90),
      'in child',
      b.meanScore.toFixed(4),
      Math.min(...native.map((r) => r.score)).toFixed(4),
      b.bytes,
    ]);
    ratio = `${(a.median / b.median).toFixed(2)}x the CLI's median (target <= 1.3x)`;
  }
  return [
    table(
      [
        'bilevel, 40 simple-icons at 1024 px',
        'median ms',
        'p90 ms',
        'median CPU ms',
        'IoU mean',
        'IoU worst',
        'median SVG bytes',
      ],
      rows,
    ),
    '',
    `Ours: median ${f1(a.median)} ms wall, ${f1(a.cpu)} ms CPU (target <= 15 ms), ${ratio}; every IoU >= 0.99: ${worst >= 0.99 ? 'yes' : 'no'}.`,
    'Same potrace settings for both (alphamax 0.8, turdsize 2, opttolerance 0.2). Our time includes telling the mark',
    'from its background (alpha or colour distance) and writing the SVG; the CLI time includes encoding the PBM and the spawn.',
  ].join('\n');
}

export interface VtracerModule {
  initSync(module: { module: Uint8Array }): unknown;
  to_svg(pixels: Uint8Array, width: number, height: number, config: Record<string, unknown>): string;
}

/** vtracer's CLI defaults in the wasm's units: radians, speckle area in px², colour precision as bits lost. */
export const VTRACER_CONFIG = {
  binary: false,
  mode: 'spline',
  hierarchical: 'stacked',
  cornerThreshold: (60 * Math.PI) / 180,
  spliceThreshold: (45 * Math.PI) / 180,
  lengthThreshold: 4,
  maxIterations: 10,
  filterSpeckle: 4 * 4,
  colorPrecision: 8 - 6,
  layerDifference: 16,
  pathPrecision: 2,
};

/** vtracer-wasm, loaded and initialised. */
export async function loadVtracer(): Promise<VtracerModule> {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('vtracer-wasm');
  const vtracer = (await import(entry)) as VtracerModule;
  vtracer.initSync({ module: await readFile(entry.replace(/vtracer\.js$/, 'vtracer.wasm')) });
  return vtracer;
}

async function colour(): Promise<string> {
  const vtracer = await loadVtracer();

  const ours: Row[] = [];
  const theirs: Row[] = [];
  const logos = colourLogos(LOGOS);
  for (const logo of logos) {
    const image = await renderLogo(logo);
    const logoMask = new Uint8Array(image.width * image.height);
    for (let i = 0; i < logoMask.length; i++) logoMask[i] = (image.data[i * 4 + 3] as number) >= OPAQUE_ALPHA ? 1 : 0;
    const pixels = logoMask.reduce((sum, v) => sum + v, 0);
    let svg = '';
    const { ms, cpu } = await best(RUNS, async () => {
      svg = (await traceColorToSvg(image, { background: 'keep' })).svg;
    });
    const mine = colorFidelity(image, await renderSvg(svg, image.width, image.height), logoMask);
    ours.push({
      ms,
      cpu,
      score: mine.meanColorError as number,
      off: mine.shareOffBy10 as number,
      pixels,
      bytes: svg.length,
    });
    let vsvg = '';
    const vtime = await best(2, () => {
      vsvg = vtracer.to_svg(image.data, image.width, image.height, VTRACER_CONFIG);
    });
    const other = colorFidelity(image, await renderSvg(vsvg, image.width, image.height), logoMask);
    theirs.push({
      ms: vtime.ms,
      cpu: vtime.cpu,
      score: other.meanColorError as number,
      off: other.shareOffBy10 as number,
      pixels,
      bytes: vsvg.length,
    });
  }
  const line = (name: string, rows: Row[]) => {
    const s = summary(rows);
    const off =
      rows.reduce((sum, r) => sum + (r.off as number) * (r.pixels as number), 0) /
      rows.reduce((sum, r) => sum + (r.pixels as number), 0);
    return [
      name,
      f1(s.median),
      f1(s.p90),
      f1(s.cpu),
      s.meanScore.toFixed(2),
      Math.max(...rows.map((r) => r.score)).toFixed(2),
      `${(off * 100).toFixed(2)} %`,
      s.bytes,
    ];
  };
  const a = summary(ours);
  const b = summary(theirs);
  return [
    table(
      [
        'colour, 40 iconify logos at 1024 px',
        'median ms',
        'p90 ms',
        'median CPU ms',
        'mean ΔE76',
        'worst logo ΔE76',
        'pixels off > 10',
        'median SVG bytes',
      ],
      [line('Marque trace-color (palette + potrace layers)', ours), line('vtracer-wasm (CLI defaults)', theirs)],
    ),
    '',
    `Ours: median ${f1(a.median)} ms wall, ${f1(a.cpu)} ms CPU (target <= 100 ms), ${(b.median / a.median).toFixed(2)}x faster than vtracer, mean colour error ${a.meanScore.toFixed(2)} vs ${b.meanScore.toFixed(2)} (target <= 1.5 and lower than vtracer).`,
    'Colour error: CIE76 between input and re-rendered SVG on the logo’s own pixels (input alpha >= 128), straight colours.',
  ].join('\n');
}

export async function traceBench(): Promise<BenchSection> {
  const before = loadavg()[0] ?? 0;
  const parts = [await bilevel(), '', await colour()];
  parts.push(
    '',
    `Load average (1 min) ${before.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after, on ${availableParallelism()} cores: wall times on a busy machine run high.`,
  );
  return { title: 'Tracing: potrace CLI and vtracer as references', markdown: parts.join('\n') };
}
