import type { Rgb } from '../../../../../shared/colour.ts';
import { MarqueError } from '../../../../../shared/errors.ts';
import { DEFAULT_PRINT_SETUP } from '../../../../../shared/print.ts';
import { builtinSrgbProfile } from '../../../colour/icc.ts';
import { openPress, type Press } from '../../../colour/press.ts';
import { loadNamedInks } from '../../../colour/print-service.ts';
import type { OutputFile, ProcessorContext, ProcessorInput, ProcessorResult } from '../../processor.ts';
import { addDisplayPage, createPdf, finishPdf, type PdfX } from '../pdf/pdf-draw.ts';
import { storedPdfMaster } from '../stored-pdf.ts';
import { bitmapCount, effectCount, type Paint, type SvgArt } from '../svg/art.ts';
import { artToOps, type DisplayPage, type DrawOp, type Ink, inkGradient } from '../svg/display-list.ts';
import { type InkPlan, planInks } from '../svg/inks.ts';
import { loadArt } from '../svg/load-art.ts';
import { type Matrix, multiply, scale, translate } from '../svg/matrix.ts';
import { shortSideMm } from '../svg/printed-size.ts';
import { type ArtRaster, artRaster } from './art-raster.ts';
import { renderFilm } from './film.ts';
import { type BarPatch, MM, type PlateLayout, pageMarks, plateLayout } from './marks.ts';
import { FILM_BLACK, type Plate, planPlates, plateInkMapper, platesWithInk } from './plates.ts';
import { autoTrapPt, type SeparationOptions } from './separation-options.ts';
import { trapOps } from './trap.ts';
import { underbaseOps } from './underbase.ts';

const REGISTRATION: Ink = { space: 'cmyk', cmyk: [100, 100, 100, 100] };
const NO_INK: Ink = { space: 'cmyk', cmyk: [0, 0, 0, 0] };

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'ink'
  );
}

function cmykText(cmyk: readonly number[]): string {
  return `C${cmyk[0]} M${cmyk[1]} Y${cmyk[2]} K${cmyk[3]}`;
}

function screenText(opts: SeparationOptions, plate: Plate): string {
  return opts.halftone ? `${opts.lpi} lpi at ${plate.angleDeg}°, ${opts.dot} dot` : 'solid only (no halftone)';
}

function plateLabel(job: string, plate: Plate, n: number, count: number, opts: SeparationOptions): string[] {
  return [
    `${job} - plate ${n} of ${count}: ${plate.name}`,
    `${plate.kind === 'underbase' ? `white underbase, choked ${opts.underbaseChokePt} pt` : `${plate.hex.toUpperCase()} / ${cmykText(plate.cmyk)}`} - print order ${n}`,
    `${screenText(opts, plate)} - ${opts.printWidthMm} mm wide - ${opts.mirror ? 'emulsion down (mirrored)' : 'emulsion up (right reading)'}${(opts.trapPt ?? 0) > 0 ? ` - trap ${opts.trapPt} pt` : ''}`,
  ];
}

/** The art's ops for one plate: its paints at their amounts, the rest knocked out, plus traps. */
async function plateArt(
  art: SvgArt,
  placement: Matrix,
  plate: Plate,
  plates: readonly Plate[],
  opts: SeparationOptions,
  raster: () => ArtRaster,
): Promise<DrawOp[]> {
  const ink: Ink = { space: 'separation', name: plate.name, alternate: FILM_BLACK, tint: 1 };
  if (plate.kind === 'underbase') return underbaseOps(art, placement, opts.underbaseChokePt, ink);
  const ops = artToOps(art, placement, plateInkMapper(plate, multiply(placement, art.rootMatrix)));
  const trapPt = opts.trapPt ?? 0;
  if (plate.kind !== 'spot' || trapPt <= 0) return ops;
  return [...ops, ...(await trapOps(raster(), plate, plates, trapPt, ink))];
}

function colourBar(ink: (tint: number) => Ink): BarPatch[] {
  return [100, 90, 80, 70, 60, 50, 40, 30, 20, 10].map((percent) => ({
    ink: ink(percent / 100),
    caption: `${percent}`,
  }));
}

/**
 * Colour separations: one plate per spot ink (or C, M, Y, K), each a PDF page in its own named
 * Separation colour space and a screened PNG film positive, all with the same registration targets,
 * crop marks at the trim, a label and a tint bar; and a composite proof page last.
 */
