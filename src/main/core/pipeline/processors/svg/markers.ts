/**
 * SVG markers (SVG 2 §11.6): where marker-start, marker-mid and marker-end draw their content on a
 * shape, and how the marker's own coordinates map there (orient, markerUnits, viewBox, refX/refY,
 * the overflow clip).
 */
import type { ClipShape } from './art.ts';
import { rect } from './display-list.ts';
import { type Matrix, multiply, parseTransform, scale, translate } from './matrix.ts';
import type { PathSegment } from './path-data.ts';
import { parseViewBox, viewBoxTransform } from './viewport.ts';
import type { Attributes } from './xml.ts';

export type MarkerPosition = 'start' | 'mid' | 'end';

export interface MarkerVertex {
  readonly x: number;
  readonly y: number;
  readonly position: MarkerPosition;
  /** Directions (radians) of the path coming into and leaving the vertex, when there are any. */
  readonly incoming: number | null;
  readonly outgoing: number | null;
}

type Point = readonly [number, number];

function direction(from: Point, ...towards: Point[]): number | null {
  for (const to of towards) {
    const dx = to[0] - from[0];
    const dy = to[1] - from[1];
    if (Math.abs(dx) > 1e-12 || Math.abs(dy) > 1e-12) return Math.atan2(dy, dx);
  }
  return null;
}

/** Every vertex of normalised path data, with the directions a marker's orient="auto" needs. */
export function markerVertices(segments: readonly PathSegment[]): MarkerVertex[] {
  const vertices: { x: number; y: number; incoming: number | null; outgoing: number | null }[] = [];
  let current: Point = [0, 0];
  let start: Point = [0, 0];
  const leave = (dir: number | null): void => {
    const last = vertices[vertices.length - 1];
    if (last && last.outgoing === null) last.outgoing = dir;
  };
  for (const segment of segments) {
    switch (segment[0]) {
      case 'M':
        current = start = [segment[1], segment[2]];
        vertices.push({ x: current[0], y: current[1], incoming: null, outgoing: null });
        break;
      case 'L': {
        const end: Point = [segment[1], segment[2]];
        const dir = direction(current, end);
        leave(dir);
        vertices.push({ x: end[0], y: end[1], incoming: dir, outgoing: null });
        current = end;
        break;
      }
      case 'C': {
        const c1: Point = [segment[1], segment[2]];
        const c2: Point = [segment[3], segment[4]];
        const end: Point = [segment[5], segment[6]];
        leave(direction(current, c1, c2, end));
        const incoming = direction(c2, end) ?? direction(c1, end) ?? direction(current, end);
        vertices.push({ x: end[0], y: end[1], incoming, outgoing: null });
        current = end;
        break;
      }
      case 'Z': {
        const dir = direction(current, start);
        leave(dir);
        vertices.push({ x: start[0], y: start[1], incoming: dir, outgoing: null });
        current = start;
        break;
      }
    }
  }
  return vertices.map((vertex, index) => ({
    ...vertex,
    position: index === 0 ? 'start' : index === vertices.length - 1 ? 'end' : 'mid',
  }));
}

/** The marker's rotation at a vertex, in degrees. */
export function markerAngle(orient: string | undefined, vertex: MarkerVertex): number {
  const value = (orient ?? '0').trim();
  if (value === 'auto' || value === 'auto-start-reverse') {
    const { incoming, outgoing } = vertex;
    let radians = 0;
    if (incoming !== null && outgoing !== null) {
      let delta = outgoing - incoming;
      while (delta > Math.PI) delta -= 2 * Math.PI;
      while (delta < -Math.PI) delta += 2 * Math.PI;
      radians = incoming + delta / 2;
    } else radians = incoming ?? outgoing ?? 0;
    const degrees = (radians * 180) / Math.PI;
    return value === 'auto-start-reverse' && vertex.position === 'start' ? degrees + 180 : degrees;
  }
  const match = /^([+-]?[\d.]+(?:e[+-]?\d+)?)(deg|rad|grad|turn)?$/i.exec(value);
  if (!match) return 0;
  const amount = Number(match[1]);
  const unit = (match[2] ?? 'deg').toLowerCase();
  const factor = unit === 'rad' ? 180 / Math.PI : unit === 'grad' ? 0.9 : unit === 'turn' ? 360 : 1;
  return Number.isFinite(amount) ? amount * factor : 0;
}

function length(text: string | undefined, fallback: number): number {
  const value = Number.parseFloat(text ?? '');
  return Number.isFinite(value) ? value : fallback;
}

/**
 * How one marker instance is placed: `content` maps the marker's children to the shape's user
 * space; `clip` is the marker viewport when overflow is hidden (the default for markers).
 */
export function markerPlacement(
  marker: Attributes,
  vertex: MarkerVertex,
  strokeWidth: number,
): { content: Matrix; clip: ClipShape | null } | null {
  const width = length(marker.markerWidth, 3);
  const height = length(marker.markerHeight, 3);
  if (width <= 0 || height <= 0) return null;
  const viewBox = parseViewBox(marker.viewBox);
  const toViewport = viewBox ? viewBoxTransform(viewBox, width, height, marker.preserveAspectRatio) : scale(1);
  // refX/refY are in the marker's content coordinates; that point lands on the vertex.
  const ref = toViewport;
  const refX = length(marker.refX, 0);
  const refY = length(marker.refY, 0);
  const refOnViewport: [number, number] = [
    ref[0] * refX + ref[2] * refY + ref[4],
    ref[1] * refX + ref[3] * refY + ref[5],
  ];
  const units = marker.markerUnits === 'userSpaceOnUse' ? 1 : strokeWidth;
  const angle = markerAngle(marker.orient, vertex);
  const base = multiply(
    translate(vertex.x, vertex.y),
    multiply(
      parseTransform(`rotate(${angle})`),
      multiply(scale(units), translate(-refOnViewport[0], -refOnViewport[1])),
    ),
  );
  const overflow = (marker.overflow ?? 'hidden').trim();
  const clipped = overflow === 'hidden' || overflow === 'scroll';
  return {
    content: multiply(base, toViewport),
    clip: clipped ? { d: rect(0, 0, width, height), matrix: base, rule: 'nonzero' } : null,
  };
}
