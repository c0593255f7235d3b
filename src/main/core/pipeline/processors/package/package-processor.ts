import sharp from 'sharp';
import { MarqueError } from '../../../../../shared/errors.ts';
import { DEFAULT_PRINT_SETUP } from '../../../../../shared/print.ts';
import { openPress } from '../../../colour/press.ts';
import { loadNamedInks } from '../../../colour/print-service.ts';
import type { OutputFile, Processor, ProcessorInput } from '../../processor.ts';
import { faintArtWarning } from '../artwork/background-decision.ts';
import type { Rgb } from '../artwork/colour.ts';
import { needsKnockout } from '../artwork/knockout.ts';
import { loadMark, type Mark, markSource } from '../artwork/mark.ts';
import { masterArtwork } from '../artwork/master-artwork.ts';
import { paperOf, scoreFullColour, scoreFullColourOfMaster, scoreOneColour } from '../artwork/score.ts';
import { pdfOptions } from '../pdf/pdf-options.ts';
import { pdf } from '../pdf/pdf-processor.ts';
import { decodeToRgba } from '../raster/decode.ts';
import type { RgbaImage } from '../raster/rgba.ts';
import { matchNamedInk } from '../svg/inks.ts';
import { fidelityWarning, type ScoredFidelity } from '../vector/fidelity.ts';
import { type ColourwayName, recolourPixels, recolourPixelsWith, recolourSvg, recolourWith } from './colourways.ts';
import { oneColourPixels, oneColourSvg, tracedOneColourPath } from './one-colour.ts';
import { type PackageOptions, packageDescriptor, packageOptions } from './package-descriptor.ts';
import { type PrintColour, packageReadme } from './package-readme.ts';
import { type ReversedPlan, reversedPlan } from './reversed.ts';

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];
/** The one-colour colourways and their ink. */
const ONE_COLOUR: Partial<Record<ColourwayName, Rgb>> = { Black: BLACK, White: WHITE };

/** The `package` recipe: colourways x formats in the agency folder convention, with a client README. */
export const packageProcessor: Processor<PackageOptions> = {
  ...packageDescriptor,
  async run(input, options, context) {
    return buildLogoPackage(input, options, (percent) => context.progress(percent), context.signal);
  },
};

