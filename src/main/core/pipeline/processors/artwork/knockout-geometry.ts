import { Clipper, EndType, FillRule, JoinType, type PathD, type PathsD } from 'clipper2-ts';
import svgpath from 'svgpath';
import type { GradientStop, Paint, PaintItem, StrokeStyle, FillRule as SvgFillRule } from '../svg/art.ts';
import { applyToPoint, type Matrix, multiply } from '../svg/matrix.ts';
import type { Rgb } from './colour.ts';
import { isLightDetail } from './knockout.ts';

/**
 * One-colour art as real geometry: the painted shapes flattened to polygons (clipper2, a port of
 * Angus Johnson's Clipper2) and combined in stacking order, ink shapes added and paper shapes
 * (light details under the one-colour rule) subtracted from what lies under them. The result is
 * one outline with true holes: a cutter, a plotter or an engraver sees the letters, not a square
 * with a soft mask.
 */

/** Largest distance (in the output's units, points) a flattened curve may stray from the curve. */
const FLATNESS = 0.01;
/** Decimal places clipper keeps (points: 0.001 pt). */
const PRECISION = 3;

type Point = { x: number; y: number };

function apply(m: Matrix, x: number, y: number): Point {
  return { x: m[0] * x + m[2] * y + m[4], y: m[1] * x + m[3] * y + m[5] };
}

/** Segments a Bézier needs so the chord error stays under `flatness` (from its second differences). */
function steps(points: readonly Point[], flatness: number): number {
  let dd = 0;
  for (let i = 0; i + 2 < points.length; i++) {
    const a = points[i] as Point;
    const b = points[i + 1] as Point;
    const c = points[i + 2] as Point;
    dd = Math.max(dd, Math.hypot(a.x - 2 * b.x + c.x, a.y - 2 * b.y + c.y));
  }
  return Math.min(
    256,
    Math.max(1, Math.ceil(Math.sqrt(((points.length - 1) * (points.length - 2) * dd) / (8 * flatness)))),
  );
}

