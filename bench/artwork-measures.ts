/**
 * Issue 12's "Done when" measures for one logo, each output judged against librsvg's render of the
 * SVG master (what the designer sees), never against a recipe's own bitmap:
 * - full-colour PDF (Ghostscript) and package SVG (librsvg): share of non-edge pixels whose L*
 *   differs by more than 20 (bound 0.5 %);
 * - black one-colour PDF: IoU against the master's ink (bound 0.95), at the traces' size;
 * - bilevel trace: IoU against the master's ink (bound 0.99), and the pieces it has beyond the
 *   master ink's (not a bound: a line traced as dashes costs IoU almost nothing, but shows);
 * - colour trace and vtracer: mean ΔE76 on the logo's pixels (bound 2, and below vtracer).
 * Each logo is measured as its SVG master, rendered opaque on white (a scan or JPEG) and as a PDF
 * master made with `rsvg-convert -f pdf` and read back as the library imports it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { pdfFirstPageToSvg } from '../src/main/core/intake/pdf/pdf-to-svg.ts';
import { sanitizeSvg } from '../src/main/core/intake/svg-sanitize.ts';
import { factWarnings } from '../src/main/core/pipeline/facts.ts';
import type { ProcessorContext, ProcessorInput } from '../src/main/core/pipeline/processor.ts';
import { conversionWarnings } from '../src/main/core/pipeline/processors/artwork/conversion-note.ts';
import {
  REF_INK,
  REF_PAPER,
  REF_UNSURE,
  referenceInk,
  referenceIoU,
} from '../src/main/core/pipeline/processors/artwork/one-colour-mask.ts';
import { packageProcessor } from '../src/main/core/pipeline/processors/package/package-processor.ts';
import { pdf } from '../src/main/core/pipeline/processors/pdf/pdf-processor.ts';
import { OPAQUE_ALPHA, type RgbaImage } from '../src/main/core/pipeline/processors/raster/rgba.ts';
import { trace } from '../src/main/core/pipeline/processors/trace.ts';
import { traceColor } from '../src/main/core/pipeline/processors/trace-color.ts';
import { colorFidelity } from '../src/main/core/pipeline/processors/vector/fidelity.ts';
import { deltaE76, LabCache } from '../src/shared/colour.ts';
import { MarqueError } from '../src/shared/errors.ts';
import type { CorpusLogo } from './artwork-corpus.ts';
import { VTRACER_CONFIG, type VtracerModule } from './trace.ts';

export type Form = 'svg' | 'white' | 'pdf';

/** The long side of the master renders the traces are made and judged at. */
export const ARTWORK_SIZE = 1024;

/** A timed bilevel trace of an opaque on-white render: ours and the potrace CLI, best of 2 each. */
export interface TimingRow {
  readonly logo: string;
  readonly oursMs: number;
  readonly cliMs: number;
}

export interface Measured {
  readonly logo: string;
  readonly form: Form;
  readonly fullPdfOff?: number;
  readonly packageSvgOff?: number;
  readonly blackPdfIoU?: number;
  readonly traceIoU?: number;
  /** Separate pieces of the bilevel trace beyond those of the master's ink: broken lines. */
  readonly traceExtraPieces?: number;
  readonly colourDeltaE?: number;
  readonly vtracerDeltaE?: number;
  /** Recipe -> error message, for crashes. */
  readonly crashes: Record<string, string>;
  /** Recipe -> message, for inputs a recipe refused with a reason (a white logo on white). */
  readonly refused?: Record<string, string>;
  /** Recipe -> warnings the job gave. */
  readonly warnings: Record<string, readonly string[]>;
}

const context: ProcessorContext = { signal: new AbortController().signal, progress: () => {} };
const MAX_PIXELS = 40_000_000;