export async function buildLogoPackage(
  input: ProcessorInput,
  rawOptions: Partial<PackageOptions> = {},
  progress?: (percent: number) => void,
  signal: AbortSignal = new AbortController().signal,
) {
  const options = packageOptions.parse(rawOptions);
  const brand = options.brand ?? brandPrefix(input.name);
  const mark = await loadMark(markSource(input), { trim: false });
  const notes: string[] = [];
  const longSide = Math.max(input.width, input.height);
  // Raster masters are never enlarged: an upscaled bitmap is worse than no file.
  const pngSizes = mark.isVector ? options.pngSizes : options.pngSizes.filter((size) => size <= longSide);
  if (pngSizes.length < options.pngSizes.length) {
    notes.push(
      `PNG sizes above the ${longSide} px master were left out (no upscaling of a bitmap); trace the logo to get them.`,
    );
  }
  const svgText =
    mark.vector && (options.formats.includes('svg') || options.formats.includes('pdf'))
      ? await optimizeSvg(new TextDecoder().decode(input.master))
      : null;
  if (options.formats.includes('svg') && !mark.vector)
    notes.push('No SVG: the master is a bitmap (trace it first to get vector files).');
  const embedsBitmap = svgText !== null && /<image\b/i.test(svgText);
  if (embedsBitmap) notes.push('The SVG embeds a bitmap, so only its full-colour version is delivered as SVG.');

  const threshold = input.artwork?.threshold ?? null;
  const knockout = needsKnockout(mark.ink, threshold);
  if (knockout && options.colourways.some((c) => c in ONE_COLOUR)) {
    notes.push(
      'In the Black and White versions, the light details of the logo are cut out (transparent), as one-colour printing needs.',
    );
  }
  const reversed = reversedPlan(mark.ink, threshold);
  if (options.colourways.includes('Reversed')) notes.push(reversedNote(reversed));
  /** The one colour a colourway paints, when it is a one-colour version. */
  const oneColourOf = (colourway: ColourwayName): Rgb | undefined =>
    colourway === 'Reversed' && reversed.kind === 'white' ? WHITE : ONE_COLOUR[colourway];
  const paintFor =
    (colourway: ColourwayName) =>
    (rgba: Buffer): void => {
      const one = oneColourOf(colourway);
      if (one) oneColourPixels(rgba, one, knockout, threshold);
      else if (colourway === 'Reversed' && reversed.kind === 'colours') recolourPixelsWith(rgba, reversed.map);
      else recolourPixels(rgba, colourway);
    };
  // Art whose one-colour rule must be read from its pixels gets its one-colour SVG traced.
  const traced =
    svgText && knockout && options.colourways.some((c) => oneColourOf(c))
      ? await tracedOneColourPath(input, svgText)
      : null;
  const svgFor = (text: string, colourway: ColourwayName): string => {
    const one = oneColourOf(colourway);
    if (one) return oneColourSvg(text, one, knockout, input, threshold, traced);
    if (colourway === 'Reversed' && reversed.kind === 'colours') return recolourWith(text, reversed.map);
    return recolourSvg(text, colourway);
  };

  const jobs: Promise<OutputFile>[] = [];
  for (const colourway of options.colourways) {
    const stem = `${brand}_${options.logoType}_RGB_${colourway}`;
    const folder = `${options.logoType}/${colourway}/Digital`;
    if (svgText && options.formats.includes('svg') && (colourway === 'FullColor' || !embedsBitmap)) {
      const svg = svgFor(svgText, colourway);
      jobs.push(
        Promise.resolve({
          path: `${folder}/SVG/${stem}.svg`,
          bytes: new TextEncoder().encode(svg),
          mime: 'image/svg+xml',
        }),
      );
    }
    if (options.formats.includes('png')) {
      for (const size of pngSizes) {
        jobs.push(
          render(mark, paintFor(colourway), size, null).then((bytes) => ({
            path: `${folder}/PNG/${stem}_${size}.png`,
            bytes,
            mime: 'image/png',
          })),
        );
      }
    }
    if (options.formats.includes('jpg')) {
      // A white logo on white would be invisible: the white and reversed versions go on black.
      const onBlack = colourway === 'White' || colourway === 'Reversed';
      const size = mark.isVector ? options.jpgSize : Math.min(options.jpgSize, longSide);
      jobs.push(
        render(mark, paintFor(colourway), size, onBlack ? BLACK : WHITE).then((bytes) => ({
          path: `${folder}/JPG/${stem}_${onBlack ? 'OnBlack' : 'OnWhite'}_${size}.jpg`,
          bytes,
          mime: 'image/jpeg',
        })),
      );
    }
  }
  if (options.formats.includes('pdf'))
    jobs.push(...printPdfs(input, options, brand, svgText, signal, (text) => svgFor(text, 'Reversed'), reversed));
  const fidelity = await scoreColourways(
    input,
    mark,
    options.colourways,
    paintFor,
    (colourway) => oneColourOf(colourway) !== undefined,
    Math.min(...pngSizes, 512),
  );
  for (const [colourway, score] of Object.entries(fidelity)) {
    const warning = fidelityWarning(`The ${colourway} version`, score);
    if (warning) notes.push(warning);
  }
  let done = 0;
  const files = await Promise.all(
    jobs.map(async (job) => {
      const file = await job;
      progress?.(Math.round((++done / jobs.length) * 95));
      return file;
    }),
  );
  files.sort((a, b) => a.path.localeCompare(b.path));
  files.unshift({
    path: 'README.txt',
    bytes: new TextEncoder().encode(
      packageReadme({
        name: input.name,
        brand,
        logoType: options.logoType,
        files,
        notes,
        ...(options.formats.includes('pdf') ? { print: await printColour(input, options) } : {}),
      }),
    ),
    mime: 'text/plain',
  });
  return {
    files,
    facts: {
      brand,
      colourways: options.colourways,
      files: files.length,
      notes,
      background: mark.background,
      knockout,
      reversed:
        reversed.kind === 'white' ? 'one-colour white' : reversed.whitened ? 'brand colours kept' : 'full colour',
      fidelity,
      warnings: [
        ...faintArtWarning(mark),
        ...Object.entries(fidelity)
          .map(([colourway, score]) => fidelityWarning(`The ${colourway} version`, score))
          .filter((warning): warning is string => warning !== null),
      ],
    },
  };
}