function bezier(points: readonly Point[], t: number): Point {
  let level = points.map((p) => ({ ...p }));
  while (level.length > 1) {
    const next: Point[] = [];
    for (let i = 0; i + 1 < level.length; i++) {
      const a = level[i] as Point;
      const b = level[i + 1] as Point;
      next.push({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
    }
    level = next;
  }
  return level[0] as Point;
}

/** The subpaths of SVG path data mapped through `m`, flattened; `closed` says which were closed with Z. */
export function flattenPath(d: string, m: Matrix, flatness = FLATNESS): { paths: PathD[]; closed: boolean[] } {
  const paths: PathD[] = [];
  const closed: boolean[] = [];
  let current: PathD | null = null;
  let start: Point = { x: 0, y: 0 };
  let pen: Point = { x: 0, y: 0 };
  const finish = (isClosed: boolean) => {
    if (current && current.length > 1) {
      paths.push(current);
      closed.push(isClosed);
    }
    current = null;
  };
  svgpath(d)
    .abs()
    .unshort()
    .unarc()
    .iterate((segment) => {
      const [command] = segment;
      switch (command) {
        case 'M': {
          finish(false);
          pen = { x: segment[1] as number, y: segment[2] as number };
          start = pen;
          current = [apply(m, pen.x, pen.y)];
          return;
        }
        case 'Z':
        case 'z': {
          finish(true);
          pen = start;
          return;
        }
      }
      if (!current) current = [apply(m, pen.x, pen.y)];
      const path = current as PathD;
      let to: Point;
      if (command === 'L') to = { x: segment[1] as number, y: segment[2] as number };
      else if (command === 'H') to = { x: segment[1] as number, y: pen.y };
      else if (command === 'V') to = { x: pen.x, y: segment[1] as number };
      else if (command === 'C' || command === 'Q') {
        const values = segment.slice(1) as number[];
        const controls: Point[] = [apply(m, pen.x, pen.y)];
        for (let i = 0; i < values.length; i += 2)
          controls.push(apply(m, values[i] as number, values[i + 1] as number));
        const n = steps(controls, flatness);
        for (let k = 1; k <= n; k++) path.push(bezier(controls, k / n));
        pen = { x: values[values.length - 2] as number, y: values[values.length - 1] as number };
        return;
      } else return; // unshort/unarc leave no S, T or A
      path.push(apply(m, to.x, to.y));
      pen = to;
    });
  finish(false);
  return { paths, closed };
}

/**
 * Closed rings as clipper should get them: snapped to its grid (PRECISION), without repeated
 * points and without collinear vertices. A ring that runs back along its own edge (a zero-width
 * spike, as in flag-icons' hr.svg coat of arms) sends clipper2-ts 2.0.1 into an endless loop that
 * eats the heap; removing collinear vertices removes every spike and leaves the area unchanged.
 */
export function cleanRings(paths: readonly PathD[]): PathD[] {
  const scale = 10 ** PRECISION;
  const out: PathD[] = [];
  for (const path of paths) {
    const ring: { x: number; y: number }[] = [];
    for (const p of path) {
      const x = Math.round(p.x * scale);
      const y = Math.round(p.y * scale);
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      ring.push({ x, y });
      // Pop vertices made redundant by the new one: repeats, and middles of straight runs or spikes.
      while (ring.length >= 2) {
        const b = ring[ring.length - 2] as Point;
        const c = ring[ring.length - 1] as Point;
        if (b.x === c.x && b.y === c.y) {
          ring.pop();
          continue;
        }
        const a = ring[ring.length - 3];
        if (a && (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x) === 0) {
          ring.splice(ring.length - 2, 1);
          continue;
        }
        break;
      }
    }
    // The ring closes on itself: the same rule across its start.
    let changed = true;
    while (changed && ring.length >= 3) {
      changed = false;
      for (const at of [ring.length - 1, 0]) {
        const n = ring.length;
        const a = ring[(at - 1 + n) % n] as Point;
        const b = ring[at] as Point;
        const c = ring[(at + 1) % n] as Point;
        if ((b.x === c.x && b.y === c.y) || (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x) === 0) {
          ring.splice(at, 1);
          changed = true;
          break;
        }
      }
    }
    if (ring.length >= 3) out.push(ring.map((p) => ({ x: p.x / scale, y: p.y / scale })));
  }
  return out;
}

function clipperRule(rule: SvgFillRule): FillRule {
  return rule === 'evenodd' ? FillRule.EvenOdd : FillRule.NonZero;
}

/**
 * The outline of a stroke (dashes are drawn solid: an outline of a dash pattern is rarely wanted).
 * The pen is round in the item's own space, so the path is outlined there and then transformed:
 * under a non-uniform scale (flag-icons' Catalan stripes) the stroke is thicker one way than the
 * other. The local space is scaled up uniformly to page size first, so clipper's grid fits it.
 * Round joins and caps are drawn to the same tolerance as curves (clipper's default is far finer
 * on thin strokes, and the points it adds make every later boolean slower).
 */
function strokeOutline(d: string, m: Matrix, stroke: StrokeStyle, flatness: number): PathsD {
  const scale = Math.max(Math.hypot(m[0], m[1]), Math.hypot(m[2], m[3]));
  if (!(scale > 0) || stroke.width <= 0) return [];
  const uniform: Matrix = [scale, 0, 0, scale, 0, 0];
  const rest = multiply(m, [1 / scale, 0, 0, 1 / scale, 0, 0]);
  const { paths, closed } = flattenPath(d, uniform, flatness);
  const delta = (stroke.width * scale) / 2;
  const join = stroke.join === 'round' ? JoinType.Round : stroke.join === 'bevel' ? JoinType.Bevel : JoinType.Miter;
  const end = stroke.cap === 'round' ? EndType.Round : stroke.cap === 'square' ? EndType.Square : EndType.Butt;
  const local: PathsD = [];
  const closedPaths = paths.filter((_, i) => closed[i]);
  const openPaths = paths.filter((_, i) => !closed[i]);
  if (closedPaths.length)
    local.push(
      ...Clipper.inflatePathsD(closedPaths, delta, join, EndType.Joined, stroke.miterLimit, PRECISION, flatness),
    );
  if (openPaths.length)
    local.push(...Clipper.inflatePathsD(openPaths, delta, join, end, stroke.miterLimit, PRECISION, flatness));
  const onPage = local.map((ring) =>
    ring.map((point) => {
      const [x, y] = applyToPoint(rest, point.x, point.y);
      return { x, y };
    }),
  );
  return Clipper.unionD(onPage, FillRule.NonZero);
}

/** The area an item paints (fill and stroke), clipped, in page space. */
function itemArea(item: PaintItem, toPage: Matrix, role: 'fill' | 'stroke', flatness: number): PathsD {
  const m = multiply(toPage, item.matrix);
  let area: PathsD =
    role === 'fill'
      ? Clipper.unionD(cleanRings(flattenPath(item.d, m, flatness).paths), [], clipperRule(item.fillRule), PRECISION)
      : item.stroke
        ? strokeOutline(item.d, m, item.stroke, flatness)
        : [];
  for (const clip of item.clips) {
    if (area.length === 0) break;
    const clipArea = Clipper.unionD(
      cleanRings(flattenPath(clip.d, multiply(toPage, clip.matrix), flatness).paths),
      [],
      clipperRule(clip.rule),
      PRECISION,
    );
    area = Clipper.intersectD(area, clipArea, FillRule.NonZero, PRECISION);
  }
  return area;
}

/** What a paint does to a one-colour outline: adds ink, cuts paper, or leaves what is under it. */
export type OutlineRole = 'ink' | 'paper' | 'none';

/**
 * The one-colour outline of the art: every painted area in stacking order, added when `roleOf`
 * says its paint is ink, subtracted when it is paper, skipped when 'none' (a translucent light
 * tint shows what lies under it). `toPage` maps the art's user space to the output (points, y
 * down). Fully transparent paints are skipped. Detailed art is combined tile by tile (the same
 * outline; `tiling: 'never'` combines it whole, for comparison).
 */
export function oneColourOutline(
  items: readonly PaintItem[],
  toPage: Matrix,
  roleOf: (paint: NonNullable<PaintItem['fill']>) => OutlineRole,
  flatness = FLATNESS,
  tiling: 'auto' | 'never' = 'auto',
): PathsD {
  // Consecutive areas of one role are combined in one boolean operation: (r + a) + b = r + (a + b)
  // and (r - a) - b = r - (a + b), and one sweep over many paths is far cheaper than one per path.
  const batches: { role: 'ink' | 'paper'; paths: PathsD }[] = [];
  let points = 0;
  for (const item of items) {
    for (const role of ['fill', 'stroke'] as const) {
      const paint = role === 'fill' ? item.fill : item.stroke?.paint;
      if (!paint || paint.opacity <= 0) continue;
      const effect = roleOf(paint);
      if (effect === 'none') continue;
      const area = itemArea(item, toPage, role, flatness);
      if (area.length === 0) continue;
      const last = batches[batches.length - 1];
      // Each area is oriented positive by its own union, so NonZero over a batch is their union.
      if (last && last.role === effect) last.paths.push(...area);
      else batches.push({ role: effect, paths: [...area] });
      for (const ring of area) points += ring.length;
    }
  }
  return tiling === 'never' || points < TILED_FROM_POINTS ? combine(batches) : combineInTiles(batches);
}

/** Above this many outline points the combination runs tile by tile (see combineInTiles). */
const TILED_FROM_POINTS = 4000;
/** Tiles per side of the art's bounds. */
const TILES = 8;

/** The batches combined in order over the whole art. */
function combine(batches: readonly { role: 'ink' | 'paper'; paths: PathsD }[]): PathsD {
  let result: PathsD = [];
  for (const batch of batches) {
    if (batch.role === 'ink') result = Clipper.unionD(result, batch.paths, FillRule.NonZero, PRECISION);
    else if (result.length) result = Clipper.differenceD(result, batch.paths, FillRule.NonZero, PRECISION);
  }
  return result;
}

/**
 * The batches combined tile by tile, then the tiles joined: a boolean costs by the points of both
 * operands, and a detailed emblem (Bhutan's dragon: 100 alternations of white fill and dark
 * stroke over a 30 000-point result) spent seconds re-sweeping the whole result for each small
 * shape. Each batch is cut to the tiles it touches, so each step sweeps one tile's worth.
 */
function combineInTiles(batches: readonly { role: 'ink' | 'paper'; paths: PathsD }[]): PathsD {
  const bounds = Clipper.getBoundsPathsD(batches.flatMap((batch) => batch.paths));
  const width = (bounds.right - bounds.left) / TILES;
  const height = (bounds.bottom - bounds.top) / TILES;
  if (!(width > 0) || !(height > 0)) return combine(batches);
  // Grid lines; the outer ones lie a point past the bounds, so nothing is cut at the art's edge.
  const line = (k: number, origin: number, step: number) => (k === 0 ? -1 : k === TILES ? 1 : 0) + origin + k * step;
  const tiles = Array.from({ length: TILES * TILES }, (_, t) => ({
    rect: {
      left: line(t % TILES, bounds.left, width),
      top: line(Math.floor(t / TILES), bounds.top, height),
      right: line((t % TILES) + 1, bounds.left, width),
      bottom: line(Math.floor(t / TILES) + 1, bounds.top, height),
    },
    result: [] as PathsD,
  }));
  for (const batch of batches) {
    const box = Clipper.getBoundsPathsD(batch.paths);
    for (const tile of tiles) {
      const { rect } = tile;
      if (box.right < rect.left || box.left > rect.right || box.bottom < rect.top || box.top > rect.bottom) continue;
      if (batch.role === 'paper' && tile.result.length === 0) continue;
      const part = clipToRect(rect, batch.paths);
      if (part.length === 0) continue;
      tile.result =
        batch.role === 'ink'
          ? Clipper.unionD(tile.result, part, FillRule.NonZero, PRECISION)
          : Clipper.differenceD(tile.result, part, FillRule.NonZero, PRECISION);
    }
  }
  // Tiles meet on shared grid lines (snapped alike): one union seals the seams.
  return Clipper.unionD(
    tiles.flatMap((tile) => tile.result),
    [],
    FillRule.NonZero,
    PRECISION,
  );
}

/**
 * The rings cut to the rectangle by a boolean intersection, over only the rings whose bounds meet
 * it (a hole lies inside its outer ring, so the two are kept or left out together). Clipper's
 * linear rectangle clip is not used: it turns a ring that encloses the whole rectangle into the
 * rectangle, wound its own way, and so misplaces holes near tile corners.
 */
function clipToRect(rect: { left: number; top: number; right: number; bottom: number }, rings: PathsD): PathsD {
  const near = rings.filter((ring) => {
    const box = Clipper.getBoundsD(ring);
    return !(box.right < rect.left || box.left > rect.right || box.bottom < rect.top || box.top > rect.bottom);
  });
  if (near.length === 0) return [];
  const frame: PathD = [
    { x: rect.left, y: rect.top },
    { x: rect.right, y: rect.top },
    { x: rect.right, y: rect.bottom },
    { x: rect.left, y: rect.bottom },
  ];
  return Clipper.intersectD(near, [frame], FillRule.NonZero, PRECISION);
}

/** Opacity from which a light paint hides what lies under it. */
const OPAQUE_PAINT = 0.95;

/**
 * The colour a paint shows on white paper: a translucent colour looks lighter, and the one-colour
 * rule judges what the designer sees (the rendered master), not the paint's own value.
 */
function onPaper(paint: Paint): Rgb {
  const a = Math.min(1, Math.max(0, paint.opacity));
  return [0, 1, 2].map((c) => Math.round((paint.rgb[c] as number) * a + 255 * (1 - a))) as unknown as Rgb;
}

/** Whether a paint is light under the one-colour rule, as it shows on paper. */
export function isLightPaint(paint: Paint, threshold?: number | null): boolean {
  return isLightDetail(onPaper(paint), threshold);
}

/**
 * The one-colour rule for vector paints: ink when it reads on the paper; a light paint cuts a hole
 * only where it hides what is under it, so a translucent light tint (matplotlib's wedges) lets the
 * lines under it show, as in the master.
 */
export function oneColourRole(threshold?: number | null): (paint: Paint) => OutlineRole {
  return (paint) => (!isLightPaint(paint, threshold) ? 'ink' : paint.opacity >= OPAQUE_PAINT ? 'paper' : 'none');
}

/**
 * Whether the one-colour rule must be applied to the rendered pixels rather than to whole shapes:
 * some gradient crosses the threshold (a light-to-dark sheen: part of the shape is ink, part
 * paper) or fades (a soft shadow: ink only where it is dense). A shape's one verdict would paint
 * such a shape solid: Tux's shadow, Gentoo's lavender "g", GIMP's shadow. A bitmap has no shapes
 * to combine at all, and a blended shape's colour depends on what lies under it; so does a light
 * translucent shape's (bourbon's ice: light over the drink, lighter still where two cubes overlap).
 */
export function pixelRuleNeeded(items: readonly PaintItem[], threshold?: number | null): boolean {
  const role = oneColourRole(threshold);
  const seeThrough = (paint: Paint | null | undefined): boolean =>
    paint !== null && paint !== undefined && !paint.gradient && paint.opacity > 0 && role(paint) === 'none';
  return items.some(
    (item) =>
      item.bitmap !== undefined ||
      item.blend !== undefined ||
      seeThrough(item.fill) ||
      seeThrough(item.stroke?.paint) ||
      [item.fill, item.stroke?.paint].some((paint) => {
        const stops = paint?.gradient?.stops;
        if (!paint || !stops || stops.length < 2) return false;
        const light = stops.map((stop) =>
          isLightPaint({ rgb: stop.rgb, opacity: stop.opacity * paint.opacity }, threshold),
        );
        const fades = stops.some((stop) => Math.abs(stop.opacity - (stops[0] as GradientStop).opacity) > 0.05);
        return fades || light.some((value) => value !== light[0]);
      }),
  );
}

/** Polygons as SVG/PDF path data (absolute, closed; fill with nonzero: clipper orients holes). */
export function outlineToPathData(paths: PathsD, digits = 3): string {
  const f = (n: number) => Number(n.toFixed(digits)).toString();
  return paths
    .filter((path) => path.length > 2)
    .map((path) => `M${path.map((p) => `${f(p.x)} ${f(p.y)}`).join('L')}Z`)
    .join('');
}
