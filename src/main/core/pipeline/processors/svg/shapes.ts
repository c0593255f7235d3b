/** Converts SVG basic shapes to path data, so every backend draws one kind of thing. */
type Attributes = Readonly<Record<string, string>>;

function num(attributes: Attributes, name: string, fallback = 0): number {
  const value = Number.parseFloat(attributes[name] ?? '');
  return Number.isFinite(value) ? value : fallback;
}

function pointsToPath(points: string | undefined, close: boolean): string | null {
  const values = (points ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number)
    .filter((value) => Number.isFinite(value));
  if (values.length < 4) return null;
  const parts: string[] = [];
  for (let i = 0; i + 1 < values.length; i += 2) parts.push(`${i === 0 ? 'M' : 'L'}${values[i]} ${values[i + 1]}`);
  return parts.join('') + (close ? 'Z' : '');
}

function ellipsePath(cx: number, cy: number, rx: number, ry: number): string | null {
  if (rx <= 0 || ry <= 0) return null;
  return `M${cx - rx} ${cy}A${rx} ${ry} 0 1 0 ${cx + rx} ${cy}A${rx} ${ry} 0 1 0 ${cx - rx} ${cy}Z`;
}

function rectPath(attributes: Attributes): string | null {
  const x = num(attributes, 'x');
  const y = num(attributes, 'y');
  const w = num(attributes, 'width');
  const h = num(attributes, 'height');
  if (w <= 0 || h <= 0) return null;
  let rx = attributes.rx === undefined ? Number.NaN : num(attributes, 'rx');
  let ry = attributes.ry === undefined ? Number.NaN : num(attributes, 'ry');
  if (Number.isNaN(rx)) rx = Number.isNaN(ry) ? 0 : ry;
  if (Number.isNaN(ry)) ry = rx;
  rx = Math.min(Math.max(rx, 0), w / 2);
  ry = Math.min(Math.max(ry, 0), h / 2);
  if (rx === 0 || ry === 0) return `M${x} ${y}H${x + w}V${y + h}H${x}Z`;
  return (
    `M${x + rx} ${y}H${x + w - rx}A${rx} ${ry} 0 0 1 ${x + w} ${y + ry}V${y + h - ry}` +
    `A${rx} ${ry} 0 0 1 ${x + w - rx} ${y + h}H${x + rx}A${rx} ${ry} 0 0 1 ${x} ${y + h - ry}` +
    `V${y + ry}A${rx} ${ry} 0 0 1 ${x + rx} ${y}Z`
  );
}

/** Path data of a shape element, or null when it draws nothing (zero size, no data). */
export function shapeToPath(tag: string, attributes: Attributes): string | null {
  switch (tag) {
    case 'path': {
      const d = (attributes.d ?? '').trim();
      return /^[Mm]/.test(d) ? d : null;
    }
    case 'rect':
      return rectPath(attributes);
    case 'circle':
      return ellipsePath(num(attributes, 'cx'), num(attributes, 'cy'), num(attributes, 'r'), num(attributes, 'r'));
    case 'ellipse':
      return ellipsePath(num(attributes, 'cx'), num(attributes, 'cy'), num(attributes, 'rx'), num(attributes, 'ry'));
    case 'line':
      return `M${num(attributes, 'x1')} ${num(attributes, 'y1')}L${num(attributes, 'x2')} ${num(attributes, 'y2')}`;
    case 'polyline':
      return pointsToPath(attributes.points, false);
    case 'polygon':
      return pointsToPath(attributes.points, true);
    default:
      return null;
  }
}

export const SHAPE_TAGS: ReadonlySet<string> = new Set([
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
]);
