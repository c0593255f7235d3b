import type { Ink } from '../svg/display-list.ts';
import { circle, type DrawOp, type PathOp, rect } from '../svg/display-list.ts';
import { IDENTITY } from '../svg/matrix.ts';

export const MM = 72 / 25.4;
/** Slug around the trim: room for crop marks, registration targets, the label and the colour bar. */
const SIDE = 20 * MM;
const TOP = 30 * MM;
const BOTTOM = 32 * MM;
/** Narrow artwork still gets a page wide enough for the label and the colour bar. */
const MIN_PAGE_WIDTH = 110 * MM;
const HAIRLINE = 0.3;
const LABEL_SIZE = 6.5;

export interface PlateLayout {
  readonly widthPt: number;
  readonly heightPt: number;
  /** The trim (the printed artwork), x, y, width, height in page points, y down. */
  readonly trim: readonly [number, number, number, number];
  /** Centres of the registration targets, identical on every plate. */
  readonly registration: readonly (readonly [number, number])[];
}

export function plateLayout(trimWidthPt: number, trimHeightPt: number): PlateLayout {
  const widthPt = Math.max(trimWidthPt + 2 * SIDE, MIN_PAGE_WIDTH);
  const heightPt = trimHeightPt + TOP + BOTTOM;
  const x = (widthPt - trimWidthPt) / 2;
  const y = TOP;
  const midX = widthPt / 2;
  const midY = y + trimHeightPt / 2;
  return {
    widthPt,
    heightPt,
    trim: [x, y, trimWidthPt, trimHeightPt],
    registration: [
      [midX, y - 11 * MM],
      [midX, y + trimHeightPt + 11 * MM],
      [x - 12 * MM, midY],
      [x + trimWidthPt + 12 * MM, midY],
    ],
  };
}

function line(x1: number, y1: number, x2: number, y2: number, ink: Ink, width = HAIRLINE): PathOp {
  return {
    kind: 'path',
    d: `M${x1} ${y1}L${x2} ${y2}`,
    matrix: IDENTITY,
    fill: null,
    fillRule: 'nonzero',
    stroke: { paint: { ink, opacity: 1 }, width, cap: 'butt', join: 'miter', miterLimit: 4, dash: [], dashOffset: 0 },
    clips: [],
  };
}

function filled(d: string, ink: Ink): PathOp {
  return { kind: 'path', d, matrix: IDENTITY, fill: { ink, opacity: 1 }, fillRule: 'nonzero', stroke: null, clips: [] };
}

function outlined(d: string, ink: Ink): PathOp {
  return { ...line(0, 0, 0, 0, ink), d };
}

/** Bullseye crosshair: ring, cross and a solid centre with the cross knocked out of it. */
function registrationTarget(cx: number, cy: number, ink: Ink, paper: Ink): PathOp[] {
  const r = 3 * MM;
  const arm = r + 1.5 * MM;
  const core = 1.2 * MM;
  return [
    outlined(circle(cx, cy, r), ink),
    line(cx - arm, cy, cx + arm, cy, ink),
    line(cx, cy - arm, cx, cy + arm, ink),
    filled(circle(cx, cy, core), ink),
    line(cx - core, cy, cx + core, cy, paper),
    line(cx, cy - core, cx, cy + core, paper),
  ];
}

/** Crop marks at the trim corners, offset 3 mm outwards so they never touch the artwork. */
function cropMarks(layout: PlateLayout, ink: Ink): PathOp[] {
  const [x, y, w, h] = layout.trim;
  const gap = 3 * MM;
  const len = 6 * MM;
  const ops: PathOp[] = [];
  for (const cx of [x, x + w]) {
    for (const cy of [y, y + h]) {
      const sx = cx === x ? -1 : 1;
      const sy = cy === y ? -1 : 1;
      ops.push(
        line(cx + sx * gap, cy, cx + sx * (gap + len), cy, ink),
        line(cx, cy + sy * gap, cx, cy + sy * (gap + len), ink),
      );
    }
  }
  return ops;
}

export interface BarPatch {
  readonly ink: Ink;
  readonly caption: string;
}

/** Marks, label lines and colour bar of one page. `paper` is what knocks out (tint 0 / no ink). */
export function pageMarks(
  layout: PlateLayout,
  ink: Ink,
  paper: Ink,
  labelLines: readonly string[],
  bar: readonly BarPatch[],
  barTextInk: Ink = ink,
): DrawOp[] {
  const ops: DrawOp[] = [...cropMarks(layout, ink)];
  for (const [cx, cy] of layout.registration) ops.push(...registrationTarget(cx, cy, ink, paper));
  labelLines.forEach((text, i) => {
    ops.push({
      kind: 'text',
      x: 6 * MM,
      y: 6 * MM + i * (LABEL_SIZE + 2.5),
      size: i === 0 ? LABEL_SIZE + 1 : LABEL_SIZE,
      text,
      ink,
    });
  });
  const [, y, , h] = layout.trim;
  const patch = Math.min(6 * MM, (layout.widthPt - 12 * MM) / Math.max(1, bar.length));
  const top = y + h + 19 * MM;
  bar.forEach((entry, i) => {
    const left = 6 * MM + i * patch;
    ops.push(filled(rect(left, top, patch, 5 * MM), entry.ink));
    ops.push({ kind: 'text', x: left + 0.6 * MM, y: top + 5 * MM + 7, size: 5, text: entry.caption, ink: barTextInk });
  });
  if (bar.length > 0) ops.push(outlined(rect(6 * MM, top, patch * bar.length, 5 * MM), ink));
  return ops;
}