/** Draws the whole artboard at `size` on its long side, recoloured; transparent PNG or JPEG on a colour. */
async function render(
  mark: Mark,
  paint: (rgba: Buffer) => void,
  size: number,
  background: Rgb | null,
): Promise<Buffer> {
  const width = Math.max(1, Math.round(mark.aspect >= 1 ? size : size * mark.aspect));
  const height = Math.max(1, Math.round(mark.aspect >= 1 ? size / mark.aspect : size));
  if (!background) {
    const pixels = await mark.render(width, height);
    paint(pixels);
    return sharp(pixels, { raw: { width, height, channels: 4 } })
      .png({ compressionLevel: 6 })
      .toBuffer();
  }
  // On a background the artwork gets clear space (JPG_MARGIN of the smaller side) so it never
  // touches the edge of the picture; the file keeps the artboard's proportions at `size`.
  const margin = Math.round(Math.min(width, height) * JPG_MARGIN);
  const innerW = Math.max(1, width - 2 * margin);
  const innerH = Math.max(1, height - 2 * margin);
  const pixels = await mark.render(innerW, innerH);
  paint(pixels);
  const [r, g, b] = background;
  return sharp(pixels, { raw: { width: innerW, height: innerH, channels: 4 } })
    .flatten({ background: { r, g, b } })
    .extend({
      top: margin,
      bottom: height - innerH - margin,
      left: margin,
      right: width - innerW - margin,
      background: { r, g, b },
    })
    .jpeg({ quality: 92, chromaSubsampling: '4:4:4' })
    .toBuffer();
}

const JPG_MARGIN = 0.08;

const PDF_VARIANT_OF: Partial<Record<ColourwayName, 'full-color' | 'black' | 'reversed'>> = {
  FullColor: 'full-color',
  Black: 'black',
  White: 'reversed',
};

/**
 * Print PDFs from the pdf recipe (true vectors, CMYK): full colour, black and white (white ink
 * alone, holes as geometry) from the master; reversed in colour and greyscale from the recoloured
 * SVG (vector masters only).
 */
function printPdfs(
  input: ProcessorInput,
  options: PackageOptions,
  brand: string,
  svgText: string | null,
  signal: AbortSignal,
  reversedSvg: (text: string) => string,
  reversed: ReversedPlan,
): Promise<OutputFile>[] {
  const context = { signal, progress: () => {} };
  const path = (colourway: ColourwayName) =>
    `${options.logoType}/${colourway}/Print/PDF/${brand}_${options.logoType}_CMYK_${colourway}.pdf`;
  const jobs: Promise<OutputFile>[] = [];
  // The reversed version in one colour is the white one: the same vector PDF.
  const variantOf = (c: ColourwayName) =>
    c === 'Reversed' && reversed.kind === 'white' ? 'reversed' : PDF_VARIANT_OF[c];
  const fromMaster = options.colourways.filter((c) => variantOf(c));
  if (fromMaster.length) {
    const variants = [...new Set(fromMaster.map((c) => variantOf(c) as 'full-color' | 'black' | 'reversed'))];
    // White ink on no page: the artwork alone, with no dark rectangle a cutter would take for art.
    const run = pdf.run(input, pdfOptions.parse({ variants, reverseBackground: 'none', pdfx: options.pdfx }), context);
    for (const colourway of fromMaster) {
      jobs.push(
        run.then((result) => ({
          path: path(colourway),
          bytes: pdfFile(result.files, `${variantOf(colourway)}.pdf`),
          mime: 'application/pdf',
        })),
      );
    }
  }
  for (const colourway of options.colourways) {
    if (variantOf(colourway) || !svgText) continue;
    const recoloured = colourway === 'Reversed' ? reversedSvg(svgText) : recolourSvg(svgText, colourway);
    const master = new TextEncoder().encode(recoloured);
    const run = pdf.run(
      { ...input, master },
      pdfOptions.parse({ variants: ['full-color'], pdfx: options.pdfx }),
      context,
    );
    jobs.push(
      run.then((result) => ({
        path: path(colourway),
        bytes: pdfFile(result.files, 'full-color.pdf'),
        mime: 'application/pdf',
      })),
    );
  }
  return jobs;
}