export async function runSeparations(
  input: ProcessorInput,
  options: SeparationOptions,
  context: ProcessorContext,
): Promise<ProcessorResult> {
  // Trap is on by default for spot inks, sized for the print (the label and the facts show it).
  const autoTrap = options.trapPt === undefined && options.type === 'spot';
  const opts: SeparationOptions = {
    ...options,
    trapPt: options.trapPt ?? (options.type === 'spot' ? autoTrapPt(options.printWidthMm, options.dpi) : 0),
  };
  context.progress(2);
  if (input.format === 'pdf') throw storedPdfMaster(input.name);
  const { art, source } = await loadArt(
    input,
    opts.palette?.map((entry) => entry.hex),
  );
  if (art.items.length === 0)
    throw new MarqueError('INVALID_INPUT', `${input.name}: the logo has no painted shapes to separate`);
  const setup = input.print ?? DEFAULT_PRINT_SETUP;
  const press = await openPress(setup);
  const plan: InkPlan =
    opts.type === 'spot'
      ? await planInks(art, opts.palette, input.palette, press, await loadNamedInks(setup), opts)
      : { inks: [], merges: [], paper: [], gradientCoverage: 0 };
  const inks = plan.inks;
  // A logo drawn only in gradients has no flat colour to make a spot ink of: it prints in process.
  if (opts.type === 'spot' && inks.length === 0 && plan.gradientCoverage > 0) {
    const result = await runSeparations(input, { ...options, type: 'process' }, context);
    const facts = result.facts as { warnings?: string[] } | undefined;
    facts?.warnings?.unshift(
      'The logo is drawn only in gradients, so it is separated in process colour (C, M, Y, K), not spot inks.',
    );
    return result;
  }
  if (opts.type === 'spot' && inks.length === 0)
    throw new MarqueError('INVALID_INPUT', `${input.name}: no ink colours to separate (the logo is white only)`);
  const trimW = opts.printWidthMm * MM;
  const factor = trimW / art.widthPt;
  const layout = plateLayout(trimW, art.heightPt * factor);
  const placement = multiply(translate(layout.trim[0], layout.trim[1]), scale(factor));
  const toPage = multiply(placement, art.rootMatrix);
  const plates = platesWithInk(planPlates(inks, opts, press), art, toPage);
  const warnings = [...art.warnings];
  if (art.items.some((item) => item.blend))
    warnings.push(
      'Blend modes (multiply, screen, …) are drawn as normal on the plates: check the overlaps on a proof.',
    );
  if (effectCount(art) > 0)
    warnings.push(
      'Filters and masks (a blur, a glow, a soft mask) are drawn without their effect on the plates: check them on a proof.',
    );
  const bitmaps = bitmapCount(art);
  if (bitmaps > 0)
    warnings.push(
      `${bitmaps === 1 ? 'A bitmap' : `${bitmaps} bitmaps`} in the master (an image, or an effect rasterised when it was saved) ${bitmaps === 1 ? 'is' : 'are'} left off the plates: separations are made from vector shapes.`,
    );
  if (opts.type === 'spot' && plan.gradientCoverage > 0)
    warnings.push(
      `Gradients (${plan.gradientCoverage < 0.001 ? 'under 0.1 %' : `${Math.round(plan.gradientCoverage * 1000) / 10} %`} of the artboard) print as tints of their nearest spot inks (two-ink blends as two tints); for a smooth multi-colour blend use process separations.`,
    );
  const job = opts.job ?? input.name;
  context.progress(10);

  const pages: DisplayPage[] = [];
  let raster: ArtRaster | undefined;
  const sharedRaster = (): ArtRaster => {
    raster ??= artRaster(art, placement);
    return raster;
  };
  for (const [index, plate] of plates.entries()) {
    const ink = (tint: number): Ink => ({ space: 'separation', name: plate.name, alternate: FILM_BLACK, tint });
    const plateOps = await plateArt(art, placement, plate, plates, opts, sharedRaster);
    const marks = pageMarks(
      layout,
      ink(1),
      ink(0),
      plateLabel(job, plate, index + 1, plates.length, opts),
      colourBar(ink),
    );
    pages.push({
      widthPt: layout.widthPt,
      heightPt: layout.heightPt,
      ops: [...plateOps, ...marks],
      trimBox: layout.trim,
      mirror: opts.mirror,
    });
    context.signal.throwIfAborted();
  }
  pages.push(compositePage(art, placement, layout, plates, job, opts, press));

  const doc = createPdf({
    title: `${job} - colour separations`,
    subject: `${plates.length} plates (${opts.type})`,
    keywords: plates.map((p) => p.name).join(', '),
    ...(opts.pdfx ? { pdfx: pdfxOf(press, setup.profile.name) } : {}),
    srgbProfile: await builtinSrgbProfile(),
  });
  for (const page of pages) addDisplayPage(doc, page);
  const files: OutputFile[] = [{ path: 'separations.pdf', bytes: await finishPdf(doc), mime: 'application/pdf' }];
  context.progress(25);

  for (const [index, plate] of plates.entries()) {
    const screen = opts.halftone ? { lpi: opts.lpi, angleDeg: plate.angleDeg, dot: opts.dot } : null;
    const bytes = await renderFilm(pages[index] as DisplayPage, opts.dpi, screen);
    files.push({
      path: `films/${String(index + 1).padStart(2, '0')}-${slug(plate.name)}.png`,
      bytes,
      mime: 'image/png',
    });
    context.signal.throwIfAborted();
    context.progress(25 + Math.round((70 * (index + 1)) / plates.length));
  }
  context.progress(100);
  return {
    files,
    facts: {
      source,
      type: opts.type,
      plates: plates.map((plate, i) => ({
        order: i + 1,
        name: plate.name,
        kind: plate.kind,
        hex: plate.hex,
        cmyk: plate.cmyk,
        angle: plate.angleDeg,
      })),
      pageMm: [round(layout.widthPt / MM), round(layout.heightPt / MM)],
      trimMm: [round(layout.trim[2] / MM), round(layout.trim[3] / MM)],
      registrationMm: layout.registration.map(([x, y]) => [round(x / MM), round(y / MM)]),
      dpi: opts.dpi,
      inks: inks.map((ink) => ({
        name: ink.name,
        hex: ink.hex,
        cmyk: ink.cmyk,
        coverage: ink.coverage,
        ...(ink.match ? { match: ink.match } : {}),
      })),
      merges: plan.merges,
      paper: plan.paper,
      trap: {
        pt: opts.trapPt ?? 0,
        mm: round(((opts.trapPt ?? 0) / 72) * 25.4),
        filmPx: round(((opts.trapPt ?? 0) / 72) * opts.dpi),
        auto: autoTrap,
      },
      press: { profile: setup.profile.name, intent: setup.intent, coverageLimit: setup.coverageLimit },
      pdfx: opts.pdfx,
      warnings,
    },
  };
}

