import { MarqueError } from '../../../../../shared/errors.ts';
import type { ProcessorContext, ProcessorInput, ProcessorResult } from '../../processor.ts';
import type { SvgArt } from '../svg/art.ts';
import { type Cmyk, hexToRgb, isPaperWhite, rgbToCmyk } from '../svg/color.ts';
import { artToOps, type DisplayPage, type Ink, type InkMapper, inkGradient, rect } from '../svg/display-list.ts';
import { chooseInks, nearestInk, type SpotInk } from '../svg/inks.ts';
import { loadArt } from '../svg/load-art.ts';
import { multiply, scale, translate } from '../svg/matrix.ts';
import { addDisplayPage, createPdf, finishPdf } from './pdf-draw.ts';
import { MM, type PdfOptions, type PdfVariant } from './pdf-options.ts';

const PAPER: Cmyk = [0, 0, 0, 0];
const BLACK: Cmyk = [0, 0, 0, 100];

function inkMapper(variant: PdfVariant, opts: PdfOptions, inks: readonly SpotInk[], backgroundCmyk: Cmyk): InkMapper {
  return (paint) => {
    const white = isPaperWhite(paint.rgb);
    switch (variant) {
      case 'full-color': {
        const ink = opts.color === 'spot' && !white ? nearestInk(paint.rgb, inks) : null;
        if (ink)
          return { ink: { space: 'separation', name: ink.name, alternate: ink.cmyk, tint: 1 }, opacity: paint.opacity };
        const flat: Ink = { space: 'cmyk', cmyk: white ? PAPER : rgbToCmyk(paint.rgb) };
        if (!paint.gradient) return { ink: flat, opacity: paint.opacity };
        const gradient = inkGradient(paint.gradient, (stop) => ({ space: 'cmyk', cmyk: rgbToCmyk(stop.rgb) }));
        return { ink: flat, opacity: paint.opacity, gradient };
      }
      case 'black':
        return { ink: { space: 'cmyk', cmyk: white ? PAPER : BLACK }, opacity: paint.opacity };
      case 'reversed':
        return { ink: { space: 'cmyk', cmyk: white ? backgroundCmyk : PAPER }, opacity: paint.opacity };
    }
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
  const backgroundCmyk = rgbToCmyk(hexToRgb(opts.reverseBackground));
  const files = [];
  for (const variant of opts.variants) {
    const ops = artToOps(art, geometry.placement, inkMapper(variant, opts, inks, backgroundCmyk));
    const background =
      variant === 'reversed'
        ? [
            {
              kind: 'path' as const,
              d: rect(0, 0, geometry.widthPt, geometry.heightPt),
              matrix: [1, 0, 0, 1, 0, 0] as const,
              fill: { ink: { space: 'cmyk' as const, cmyk: backgroundCmyk }, opacity: 1 },
              fillRule: 'nonzero' as const,
              stroke: null,
              clips: [],
            },
          ]
        : [];
    const page: DisplayPage = {
      widthPt: geometry.widthPt,
      heightPt: geometry.heightPt,
      ops: [...background, ...ops],
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
      warnings: art.warnings,
    },
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