async function rgba(pipeline: Sharp): Promise<RgbaImage> {
  const { data, info } = await pipeline.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/**
 * librsvg's render of SVG text at exactly width x height (transparent where the art is not).
 * 'master' renders as the recipes render a master (decodeToRgba: the density from the long side,
 * then fitted), so the reference and a recipe's own master agree to the pixel; 'output' stretches
 * an output's frame onto the reference's (a PDF master's render may be a pixel shorter than the
 * SVG master's, and its trace must still be laid over the same art).
 */
export function renderSvgText(
  svg: string | Uint8Array,
  width: number,
  height: number,
  mode: 'master' | 'output' = 'output',
): Promise<RgbaImage> {
  const bytes = Buffer.from(svg);
  return sharp(bytes, { density: 72 })
    .metadata()
    .then((meta) => {
      const w = meta.width ?? width;
      const h = meta.height ?? height;
      const scale = mode === 'master' ? Math.max(width, height) / Math.max(w, h) : Math.max(width / w, height / h);
      return rgba(sharp(bytes, { density: Math.min(100_000, 72 * scale) }).resize(width, height, { fit: 'fill' }));
    });
}

/**
 * Ghostscript's render (it manages CMYK colour) of page 1 of each PDF at exactly width x height,
 * with alpha: one gs process for all of them, as its start-up costs more than a small page.
 */
function renderPdfsGs(pdfs: readonly Uint8Array[], width: number, height: number): Promise<RgbaImage[]> {
  const dir = mkdtempSync(join(tmpdir(), 'marque-bench-gs-'));
  try {
    const inputs = pdfs.map((bytes, k) => {
      writeFileSync(join(dir, `in${k}.pdf`), bytes);
      return join(dir, `in${k}.pdf`);
    });
    // Each input is one page here (the recipes write one page per variant), so output k is PDF k.
    execFileSync('gs', [
      '-q',
      '-dNOPAUSE',
      '-dBATCH',
      '-dSAFER',
      '-sDEVICE=pngalpha',
      '-dTextAlphaBits=4',
      '-dGraphicsAlphaBits=4',
      `-g${width}x${height}`,
      '-dPDFFitPage',
      `-sOutputFile=${join(dir, 'out%d.png')}`,
      ...inputs,
    ]);
    return Promise.all(
      inputs.map((_, k) =>
        rgba(sharp(readFileSync(join(dir, `out${k + 1}.png`))).resize(width, height, { fit: 'fill' })),
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An image resampled to another's size (sharp's default kernel). */
function resized(image: RgbaImage, like: RgbaImage): Promise<RgbaImage> {
  return rgba(
    sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } }).resize(
      like.width,
      like.height,
      { fit: 'fill' },
    ),
  );
}

/** Composites straight RGBA over white, returning RGBA (opaque). */
export function onWhitePixels(image: RgbaImage): RgbaImage {
  const out = new Uint8Array(image.data.length);
  for (let i = 0; i < image.data.length; i += 4) {
    const a = (image.data[i + 3] as number) / 255;
    for (let c = 0; c < 3; c++) out[i + c] = Math.round((image.data[i + c] as number) * a + 255 * (1 - a));
    out[i + 3] = 255;
  }
  return { width: image.width, height: image.height, data: out };
}

/**
 * Share of non-edge pixels (on white) whose L* differs by more than 20. Edge pixels (either image
 * changes within its 3x3 neighbourhood) are left out: renderers anti-alias differently.
 */
export function lightnessOffShare(master: RgbaImage, output: RgbaImage): number {
  const a = onWhitePixels(master);
  const b = onWhitePixels(output);
  const { width, height } = a;
  const labs = new LabCache();
  const light = (img: RgbaImage, i: number) =>
    labs.get(img.data[i * 4] as number, img.data[i * 4 + 1] as number, img.data[i * 4 + 2] as number)[0];
  const edge = (img: RgbaImage, x: number, y: number): boolean => {
    const o = (y * width + x) * 4;
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx;
        const ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        const q = (ny * width + nx) * 4;
        let d = 0;
        for (let c = 0; c < 3; c++) d += Math.abs((img.data[o + c] as number) - (img.data[q + c] as number));
        if (d > 24) return true;
      }
    return false;
  };
  let compared = 0;
  let off = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      if (edge(a, x, y) || edge(b, x, y)) continue;
      const i = y * width + x;
      compared++;
      if (Math.abs(light(a, i) - light(b, i)) > 20) off++;
    }
  return compared ? off / compared : 1;
}

