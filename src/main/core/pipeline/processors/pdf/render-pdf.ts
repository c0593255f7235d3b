import { type Cmyk, hexToRgb, isPaperWhite } from '../../../../../shared/colour.ts';
import { MarqueError } from '../../../../../shared/errors.ts';
import { DEFAULT_PRINT_SETUP } from '../../../../../shared/print.ts';
import { builtinSrgbProfile } from '../../../colour/icc.ts';
import { openPress, type Press } from '../../../colour/press.ts';
import { loadNamedInks } from '../../../colour/print-service.ts';
import type { ProcessorContext, ProcessorInput, ProcessorResult } from '../../processor.ts';
import { storedPdfMaster } from '../stored-pdf.ts';
import { effectCount, type Paint, type SvgArt } from '../svg/art.ts';
import {
  artToOps,
  type DisplayPage,
  type DrawOp,
  type Ink,
  type InkMapper,
  inkGradient,
  type PathOp,
  rect,
  withBitmaps,
} from '../svg/display-list.ts';
import { type InkPlan, nearestInk, planInks, type SpotInk } from '../svg/inks.ts';
import { loadArt, loadOneColourTrace } from '../svg/load-art.ts';
import { type Matrix, multiply, scale, translate } from '../svg/matrix.ts';
import { shortSideMm } from '../svg/printed-size.ts';
import { fidelityWarning } from '../vector/fidelity.ts';
import { knocksOutLightDetails, oneColourOps } from './one-colour-art.ts';
import { scoreOneColourPdf } from './one-colour-score.ts';
import { addDisplayPage, createPdf, finishPdf, type PdfX } from './pdf-draw.ts';
import { MM, type PdfOptions } from './pdf-options.ts';
import { lowestPrintPpi, PRINT_PPI, printBitmaps } from './print-bitmaps.ts';

const PAPER: Cmyk = [0, 0, 0, 0];
/** The one-colour inks: process black, and paper (white on the reversed variant's dark page). */
const BLACK_INK: Ink = { space: 'cmyk', cmyk: [0, 0, 0, 100] };
const PAPER_INK: Ink = { space: 'cmyk', cmyk: PAPER };

/**
 * Full colour: CMYK through the press profile (gradients as CMYK shadings), or the nearest named
 * spot ink; paper white stays paper. In spot mode a gradient prints in process colour (a warning
 * says so) unless two-ink gradients are asked for as spot tints (see twoInkGradients).
 */
function fullColourInks(opts: PdfOptions, inks: readonly SpotInk[], press: Press, toPage: Matrix): InkMapper {
  return (paint, item) => {
    // Spot jobs leave near-white to the paper; process colour lets the profile decide (white is 0 %).
    const white = opts.color === 'spot' && isPaperWhite(paint.rgb);
    const ink = opts.color === 'spot' && !white && !paint.gradient ? nearestInk(paint.rgb, inks) : null;
    if (ink)
      return { ink: { space: 'separation', name: ink.name, alternate: ink.cmyk, tint: 1 }, opacity: paint.opacity };
    // The rich-black rule goes by the shape's size for its gradient's stops too: a large square
    // fading to black ends in rich black, as a flat one would (pure K alone prints dark grey).
    const side = shortSideMm(item, toPage);
    const flat: Ink = { space: 'cmyk', cmyk: white ? PAPER : press.cmyk(paint.rgb, side) };
    if (!paint.gradient) return { ink: flat, opacity: paint.opacity };
    const gradient = inkGradient(paint.gradient, (stop) => ({ space: 'cmyk', cmyk: press.cmyk(stop.rgb, side) }));
    return { ink: flat, opacity: paint.opacity, gradient };
  };
}

/** The inks a gradient's stops print with (paper stops need none); null when a stop is paper-only. */
function gradientInks(paint: Paint, inks: readonly SpotInk[]): SpotInk[] {
  const used: SpotInk[] = [];
  for (const stop of paint.gradient?.stops ?? []) {
    const ink = nearestInk(stop.rgb, inks);
    if (ink && !used.includes(ink)) used.push(ink);
  }
  return used;
}

