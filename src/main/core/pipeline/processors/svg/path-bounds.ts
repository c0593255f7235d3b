/** Bounding box of SVG path data (exact curve extrema), for objectBoundingBox gradients and layout. */
import { type PathSegment, pathSegments } from './path-data.ts';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Parameters in (0, 1) where one coordinate of a cubic Bézier has a turning point. */
function cubicExtrema(p0: number, p1: number, p2: number, p3: number): number[] {
  // B'(t)/3 = a t² + b t + c
  const a = -p0 + 3 * p1 - 3 * p2 + p3;
  const b = 2 * (p0 - 2 * p1 + p2);
  const c = p1 - p0;
  const roots: number[] = [];
  if (Math.abs(a) < 1e-12) {
    if (Math.abs(b) > 1e-12) roots.push(-c / b);
  } else {
    const disc = b * b - 4 * a * c;
    if (disc >= 0) {
      const sq = Math.sqrt(disc);
      roots.push((-b + sq) / (2 * a), (-b - sq) / (2 * a));
    }
  }
  return roots.filter((t) => t > 0 && t < 1);
}

function cubicAt(p0: number, p1: number, p2: number, p3: number, t: number): number {
  const u = 1 - t;
  return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3;
}

/** The box around already-normalised segments; null when there are none. */
export function segmentsBounds(segments: readonly PathSegment[]): Box | null {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const add = (px: number, py: number): void => {
    minX = Math.min(minX, px);
    minY = Math.min(minY, py);
    maxX = Math.max(maxX, px);
    maxY = Math.max(maxY, py);
  };
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  const cubic = (x1: number, y1: number, x2: number, y2: number, x3: number, y3: number): void => {
    for (const t of cubicExtrema(x, x1, x2, x3)) add(cubicAt(x, x1, x2, x3, t), y);
    for (const t of cubicExtrema(y, y1, y2, y3)) add(x, cubicAt(y, y1, y2, y3, t));
    // The extrema of one axis are added with a placeholder on the other; the true point lies
    // inside the box both axes make, so only the axis that was solved matters.
    add(x3, y3);
  };
  for (const segment of segments) {
    switch (segment[0]) {
      case 'M':
        [, x, y] = segment;
        startX = x;
        startY = y;
        add(x, y);
        break;
      case 'L':
        [, x, y] = segment;
        add(x, y);
        break;
      case 'C': {
        const [, x1, y1, x2, y2, ex, ey] = segment;
        cubic(x1, y1, x2, y2, ex, ey);
        x = ex;
        y = ey;
        break;
      }
      case 'Z':
        x = startX;
        y = startY;
        break;
    }
  }
  if (!Number.isFinite(minX)) return null;
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** The box around everything the path draws; null for empty data. */
export function pathBounds(d: string): Box | null {
  return segmentsBounds(pathSegments(d));
}

/**
 * Whether filling the path paints anything: false when every subpath lies on one straight line
 * (`M0 10h640`, a stroke-only rule whose fill was left at the default black), which would
 * otherwise add an empty ink or plate. A curve can leave the line only where its controls do, so
 * end and control points decide.
 */
export function hasFillArea(segments: readonly PathSegment[]): boolean {
  const box = segmentsBounds(segments);
  if (!box || box.width <= 0 || box.height <= 0) return false;
  const tolerance = 1e-9 * Math.hypot(box.width, box.height);
  let points: (readonly [number, number])[] = [];
  const spansArea = (): boolean => {
    const [origin] = points;
    if (!origin) return false;
    const far = points.find((p) => Math.hypot(p[0] - origin[0], p[1] - origin[1]) > tolerance);
    if (!far) return false;
    const dx = far[0] - origin[0];
    const dy = far[1] - origin[1];
    const length = Math.hypot(dx, dy);
    return points.some((p) => Math.abs((p[0] - origin[0]) * dy - (p[1] - origin[1]) * dx) / length > tolerance);
  };
  for (const segment of segments) {
    if (segment[0] === 'M') {
      if (spansArea()) return true;
      points = [[segment[1], segment[2]]];
    } else if (segment[0] !== 'Z') {
      for (let i = 1; i + 1 < segment.length; i += 2) points.push([segment[i] as number, segment[i + 1] as number]);
    }
  }
  return spansArea();
}
