/**
 * 2-D affine matrices as [a, b, c, d, e, f], mapping (x, y) to (a·x + c·y + e, b·x + d·y + f),
 * the same layout as SVG's matrix() and PDF's `cm`.
 */
export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** Returns `outer ∘ inner`: apply `inner` first, then `outer`. */
export function multiply(outer: Matrix, inner: Matrix): Matrix {
  const [a1, b1, c1, d1, e1, f1] = outer;
  const [a2, b2, c2, d2, e2, f2] = inner;
  return [
    a1 * a2 + c1 * b2,
    b1 * a2 + d1 * b2,
    a1 * c2 + c1 * d2,
    b1 * c2 + d1 * d2,
    a1 * e2 + c1 * f2 + e1,
    b1 * e2 + d1 * f2 + f1,
  ];
}

export function determinant(m: Matrix): number {
  return m[0] * m[3] - m[1] * m[2];
}

/** Inverse of `m`, or null when it is singular (a shape scaled to nothing). */
export function invert(m: Matrix): Matrix | null {
  const det = determinant(m);
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) return null;
  const [a, b, c, d, e, f] = m;
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

export function translate(x: number, y: number): Matrix {
  return [1, 0, 0, 1, x, y];
}

export function scale(x: number, y: number = x): Matrix {
  return [x, 0, 0, y, 0, 0];
}

export function applyToPoint(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Parses an SVG transform list (matrix, translate, scale, rotate, skewX, skewY); unknown parts are ignored. */
export function parseTransform(text: string | undefined): Matrix {
  let result = IDENTITY;
  if (!text) return result;
  for (const match of text.matchAll(/(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)/g)) {
    const args = (match[2] ?? '')
      .split(/[\s,]+/)
      .filter((part) => part !== '')
      .map(Number);
    if (args.some((value) => !Number.isFinite(value))) continue;
    result = multiply(result, transformFunction(match[1] ?? '', args));
  }
  return result;
}

function transformFunction(name: string, args: readonly number[]): Matrix {
  const [p0 = 0, p1, p2, p3 = 0, p4 = 0, p5 = 0] = args;
  switch (name) {
    case 'matrix':
      return args.length === 6 ? [p0, p1 ?? 0, p2 ?? 0, p3, p4, p5] : IDENTITY;
    case 'translate':
      return translate(p0, p1 ?? 0);
    case 'scale':
      return scale(p0, p1 ?? p0);
    case 'rotate': {
      const rad = (p0 * Math.PI) / 180;
      const cos = Math.cos(rad);
      const sin = Math.sin(rad);
      const rotation: Matrix = [cos, sin, -sin, cos, 0, 0];
      if (p1 === undefined || p2 === undefined) return rotation;
      return multiply(translate(p1, p2), multiply(rotation, translate(-p1, -p2)));
    }
    case 'skewX':
      return [1, 0, Math.tan((p0 * Math.PI) / 180), 1, 0, 0];
    case 'skewY':
      return [1, Math.tan((p0 * Math.PI) / 180), 0, 1, 0, 0];
    default:
      return IDENTITY;
  }
}

/** The SVG/CSS form, with rounded numbers so emitted SVG stays short and stable. */
export function matrixToSvg(m: Matrix): string {
  return `matrix(${m.map((value) => round(value)).join(' ')})`;
}

export function round(value: number, digits = 6): number {
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
}
