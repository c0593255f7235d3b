import { type Cmyk, hexToRgb, isPaperWhite, type Rgb, rgbToLab } from '../../../../../shared/colour.ts';
import type { Press } from '../../../colour/press.ts';
import type { PaintItem, SvgArt } from '../svg/art.ts';
import { type Ink, type InkMapper, inkGradient } from '../svg/display-list.ts';
import { nearestInk, type SpotInk } from '../svg/inks.ts';
import type { Matrix } from '../svg/matrix.ts';
import { shortSideMm } from '../svg/printed-size.ts';
import type { SeparationOptions } from './separation-options.ts';

/**
 * One film / one screen. `amount` tells how much of this ink a paint puts down (0 knocks out);
 * `shortSideMm`, the painted shape's smaller printed side, lets process black follow the press's
 * rich-black rule as the PDF does (pure K for text, rich black for large areas).
 */
export interface Plate {
  readonly name: string;
  readonly kind: 'spot' | 'process' | 'underbase';
  readonly hex: string;
  readonly rgb: Rgb;
  readonly cmyk: Cmyk;
  readonly angleDeg: number;
  amount(paint: NonNullable<PaintItem['fill']>, shortSideMm?: number): number;
}

/** Film shows every ink as black: the alternate space of plate pages is K. */
export const FILM_BLACK: Cmyk = [0, 0, 0, 100];

const PROCESS: readonly { name: string; hex: string; cmyk: Cmyk; channel: 0 | 1 | 2 | 3; angle: number }[] = [
  { name: 'Yellow', hex: '#ffed00', cmyk: [0, 0, 100, 0], channel: 2, angle: 0 },
  { name: 'Cyan', hex: '#00a0e3', cmyk: [100, 0, 0, 0], channel: 0, angle: 15 },
  { name: 'Magenta', hex: '#e5007e', cmyk: [0, 100, 0, 0], channel: 1, angle: 75 },
  { name: 'Black', hex: '#000000', cmyk: [0, 0, 0, 100], channel: 3, angle: 45 },
];

/**
 * The plates in print order: underbase first, then spot inks light to dark (darker inks cover
 * lighter ones' edges), or Y, C, M, K for process.
 */
export function planPlates(inks: readonly SpotInk[], opts: SeparationOptions, press: Press): Plate[] {
  const plates: Plate[] = [];
  if (opts.underbase) {
    plates.push({
      name: 'White Underbase',
      kind: 'underbase',
      hex: '#ffffff',
      rgb: [255, 255, 255],
      cmyk: [0, 0, 0, 0],
      angleDeg: opts.angle,
      amount: (paint) => (paint.opacity > 0 ? 1 : 0),
    });
  }
  if (opts.type === 'process') {
    for (const p of PROCESS) {
      plates.push({
        name: p.name,
        kind: 'process',
        hex: p.hex,
        rgb: hexToRgb(p.hex),
        cmyk: p.cmyk,
        angleDeg: p.angle,
        amount: (paint, side) => ((press.cmyk(paint.rgb, side)[p.channel] as number) / 100) * paint.opacity,
      });
    }
    return plates;
  }
  const ordered = [...inks].sort((a, b) => rgbToLab(b.rgb)[0] - rgbToLab(a.rgb)[0] || a.name.localeCompare(b.name));
  for (const ink of ordered) {
    plates.push({
      name: ink.name,
      kind: 'spot',
      hex: ink.hex,
      rgb: ink.rgb,
      cmyk: ink.cmyk,
      angleDeg: opts.angle,
      amount: (paint) => (!isPaperWhite(paint.rgb) && nearestInk(paint.rgb, inks) === ink ? paint.opacity : 0),
    });
  }
  return plates;
}

/**
 * Inks one plate's art: its own paints at their amounts, every other paint as a knockout (tint 0).
 * A gradient becomes a tint ramp of this plate's ink (screened on film) when its stops differ here.
 * `toPage` maps the art's user space to page points (shape sizes, for the rich-black rule).
 */
export function plateInkMapper(plate: Plate, toPage: Matrix): InkMapper {
  const ink = (tint: number): Ink => ({ space: 'separation', name: plate.name, alternate: FILM_BLACK, tint });
  return (paint, item) => {
    const side = shortSideMm(item, toPage);
    if (!paint.gradient) return { ink: ink(plate.amount(paint, side)), opacity: 1 };
    const tints = paint.gradient.stops.map((stop) => plate.amount(stop, side));
    if (tints.every((tint) => tint === tints[0])) return { ink: ink(tints[0] ?? 0), opacity: 1 };
    const gradient = inkGradient(
      paint.gradient,
      (stop) => ink(plate.amount(stop, side)),
      () => 1,
    );
    return { ink: ink(plate.amount(paint, side)), opacity: 1, gradient };
  };
}

/** Plates with something to print: a plate no paint (nor gradient stop) puts ink on is left out. */
export function platesWithInk(plates: readonly Plate[], art: SvgArt, toPage: Matrix): Plate[] {
  return plates.filter((plate) =>
    art.items.some((item) => {
      const side = shortSideMm(item, toPage);
      return [item.fill, item.stroke?.paint].some(
        (paint) =>
          paint &&
          paint.opacity > 0 &&
          (plate.amount(paint, side) > 0 ||
            (paint.gradient?.stops.some((stop) => plate.amount(stop, side) > 0) ?? false)),
      );
    }),
  );
}
