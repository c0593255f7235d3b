/** Bounding box of SVG path data (curves and arcs sampled), for objectBoundingBox gradients. */

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const ARGS: Readonly<Record<string, number>> = { m: 2, l: 2, h: 1, v: 1, c: 6, s: 4, q: 4, t: 2, a: 7, z: 0 };
const SAMPLES = 16;

function tokenize(d: string): (string | number)[] {
  const tokens: (string | number)[] = [];
  for (const match of d.matchAll(/([MmLlHhVvCcSsQqTtAaZz])|([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/g)) {
    tokens.push(match[1] ?? Number(match[2]));
  }
  return tokens;
}

/** Points along an elliptical arc (SVG endpoint parameterisation, F.6.5 of the SVG spec). */
function arcPoints(
  x1: number,
  y1: number,
  rxIn: number,
  ryIn: number,
  angle: number,
  large: boolean,
  sweep: boolean,
  x2: number,
  y2: number,
): [number, number][] {
  let rx = Math.abs(rxIn);
  let ry = Math.abs(ryIn);
  if (rx === 0 || ry === 0) return [[x2, y2]];
  const phi = (angle * Math.PI) / 180;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  const dx = (x1 - x2) / 2;
  const dy = (y1 - y2) / 2;
  const xp = cos * dx + sin * dy;
  const yp = -sin * dx + cos * dy;
  const lambda = (xp * xp) / (rx * rx) + (yp * yp) / (ry * ry);
  if (lambda > 1) {
    rx *= Math.sqrt(lambda);
    ry *= Math.sqrt(lambda);
  }
  const num = rx * rx * ry * ry - rx * rx * yp * yp - ry * ry * xp * xp;
  const den = rx * rx * yp * yp + ry * ry * xp * xp;
  const coef = (large !== sweep ? 1 : -1) * Math.sqrt(Math.max(0, num / den));
  const cxp = (coef * rx * yp) / ry;
  const cyp = (-coef * ry * xp) / rx;
  const cx = cos * cxp - sin * cyp + (x1 + x2) / 2;
  const cy = sin * cxp + cos * cyp + (y1 + y2) / 2;
  const vectorAngle = (ux: number, uy: number, vx: number, vy: number): number =>
    Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
  const theta = vectorAngle(1, 0, (xp - cxp) / rx, (yp - cyp) / ry);
  let delta = vectorAngle((xp - cxp) / rx, (yp - cyp) / ry, (-xp - cxp) / rx, (-yp - cyp) / ry);
  if (!sweep && delta > 0) delta -= 2 * Math.PI;
  if (sweep && delta < 0) delta += 2 * Math.PI;
  const points: [number, number][] = [];
  for (let i = 1; i <= SAMPLES; i++) {
    const t = theta + (delta * i) / SAMPLES;
    points.push([
      cx + rx * Math.cos(t) * cos - ry * Math.sin(t) * sin,
      cy + rx * Math.cos(t) * sin + ry * Math.sin(t) * cos,
    ]);
  }
  return points;
}

function cubicPoints(
  p0: [number, number],
  p1: [number, number],
  p2: [number, number],
  p3: [number, number],
): [number, number][] {
  const points: [number, number][] = [];
  for (let i = 1; i <= SAMPLES; i++) {
    const t = i / SAMPLES;
    const u = 1 - t;
    points.push([
      u * u * u * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t * t * t * p3[0],
      u * u * u * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t * t * t * p3[1],
    ]);
  }
  return points;
}

/** The box around everything the path draws; null for empty data. */
export function pathBounds(d: string): Box | null {
  const tokens = tokenize(d);
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  let lastControl: [number, number] | null = null;
  let lastQuad: [number, number] | null = null;
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
  let i = 0;
  let command = '';
  while (i < tokens.length) {
    const token = tokens[i];
    if (typeof token === 'string') {
      command = token;
      i++;
      if (command.toLowerCase() === 'z') {
        x = startX;
        y = startY;
        lastControl = null;
        lastQuad = null;
        continue;
      }
    }
    const lower = command.toLowerCase();
    const count = ARGS[lower] ?? 0;
    if (count === 0 || i + count > tokens.length) break;
    const a = tokens.slice(i, i + count) as number[];
    if (a.some((value) => typeof value !== 'number')) break;
    i += count;
    const rel = command !== command.toUpperCase();
    const ox = rel ? x : 0;
    const oy = rel ? y : 0;
    const [a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0] = a;
    let control: [number, number] | null = null;
    let quad: [number, number] | null = null;
    switch (lower) {
      case 'm':
        x = ox + a0;
        y = oy + a1;
        startX = x;
        startY = y;
        add(x, y);
        // Further pairs after a moveto are linetos.
        command = rel ? 'l' : 'L';
        break;
      case 'l':
        x = ox + a0;
        y = oy + a1;
        add(x, y);
        break;
      case 'h':
        x = ox + a0;
        add(x, y);
        break;
      case 'v':
        y = oy + a0;
        add(x, y);
        break;
      case 'c':
      case 's': {
        const c1: [number, number] =
          lower === 'c' ? [ox + a0, oy + a1] : lastControl ? [2 * x - lastControl[0], 2 * y - lastControl[1]] : [x, y];
        const c2: [number, number] = lower === 'c' ? [ox + a2, oy + a3] : [ox + a0, oy + a1];
        const end: [number, number] = lower === 'c' ? [ox + a4, oy + a5] : [ox + a2, oy + a3];
        for (const [px, py] of cubicPoints([x, y], c1, c2, end)) add(px, py);
        control = c2;
        [x, y] = end;
        break;
      }
      case 'q':
      case 't': {
        const q: [number, number] =
          lower === 'q' ? [ox + a0, oy + a1] : lastQuad ? [2 * x - lastQuad[0], 2 * y - lastQuad[1]] : [x, y];
        const end: [number, number] = lower === 'q' ? [ox + a2, oy + a3] : [ox + a0, oy + a1];
        const c1: [number, number] = [x + (2 / 3) * (q[0] - x), y + (2 / 3) * (q[1] - y)];
        const c2: [number, number] = [end[0] + (2 / 3) * (q[0] - end[0]), end[1] + (2 / 3) * (q[1] - end[1])];
        for (const [px, py] of cubicPoints([x, y], c1, c2, end)) add(px, py);
        quad = q;
        [x, y] = end;
        break;
      }
      case 'a': {
        const end: [number, number] = [ox + a5, oy + a6];
        for (const [px, py] of arcPoints(x, y, a0, a1, a2, a3 !== 0, a4 !== 0, end[0], end[1])) add(px, py);
        [x, y] = end;
        break;
      }
    }
    lastControl = control;
    lastQuad = quad;
  }
  if (!Number.isFinite(minX)) return null;
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}
