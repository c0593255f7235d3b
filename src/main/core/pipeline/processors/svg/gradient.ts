import type { Rgb } from '../../../../../shared/colour.ts';
import type { Gradient, GradientStop, ViewBox } from './art.ts';
import { parseCssColor } from './color.ts';
import { IDENTITY, type Matrix, multiply, parseTransform } from './matrix.ts';
import { pathBounds } from './path-bounds.ts';
import { type Attributes, clamp01, declarations, type XmlNode } from './xml.ts';

const GRADIENT_ATTRIBUTES = ['x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'fx', 'fy', 'gradientUnits', 'gradientTransform'];
const MAX_HREF_DEPTH = 8;

/** A gradient's attributes and stops, inherited along its href chain (nearest definition wins). */
function collect(
  node: XmlNode,
  lookup: (href: string | undefined) => XmlNode | undefined,
): { attributes: Attributes; stops: XmlNode[]; kind: Gradient['kind'] } {
  const attributes: Attributes = {};
  let stops: XmlNode[] = [];
  let current: XmlNode | undefined = node;
  for (let depth = 0; current && depth < MAX_HREF_DEPTH; depth++) {
    for (const name of GRADIENT_ATTRIBUTES)
      if (attributes[name] === undefined && current.attributes[name] !== undefined)
        attributes[name] = current.attributes[name] as string;
    if (stops.length === 0) stops = current.children.filter((child) => child.tag === 'stop');
    current = lookup(current.attributes.href ?? current.attributes['xlink:href']);
  }
  return { attributes, stops, kind: node.tag === 'radialGradient' ? 'radial' : 'linear' };
}

function coordinate(text: string | undefined, fallback: number, reference: number, boundingBox: boolean): number {
  if (text === undefined) return fallback;
  const value = Number.parseFloat(text);
  if (!Number.isFinite(value)) return fallback;
  if (text.trim().endsWith('%')) return (value / 100) * (boundingBox ? 1 : reference);
  return value;
}

function parseStops(stops: readonly XmlNode[]): GradientStop[] {
  const result: GradientStop[] = [];
  let last = 0;
  for (const stop of stops) {
    const props = declarations(stop);
    const raw = props.offset ?? '0';
    let offset = Number.parseFloat(raw);
    if (!Number.isFinite(offset)) offset = 0;
    if (raw.trim().endsWith('%')) offset /= 100;
    // Offsets never go backwards (SVG clamps them to the previous one).
    last = Math.max(last, clamp01(offset));
    const color = parseCssColor(props['stop-color'] ?? '#000') ?? { rgb: [0, 0, 0] as Rgb, alpha: 0 };
    const opacity = Number.parseFloat(props['stop-opacity'] ?? '1');
    result.push({
      offset: last,
      rgb: color.rgb,
      opacity: color.alpha * clamp01(Number.isFinite(opacity) ? opacity : 1),
    });
  }
  return result;
}

/**
 * The gradient a shape with path data `d` is painted with, in the shape's own coordinates.
 * Null when the element is not a gradient or has no stops (then the paint is none).
 */
export function resolveGradient(
  node: XmlNode,
  lookup: (href: string | undefined) => XmlNode | undefined,
  d: string,
  viewBox: ViewBox,
): Gradient | null {
  if (node.tag !== 'linearGradient' && node.tag !== 'radialGradient') return null;
  const { attributes, stops: stopNodes, kind } = collect(node, lookup);
  const stops = parseStops(stopNodes);
  if (stops.length === 0) return null;
  const boundingBox = attributes.gradientUnits !== 'userSpaceOnUse';
  let matrix: Matrix = IDENTITY;
  if (boundingBox) {
    const box = pathBounds(d);
    // A zero-width or zero-height box cannot carry a bounding-box gradient (SVG: not rendered).
    if (!box || box.width <= 0 || box.height <= 0)
      return { kind, coords: [0, 0, 1, 0], matrix, stops: [stops[0] as GradientStop] };
    matrix = [box.width, 0, 0, box.height, box.x, box.y];
  }
  matrix = multiply(matrix, parseTransform(attributes.gradientTransform));
  const w = viewBox.width;
  const h = viewBox.height;
  const diagonal = Math.hypot(w, h) / Math.SQRT2;
  if (kind === 'linear') {
    const coords = [
      coordinate(attributes.x1, 0, w, boundingBox),
      coordinate(attributes.y1, 0, h, boundingBox),
      coordinate(attributes.x2, boundingBox ? 1 : w, w, boundingBox),
      coordinate(attributes.y2, 0, h, boundingBox),
    ];
    return { kind, coords, matrix, stops };
  }
  const cx = coordinate(attributes.cx, boundingBox ? 0.5 : w / 2, w, boundingBox);
  const cy = coordinate(attributes.cy, boundingBox ? 0.5 : h / 2, h, boundingBox);
  const r = coordinate(attributes.r, boundingBox ? 0.5 : diagonal / 2, diagonal, boundingBox);
  const fx = coordinate(attributes.fx, cx, w, boundingBox);
  const fy = coordinate(attributes.fy, cy, h, boundingBox);
  return { kind, coords: [cx, cy, r, fx, fy], matrix, stops };
}

/** The mean colour of a gradient's stops, weighted by the span each colour covers. */
export function gradientMean(gradient: Gradient): { rgb: Rgb; alpha: number } {
  const { stops } = gradient;
  const sum = [0, 0, 0, 0];
  let total = 0;
  stops.forEach((stop, i) => {
    const next = stops[i + 1];
    const previous = stops[i - 1];
    // Each stop owns half the span to each neighbour; the first and last also own the padding.
    const left = previous ? (stop.offset - previous.offset) / 2 : stop.offset;
    const right = next ? (next.offset - stop.offset) / 2 : 1 - stop.offset;
    const weight = Math.max(1e-6, left + right);
    total += weight;
    sum[0] = (sum[0] as number) + stop.rgb[0] * weight;
    sum[1] = (sum[1] as number) + stop.rgb[1] * weight;
    sum[2] = (sum[2] as number) + stop.rgb[2] * weight;
    sum[3] = (sum[3] as number) + stop.opacity * weight;
  });
  const [r = 0, g = 0, b = 0, a = 1] = sum.map((value) => value / total);
  return { rgb: [Math.round(r), Math.round(g), Math.round(b)], alpha: a };
}