/** Pages in a PDF, by its page objects (the recipes' PDFs are uncompressed at that level). */
function pageCount(bytes: Uint8Array): number {
  return (
    Buffer.from(bytes)
      .toString('latin1')
      .match(/\/Type\s*\/Page[^s]/g) ?? []
  ).length;
}

/** How close (CIE76) to white paper a colour must be to vanish on it: the paper tolerance. */
const VANISHES_ON_WHITE = 12;

/** L* above which a colour is surely paper under the default one-colour rule (threshold 85 + 5). */
const SURELY_PAPER_L = 90;

/**
 * The share of the master's ink the output covers, as IoU (alpha >= 128 is covered). For the
 * on-white form, what vanishes on white (nim's white letters, within the paper tolerance of
 * white once composited) is left out of the reference: no scan or JPEG can show it. So is the
 * converse: a faint translucent shade the master's alpha calls paper (Jekyll's letters' 25 %
 * shadow) that reads, on white, darker than sure paper: a scan cannot tell it from a light ink.
 */
function inkIoU(reference: Uint8Array, output: RgbaImage): number {
  return referenceIoU(reference, (i) => (output.data[i * 4 + 3] as number) >= OPAQUE_ALPHA);
}

/** The master's one-colour reference ink as the form can show it (see inkIoU). */
function formReference(master: RgbaImage, form: Form): Uint8Array {
  const reference = referenceInk(master);
  if (form === 'white') {
    const onWhite = onWhitePixels(master);
    const labs = new LabCache();
    const paper = labs.get(255, 255, 255);
    for (let i = 0; i < reference.length; i++) {
      if (reference[i] === REF_UNSURE) continue;
      const lab = labs.get(
        onWhite.data[i * 4] as number,
        onWhite.data[i * 4 + 1] as number,
        onWhite.data[i * 4 + 2] as number,
      );
      if (reference[i] === REF_INK && deltaE76(lab, paper) < VANISHES_ON_WHITE) reference[i] = REF_UNSURE;
      const translucent = (master.data[i * 4 + 3] as number) < 255;
      if (reference[i] === REF_PAPER && translucent && lab[0] <= SURELY_PAPER_L) reference[i] = REF_UNSURE;
    }
  }
  return reference;
}

/** Pieces smaller than this (px) are specks, not shapes: a trace drops them on purpose. */
const MIN_PIECE = 8;

/**
 * Separate pieces (8-connected, MIN_PIECE px or more) of the output's ink beyond those of the
 * master's. Where the reference is unsure (an anti-aliased edge, a colour near the one-colour
 * threshold, left to the output) it takes the output's verdict: babel's yellow, which the rule may
 * drop, does not join its black shadow into one piece the trace is then blamed for splitting.
 * A hairline of sure ink traced as dashes has a piece per dash.
 */
function extraPieces(reference: Uint8Array, output: RgbaImage): number {
  const { width, height } = output;
  const ink = (i: number) => (output.data[i * 4 + 3] as number) >= OPAQUE_ALPHA;
  const drawn = pieces(width, height, (i) => reference[i] === REF_INK || (reference[i] === REF_UNSURE && ink(i)));
  return Math.max(0, pieces(width, height, ink) - drawn);
}

function pieces(width: number, height: number, inside: (index: number) => boolean): number {
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  let count = 0;
  for (let start = 0; start < seen.length; start++) {
    if (seen[start] || !inside(start)) continue;
    seen[start] = 1;
    stack.push(start);
    let area = 0;
    while (stack.length > 0) {
      const i = stack.pop() as number;
      area++;
      const x = i % width;
      const y = (i - x) / width;
      for (let ny = Math.max(0, y - 1); ny <= Math.min(height - 1, y + 1); ny++)
        for (let nx = Math.max(0, x - 1); nx <= Math.min(width - 1, x + 1); nx++) {
          const j = ny * width + nx;
          if (!seen[j] && inside(j)) {
            seen[j] = 1;
            stack.push(j);
          }
        }
    }
    if (area >= MIN_PIECE) count++;
  }
  return count;
}