/** The press and the brand colours as print builds, for the README (palette colours when the logo has them). */
async function printColour(input: ProcessorInput, options: PackageOptions): Promise<PrintColour> {
  const setup = input.print ?? DEFAULT_PRINT_SETUP;
  const press = await openPress(setup);
  const named = await loadNamedInks(setup);
  return {
    profile: setup.profile.name,
    intent: setup.intent,
    coverageLimit: setup.coverageLimit,
    pdfx: options.pdfx,
    colours: (input.palette?.colors ?? []).map((colour) => {
      const ink = colour.name ? undefined : named.length > 0 ? matchNamedInk(colour.rgb, named) : undefined;
      return {
        hex: colour.hex,
        cmyk: press.cmyk(colour.rgb),
        ...(colour.name ? { name: colour.name } : {}),
        ...(ink ? { ink: `${ink.name} (dE00 ${ink.deltaE00})` } : {}),
      };
    }),
  };
}

function pdfFile(files: readonly OutputFile[], name: string): Uint8Array {
  const found = files.find((f) => f.path === name);
  if (!found) throw new MarqueError('INTERNAL', `package: the pdf recipe wrote no ${name}`);
  return found.bytes;
}

async function optimizeSvg(text: string): Promise<string> {
  // Loaded lazily: svgo is heavy, and the registry imports every processor module.
  const { optimize } = await import('svgo');
  return optimize(text, { multipass: true, plugins: ['preset-default'] }).data;
}

/** 'Acme Widgets & Co.' -> 'AcmeWidgetsCo': letters and digits of each word, capitalised. */
export function brandPrefix(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .split(/[\s_-]+/)
    .filter(Boolean);
  const joined = words
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')
    .replace(/[^A-Za-z0-9]/g, '');
  return joined.slice(0, 40) || 'Brand';
}

function reversedNote(plan: ReversedPlan): string {
  if (plan.kind === 'white')
    return 'The Reversed version is the logo in white: its colours do not all read on a dark background.';
  return plan.whitened
    ? 'The Reversed version keeps the brand colours that read on dark; the dark ones are white.'
    : 'The Reversed version keeps the full colours: they all read on a dark background.';
}

/**
 * Honest scores of the colourways, on their PNG at `size`: each against a render of the master
 * (background decided) transformed by the colourway's rule. Full colour: the master itself;
 * black and white: the master's ink under the one-colour rule; reversed in colour: the master
 * recoloured by its map. Greyscale is not scored.
 */
async function scoreColourways(
  input: ProcessorInput,
  mark: Mark,
  colourways: readonly ColourwayName[],
  paintFor: (colourway: ColourwayName) => (rgba: Buffer) => void,
  isOneColour: (colourway: ColourwayName) => boolean,
  size: number,
): Promise<Record<string, ScoredFidelity>> {
  if (input.format === 'pdf') return {};
  const width = Math.max(1, Math.round(mark.aspect >= 1 ? size : size * mark.aspect));
  const height = Math.max(1, Math.round(mark.aspect >= 1 ? size / mark.aspect : size));
  const decided = await masterArtwork(input, Math.max(width, height));
  const atSize = async (image: RgbaImage): Promise<RgbaImage> =>
    image.width === width && image.height === height
      ? image
      : decodeToRgba(
          await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
            .resize(width, height, { fit: 'fill' })
            .png()
            .toBuffer(),
          'png',
        );
  const master = await atSize(decided.image);
  // A master on paper: the full colour is judged as it is seen, on its paper, against the plain render.
  const plain = paperOf(decided.decision) ? await atSize(decided.master) : master;
  const scores: Record<string, ScoredFidelity> = {};
  for (const colourway of colourways) {
    if (colourway === 'Grayscale') continue;
    const pixels = await mark.render(width, height);
    paintFor(colourway)(pixels);
    const output: RgbaImage = { width, height, data: new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.length) };
    if (isOneColour(colourway)) {
      scores[colourway] = scoreOneColour(master, output, input.artwork?.threshold);
      continue;
    }
    if (colourway === 'FullColor') {
      scores[colourway] = scoreFullColourOfMaster(master, plain, decided.decision, output);
      continue;
    }
    // The master transformed by the colourway's own rule (the identity for full colour).
    const expected = Buffer.from(master.data);
    paintFor(colourway)(expected);
    scores[colourway] = scoreFullColour(
      { width, height, data: new Uint8Array(expected.buffer, expected.byteOffset, expected.length) },
      output,
    );
  }
  return scores;
}
