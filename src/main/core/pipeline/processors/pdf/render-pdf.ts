import { MarqueError } from '../../../../../shared/errors.ts';
import type { ProcessorContext, ProcessorInput, ProcessorResult } from '../../processor.ts';
import type { SvgArt } from '../svg/art.ts';
import { type Cmyk, hexToRgb, isPaperWhite, rgbToCmyk } from '../svg/color.ts';
import {
  artToOps,
  type DisplayPage,
  type DrawOp,
  type Ink,
  type InkMapper,
  inkGradient,
  type PathOp,
  rect,
} from '../svg/display-list.ts';
import { chooseInks, nearestInk, type SpotInk } from '../svg/inks.ts';
import { loadArt } from '../svg/load-art.ts';
import { multiply, scale, translate } from '../svg/matrix.ts';
import { knocksOutLightDetails, oneColourOps } from './one-colour-art.ts';
import { addDisplayPage, createPdf, finishPdf } from './pdf-draw.ts';
import { MM, type PdfOptions } from './pdf-options.ts';

const PAPER: Cmyk = [0, 0, 0, 0];
/** The one-colour inks: process black, and paper (white on the reversed variant's dark page). */
const BLACK_INK: Ink = { space: 'cmyk', cmyk: [0, 0, 0, 100] };
const PAPER_INK: Ink = { space: 'cmyk', cmyk: PAPER };

/** Full colour: CMYK (gradients as CMYK shadings), or the nearest named spot ink; paper white stays paper. */
function fullColourInks(opts: PdfOptions, inks: readonly SpotInk[]): InkMapper {
  return (paint) => {
    const white = isPaperWhite(paint.rgb);
    const ink = opts.color === 'spot' && !white ? nearestInk(paint.rgb, inks) : null;
    if (ink)
      return { ink: { space: 'separation', name: ink.name, alternate: ink.cmyk, tint: 1 }, opacity: paint.opacity };
    const flat: Ink = { space: 'cmyk', cmyk: white ? PAPER : rgbToCmyk(paint.rgb) };
    if (!paint.gradient) return { ink: flat, opacity: paint.opacity };
    const gradient = inkGradient(paint.gradient, (stop) => ({ space: 'cmyk', cmyk: rgbToCmyk(stop.rgb) }));
    return { ink: flat, opacity: paint.opacity, gradient };
  };
}

/** Page size and placement: the artboard (scaled to widthMm) plus the margin, in points. */
export function pdfPageGeometry(art: SvgArt, opts: Pick<PdfOptions, 'widthMm' | 'marginMm'>) {
  const factor = opts.widthMm ? (opts.widthMm * MM) / art.widthPt : 1;
  const margin = opts.marginMm * MM;
  return {
    widthPt: art.widthPt * factor + 2 * margin,
    heightPt: art.heightPt * factor + 2 * margin,
    placement: multiply(translate(margin, margin), scale(factor)),
    /** The artboard on the page (x, y, width, height): the PDF's TrimBox. */
    trimBox: [margin, margin, art.widthPt * factor, art.heightPt * factor] as const,
  };
}

/**
 * The vector PDF of a logo: one file per colourway, page = artboard (+ margin) at its exact size,
 * true vector paths, colours as CMYK or named spot inks.
 */
export async function runPdf(
  input: ProcessorInput,
  opts: PdfOptions,
  context: ProcessorContext,
): Promise<ProcessorResult> {
  context.progress(5);
  if (input.format === 'pdf')
    throw new MarqueError(
      'UNSUPPORTED_FORMAT',
      `${input.name}: a PDF master is already a PDF; import its SVG to derive print PDFs`,
    );
  const { art, source } = await loadArt(
    input,
    opts.palette?.map((entry) => entry.hex),
  );
  context.signal.throwIfAborted();
  if (art.items.length === 0)
    throw new MarqueError('INVALID_INPUT', `${input.name}: the logo has no painted shapes to put in a PDF`);
  context.progress(40);
  const inks = chooseInks(art, opts.palette, input.palette, source);
  const geometry = pdfPageGeometry(art, opts);
  const backgroundCmyk = opts.reverseBackground === 'none' ? null : rgbToCmyk(hexToRgb(opts.reverseBackground));
  const files = [];
  // One-colour versions knock light details out as the package's do (a white backdrop included).
  const oneColour = opts.variants.some((variant) => variant !== 'full-color');
  const knockout = oneColour && (await knocksOutLightDetails(input, art));
  const pageSize = { widthPt: geometry.widthPt, heightPt: geometry.heightPt };
  const threshold = input.artwork?.threshold ?? null;
  const placement = geometry.placement;
  for (const variant of opts.variants) {
    const ops: DrawOp[] =
      variant === 'full-color'
        ? artToOps(art, placement, fullColourInks(opts, inks))
        : variant === 'black'
          ? oneColourOps(art, placement, BLACK_INK, knockout, threshold)
          : [
              ...(backgroundCmyk ? [darkPage(pageSize, backgroundCmyk)] : []),
              ...oneColourOps(art, placement, PAPER_INK, knockout, threshold),
            ];
    const page: DisplayPage = {
      widthPt: geometry.widthPt,
      heightPt: geometry.heightPt,
      ops,
      trimBox: geometry.trimBox,
    };
    const doc = createPdf({
      title: `${input.name} (${variant.replace('-', ' ')})`,
      subject: `Logo, ${variant.replace('-', ' ')}`,
      keywords: 'logo',
    });
    addDisplayPage(doc, page);
    files.push({ path: `${variant}.pdf`, bytes: await finishPdf(doc), mime: 'application/pdf' });
    context.signal.throwIfAborted();
  }
  context.progress(100);
  return {
    files,
    facts: {
      source,
      pageMm: [round2(geometry.widthPt / MM), round2(geometry.heightPt / MM)],
      color: opts.color,
      inks: opts.color === 'spot' ? inks.map((ink) => ({ name: ink.name, hex: ink.hex })) : [],
      knockout,
      warnings: art.warnings,
    },
  };
}

/** The reversed variant's page colour, as a full-page rectangle. */
function darkPage(page: { readonly widthPt: number; readonly heightPt: number }, cmyk: Cmyk): PathOp {
  return {
    kind: 'path',
    d: rect(0, 0, page.widthPt, page.heightPt),
    matrix: [1, 0, 0, 1, 0, 0],
    fill: { ink: { space: 'cmyk', cmyk }, opacity: 1 },
    fillRule: 'nonzero',
    stroke: null,
    clips: [],
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