async function inputOf(master: Uint8Array, format: 'svg' | 'png', name: string): Promise<ProcessorInput> {
  const meta = await sharp(master).metadata();
  return {
    master,
    format,
    isVector: format === 'svg',
    width: meta.width ?? 0,
    height: meta.height ?? 0,
    name,
  };
}

/** The three forms of a logo as the library would store them. */
export async function formsOf(logo: CorpusLogo, size: number): Promise<Record<Form, ProcessorInput>> {
  const clean = (await sanitizeSvg(logo.svg, `${logo.name}.svg`, { maxEmbeddedPixels: MAX_PIXELS })).svg;
  const svg = await inputOf(new TextEncoder().encode(clean), 'svg', logo.name);
  const white = await renderSvgText(clean, ...renderSize(svg, size), 'master');
  const png = await sharp(white.data, { raw: { width: white.width, height: white.height, channels: 4 } })
    .flatten({ background: '#ffffff' })
    .png()
    .toBuffer();
  const dir = mkdtempSync(join(tmpdir(), 'marque-bench-rsvg-'));
  let pdfMaster: ProcessorInput;
  try {
    writeFileSync(join(dir, 'in.svg'), logo.svg);
    execFileSync('rsvg-convert', ['-f', 'pdf', '-o', join(dir, 'in.pdf'), join(dir, 'in.svg')]);
    const vector = await pdfFirstPageToSvg(readFileSync(join(dir, 'in.pdf')), `${logo.name}.pdf`, MAX_PIXELS);
    const sanitized = await sanitizeSvg(vector.svg, `${logo.name}.pdf`, { maxEmbeddedPixels: MAX_PIXELS });
    pdfMaster = await inputOf(new TextEncoder().encode(sanitized.svg), 'svg', logo.name);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { svg, white: await inputOf(new Uint8Array(png), 'png', logo.name), pdf: pdfMaster };
}

/** Width and height with `size` as the long side, as the recipes render a vector master. */
export function renderSize(input: Pick<ProcessorInput, 'width' | 'height'>, size: number): [number, number] {
  const scale = size / Math.max(input.width, input.height);
  return [Math.max(1, Math.round(input.width * scale)), Math.max(1, Math.round(input.height * scale))];
}

/** Runs one recipe's measure: a refusal with a reason (INVALID_INPUT) is told apart from a crash. */
async function attempt<T>(
  crashes: Record<string, string>,
  refused: Record<string, string>,
  key: string,
  run: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    const message = (error as Error).message.slice(0, 200);
    if (error instanceof MarqueError && error.code === 'INVALID_INPUT') refused[key] = message;
    else crashes[key] = message;
    return undefined;
  }
}

/** librsvg's renders of the SVG master (transparent): at the trace size as the recipes render it, and at half of it for the colour measures. */
export interface MasterRenders {
  readonly full: RgbaImage;
  readonly half: RgbaImage;
}

export async function masterRenders(svg: ProcessorInput, size: number): Promise<MasterRenders> {
  return {
    full: await renderSvgText(svg.master, ...renderSize(svg, size), 'master'),
    // Vector outputs are drawn on their own page by Ghostscript (fitted), not on a recipe's pixel
    // frame: the master for them is fitted the same way.
    half: await renderSvgText(svg.master, ...renderSize(svg, size / 2), 'output'),
  };
}