/**
 * The full-colour art in spot mode with two-ink gradients as spot tints: such a fill becomes one
 * tint ramp per ink (a stop on that ink is tint 1, on the other ink or paper tint 0), the second
 * overprinting the first, as a screen printer prints a blend with two screens. Everything else is
 * inked by fullColourInks, in the same stacking order.
 */
function spotTintOps(art: SvgArt, placement: Matrix, inks: readonly SpotInk[], base: InkMapper): DrawOp[] {
  const ops: DrawOp[] = [];
  for (const item of art.items) {
    const single = { ...art, items: [item] };
    const pair = item.fill?.gradient ? gradientInks(item.fill, inks) : [];
    if (pair.length === 0 || pair.length > 2 || item.stroke) {
      ops.push(...artToOps(single, placement, base, { blend: true }));
      continue;
    }
    pair.forEach((ink, index) => {
      const ramp: InkMapper = (paint) => {
        const separation = (tint: number): Ink => ({ space: 'separation', name: ink.name, alternate: ink.cmyk, tint });
        const tintOf = (rgb: Paint['rgb']) => (nearestInk(rgb, inks) === ink ? 1 : 0);
        const gradient = paint.gradient
          ? inkGradient(paint.gradient, (stop) => separation(tintOf(stop.rgb)))
          : undefined;
        return { ink: separation(1), opacity: paint.opacity, ...(gradient ? { gradient } : {}) };
      };
      for (const op of artToOps(single, placement, ramp)) ops.push(index === 0 ? op : { ...op, overprint: true });
    });
  }
  return ops;
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
  if (input.format === 'pdf') throw storedPdfMaster(input.name);
  const loaded = await loadArt(
    input,
    opts.palette?.map((entry) => entry.hex),
  );
  const { art, source } = loaded;
  context.signal.throwIfAborted();
  if (art.items.length === 0)
    throw new MarqueError('INVALID_INPUT', `${input.name}: the logo has no painted shapes to put in a PDF`);
  context.progress(40);
  const setup = input.print ?? DEFAULT_PRINT_SETUP;
  const press = await openPress(setup);
  const plan: InkPlan =
    opts.color === 'spot'
      ? await planInks(art, opts.palette, input.palette, press, await loadNamedInks(setup), opts)
      : { inks: [], merges: [], paper: [], gradientCoverage: 0 };
  const inks = plan.inks;
  const geometry = pdfPageGeometry(art, opts);
  const backgroundCmyk =
    opts.reverseBackground === 'none' ? null : press.cmyk(hexToRgb(opts.reverseBackground), Number.POSITIVE_INFINITY);
  const pdfx: PdfX | undefined = opts.pdfx
    ? { profile: press.transform.profile, profileName: setup.profile.name, bleedPt: 0 }
    : undefined;
  const warnings = [...art.warnings];
  // Bitmaps inside a vector master (a placed image, an effect a PDF master's maker rasterised) are
  // drawn as images in the full-colour version; the one-colour versions trace the render instead.
  const fullColour = opts.variants.includes('full-color');
  const toPage = multiply(geometry.placement, art.rootMatrix);
  // A spot job prints every colour in one named ink: effects are drawn plain there, not in process.
  const spot = opts.color === 'spot';
  const printed = fullColour
    ? await printBitmaps(art, press, Math.hypot(toPage[0], toPage[1]), { effects: !spot })
    : { bitmaps: new Map(), effectsDrawn: new Set<number>(), warnings: [] };
  if (fullColour && spot && effectCount(art) > 0)
    warnings.push(
      'Filters and masks (a blur, a glow, a soft mask) are drawn without their effect in spot colours: each colour prints in one ink.',
    );
  const { bitmaps } = printed;
  warnings.push(...printed.warnings);
  const ppi = lowestPrintPpi(bitmaps, toPage);
  if (ppi !== null && Math.round(ppi) < PRINT_PPI)
    warnings.push(
      `Bitmaps in the full-colour PDF (images the master holds, effects such as a blur drawn as images) print at ${Math.round(ppi)} ppi at this size at the coarsest, under the ${PRINT_PPI} ppi print wants: they will look soft.`,
    );
  if (opts.color === 'spot' && bitmaps.size > 0)
    warnings.push('Bitmaps (images the master holds, effects drawn as images) print in process CMYK, not spot inks.');
  if (opts.color === 'spot' && opts.gradients === 'spot-tints' && plan.gradientCoverage > 0)
    warnings.push(
      'Two-ink gradients print as two overprinting spot tints: view the PDF with Overprint Preview on (Acrobat does for PDF/X).',
    );
  if (opts.color === 'spot' && opts.gradients === 'process' && plan.gradientCoverage > 0)
    warnings.push(
      `Gradients (${percent(plan.gradientCoverage)} of the artboard) print in process CMYK, not as spot inks; use separations for two spot tints.`,
    );
  const files = [];
  // One-colour versions knock light details out as the package's do (a white backdrop included).
  const oneColour = opts.variants.some((variant) => variant !== 'full-color');
  // Where whole shapes cannot carry the one-colour rule (a raster; gradients across the
  // threshold), the one-colour versions draw the bilevel trace, knocked out already.
  const oneColourTrace = oneColour ? await loadOneColourTrace(input, loaded) : null;
  const oneColourArt = oneColourTrace?.art ?? art;
  // With a trace, its knockout is done already: the shapes are drawn in the ink as they are.
  const knockout = oneColour && !oneColourTrace && (await knocksOutLightDetails(input, art));
  // Scored as the trace is: the one shape all one-colour variants draw, against the master.
  const fidelity = oneColour ? await scoreOneColourPdf(input, oneColourArt, knockout, loaded.image) : null;
  const fidelityNote = fidelity ? fidelityWarning('The one-colour PDF', fidelity) : null;
  if (fidelityNote) warnings.push(fidelityNote);
  const pageSize = { widthPt: geometry.widthPt, heightPt: geometry.heightPt };
  const threshold = input.artwork?.threshold ?? null;
  const placement = geometry.placement;
  for (const variant of opts.variants) {
    const inked = fullColourInks(opts, inks, press, multiply(placement, art.rootMatrix));
    const ops: DrawOp[] =
      variant === 'full-color'
        ? withBitmaps(art, placement, printed, (run) =>
            opts.color === 'spot' && opts.gradients === 'spot-tints'
              ? spotTintOps(run, placement, inks, inked)
              : artToOps(run, placement, inked, { blend: true }),
          )
        : variant === 'black'
          ? oneColourOps(oneColourArt, placement, BLACK_INK, knockout, threshold)
          : [
              ...(backgroundCmyk ? [darkPage(pageSize, backgroundCmyk)] : []),
              ...oneColourOps(oneColourArt, placement, PAPER_INK, knockout, threshold),
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
      ...(pdfx ? { pdfx } : {}),
      srgbProfile: await builtinSrgbProfile(),
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
      inks: inks.map((ink) => ({
        name: ink.name,
        hex: ink.hex,
        cmyk: ink.cmyk,
        coverage: ink.coverage,
        ...(ink.match ? { match: ink.match } : {}),
      })),
      merges: plan.merges,
      paper: plan.paper,
      press: { profile: setup.profile.name, intent: setup.intent, coverageLimit: setup.coverageLimit },
      pdfx: opts.pdfx,
      knockout: knockout || (oneColourTrace?.knockout ?? false),
      // 'traced': the one-colour versions follow the rendered pixels (a raster, or shading).
      oneColour: oneColour ? (oneColourTrace ? 'traced' : 'shapes') : null,
      fidelity,
      warnings,
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

function percent(share: number): string {
  return share < 0.001 ? 'under 0.1 %' : `${Math.round(share * 1000) / 10} %`;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