/** All inks together in their own colours (CMYK alternates) on white, marks in registration colour. */
function compositePage(
  art: SvgArt,
  placement: Matrix,
  layout: PlateLayout,
  plates: readonly Plate[],
  job: string,
  opts: SeparationOptions,
  press: Press,
): DisplayPage {
  const inkPlates = plates.filter((plate) => plate.kind !== 'underbase');
  const toPage = multiply(placement, art.rootMatrix);
  const ops = artToOps(art, placement, (paint, item) => {
    if (opts.type === 'process') {
      const side = shortSideMm(item, toPage);
      const cmyk = (rgb: Rgb): Ink => ({ space: 'cmyk', cmyk: press.cmyk(rgb, side) });
      const gradient = paint.gradient ? inkGradient(paint.gradient, (stop) => cmyk(stop.rgb)) : undefined;
      return { ink: cmyk(paint.rgb), opacity: paint.opacity, ...(gradient ? { gradient } : {}) };
    }
    // Spot: each colour shows as the ink it prints with, at its tint over paper.
    const asInk = (colour: Paint): { ink: Ink; opacity: number } => {
      const plate = inkPlates.find((candidate) => candidate.amount(colour) > 0);
      return plate
        ? { ink: { space: 'cmyk', cmyk: plate.cmyk }, opacity: plate.amount(colour) }
        : { ink: NO_INK, opacity: 1 };
    };
    const gradient = paint.gradient
      ? inkGradient(
          paint.gradient,
          (stop) => asInk(stop).ink,
          (stop) => asInk(stop).opacity,
        )
      : undefined;
    return { ...asInk(paint), ...(gradient ? { gradient } : {}) };
  });
  const bar: BarPatch[] = inkPlates.map((plate) => ({
    ink: { space: 'cmyk', cmyk: plate.cmyk },
    caption: String(plates.indexOf(plate) + 1),
  }));
  const label = [
    `${job} - composite proof (${opts.type}, ${plates.length} plate${plates.length === 1 ? '' : 's'})`,
    `Print order: ${plates.map((plate, i) => `${i + 1} ${plate.name}`).join(', ')}`,
    `Proof colours through ${press.setup.profile.name}; check inks against a physical guide.`,
  ];
  return {
    widthPt: layout.widthPt,
    heightPt: layout.heightPt,
    ops: [...ops, ...pageMarks(layout, REGISTRATION, NO_INK, label, bar, REGISTRATION)],
    trimBox: layout.trim,
    mirror: false,
  };
}

/** PDF/X-4 for plates: the press profile as the intent, 3 mm of bleed kept inside the page. */
function pdfxOf(press: Press, profileName: string): PdfX {
  return { profile: press.transform.profile, profileName, bleedPt: 3 * MM };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
