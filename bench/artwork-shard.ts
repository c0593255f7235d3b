/**
 * One child of the artwork bench (bench/artwork.ts): measures every n-th logo of the selection
 * (MARQUE_ARTWORK_SHARD="k/n") and appends one JSON line per measured form, and one per timed
 * bilevel trace, to MARQUE_ARTWORK_OUT. A logo whose forms cannot even be made is a crash row.
 */
import { appendFileSync } from 'node:fs';
import type { RgbaImage } from '../src/main/core/pipeline/processors/raster/rgba.ts';
import { traceToSvg } from '../src/main/core/pipeline/processors/vector/trace-svg.ts';
import { selectedLogos } from './artwork-corpus.ts';
import {
  ARTWORK_SIZE,
  formsOf,
  type Measured,
  masterRenders,
  measureForm,
  onWhitePixels,
  type TimingRow,
} from './artwork-measures.ts';
import { loadVtracer, potraceCli, runCli } from './trace.ts';

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

const [shard, shards] = (process.env.MARQUE_ARTWORK_SHARD ?? '0/1').split('/').map(Number) as [number, number];
const out = process.env.MARQUE_ARTWORK_OUT;
if (!out) throw new Error('artwork-shard: MARQUE_ARTWORK_OUT is not set');
const write = (row: Measured | TimingRow) => appendFileSync(out, `${JSON.stringify(row)}\n`);

const logos = selectedLogos().filter((_, index) => index % shards === shard);
const vtracer = await loadVtracer();
const cli = potraceCli();
for (const [n, logo] of logos.entries()) {
  process.stderr.write(`artwork ${shard}/${shards}: ${n + 1}/${logos.length} ${logo.name}\n`);
  let forms: Awaited<ReturnType<typeof formsOf>>;
  try {
    forms = await formsOf(logo, ARTWORK_SIZE);
  } catch (error) {
    write({ logo: logo.name, form: 'pdf', crashes: { forms: (error as Error).message }, warnings: {} });
    continue;
  }
  const masters = await masterRenders(forms.svg, ARTWORK_SIZE);
  for (const form of ['svg', 'white', 'pdf'] as const)
    write(await measureForm(logo, form, forms[form], masters, vtracer, ARTWORK_SIZE));
  // Opaque images: our bilevel trace (mark separation included) against the CLI on the same pixels.
  if (cli) {
    const white = onWhitePixels(masters.full);
    await traceToSvg(white, { isVector: false });
    const oursMs = await bestMs(2, () => traceToSvg(white, { isVector: false }));
    // As in the trace section: the CLI's time includes making its PBM from the same pixels.
    write({ logo: logo.name, oursMs, cliMs: await bestMs(2, () => runCli(cli, opaquePbm(white))) });
  }
}