/** Every measure of one form of a logo, against the SVG master's renders. */
export async function measureForm(
  logo: CorpusLogo,
  form: Form,
  input: ProcessorInput,
  masters: MasterRenders,
  vtracer: VtracerModule | null,
  size: number,
): Promise<Measured> {
  const master = masters.full;
  // Colour is compared at half size (the full-colour PDF, the package SVG): the same verdicts for a
  // quarter of the pixel work. Shape (the traces, the black PDF) is compared at full size.
  const small = masters.half;
  const crashes: Record<string, string> = {};
  const refused: Record<string, string> = {};
  const warnings: Record<string, readonly string[]> = {};
  // What the pipeline worker adds to every job of a master converted from a PDF with losses.
  const masterNotes = conversionWarnings(input.master);
  const { width, height } = master;
  // The master's ink as this form can show it: the black PDF and the bilevel trace share it.
  let shapeReference: Uint8Array | undefined;
  const inkReference = () => {
    shapeReference ??= formReference(master, form);
    return shapeReference;
  };
  const out: { -readonly [K in keyof Measured]?: Measured[K] } = {};

  await attempt(crashes, refused, 'pdf', async () => {
    const result = await pdf.run(input, pdf.options.parse({ variants: ['full-color', 'black'] }), context);
    warnings.pdf = [...masterNotes, ...factWarnings(result.facts)];
    const [full, black] = result.files;
    if (!full || !black) throw new Error(`pdf wrote ${result.files.length} files, not 2`);
    if (result.files.some((file) => pageCount(file.bytes) !== 1)) throw new Error('a pdf variant is not one page');
    // One Ghostscript run at the trace size: the black PDF is judged there, as the traces are (at
    // half size a 5:1 wordmark is 100 px tall and its IoU is all edge); the full-colour render is
    // then scaled down to the half-size master.
    const [fullRender, blackRender] = await renderPdfsGs([full.bytes, black.bytes], master.width, master.height);
    if (form !== 'white') out.fullPdfOff = lightnessOffShare(small, await resized(fullRender as RgbaImage, small));
    out.blackPdfIoU = inkIoU(inkReference(), blackRender as RgbaImage);
  });
  if (form !== 'white')
    await attempt(crashes, refused, 'package', async () => {
      const result = await packageProcessor.run(
        input,
        packageProcessor.options.parse({ colourways: ['FullColor'], formats: ['svg'] }),
        context,
      );
      warnings.package = [...masterNotes, ...factWarnings(result.facts)];
      const svg = result.files.find((file) => file.path.endsWith('.svg'));
      if (!svg) throw new Error('no full-colour SVG in the package');
      out.packageSvgOff = lightnessOffShare(small, await renderSvgText(svg.bytes, small.width, small.height));
    });
  await attempt(crashes, refused, 'trace', async () => {
    const result = await trace.run(input, trace.options.parse({ size }), context);
    warnings.trace = [...masterNotes, ...factWarnings(result.facts)];
    const rendered = await renderSvgText(result.files[0]?.bytes as Uint8Array, width, height);
    out.traceIoU = inkIoU(inkReference(), rendered);
    out.traceExtraPieces = extraPieces(inkReference(), rendered);
  });
  // Colour error on the logo's own pixels; the on-white form is judged as it is seen, on white.
  const logoMask = new Uint8Array(width * height);
  for (let i = 0; i < logoMask.length; i++) logoMask[i] = (master.data[i * 4 + 3] as number) >= OPAQUE_ALPHA ? 1 : 0;
  const reference = form === 'white' ? onWhitePixels(master) : master;
  const judged = (image: RgbaImage) => (form === 'white' ? onWhitePixels(image) : image);
  await attempt(crashes, refused, 'trace-color', async () => {
    const result = await traceColor.run(input, traceColor.options.parse({ size }), context);
    warnings['trace-color'] = [...masterNotes, ...factWarnings(result.facts)];
    const rendered = await renderSvgText(result.files[0]?.bytes as Uint8Array, width, height);
    out.colourDeltaE = colorFidelity(reference, judged(rendered), logoMask).meanColorError as number;
  });
  if (vtracer && form !== 'pdf')
    await attempt(crashes, refused, 'vtracer', async () => {
      const image = form === 'white' ? onWhitePixels(master) : master;
      const svg = vtracer.to_svg(image.data, width, height, VTRACER_CONFIG);
      const rendered = await renderSvgText(svg, width, height);
      out.vtracerDeltaE = colorFidelity(reference, judged(rendered), logoMask).meanColorError as number;
    });
  return { logo: logo.name, form, crashes, ...(Object.keys(refused).length ? { refused } : {}), warnings, ...out };
}
