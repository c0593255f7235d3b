/**
 * Path2D and DOMMatrix for pdf.js under Node, in plain TypeScript: the recorder reads paths back
 * as SVG data, so no native canvas package is needed at run time (pdf.js would otherwise borrow
 * @napi-rs/canvas's, which the app does not ship). Only what pdf.js's canvas code calls.
 */
type Six = [number, number, number, number, number, number];

function product(m: Six, n: Six): Six {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

interface MatrixInit {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

function six(init?: ArrayLike<number> | MatrixInit): Six {
  if (!init) return [1, 0, 0, 1, 0, 0];
  if ('a' in init) return [init.a, init.b, init.c, init.d, init.e, init.f];
  return [0, 1, 2, 3, 4, 5].map((i) => Number(init[i] ?? (i === 0 || i === 3 ? 1 : 0))) as Six;
}

/** A 2-D DOMMatrix: the a-f fields and the operations pdf.js uses. */
export class VectorMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;
  readonly is2D = true;
  constructor(init?: ArrayLike<number> | MatrixInit) {
    this.set(six(init));
  }
  private set(m: Six): this {
    [this.a, this.b, this.c, this.d, this.e, this.f] = m;
    return this;
  }
  private get six(): Six {
    return [this.a, this.b, this.c, this.d, this.e, this.f];
  }
  get isIdentity(): boolean {
    return this.six.every((value, i) => value === (i === 0 || i === 3 ? 1 : 0));
  }
  multiplySelf(other?: ArrayLike<number> | MatrixInit): this {
    return this.set(product(this.six, six(other)));
  }
  preMultiplySelf(other?: ArrayLike<number> | MatrixInit): this {
    return this.set(product(six(other), this.six));
  }
  invertSelf(): this {
    const [a, b, c, d, e, f] = this.six;
    const det = a * d - b * c;
    if (!det) return this.set([Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
    return this.set([d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det]);
  }
  translateSelf(x = 0, y = 0): this {
    return this.multiplySelf([1, 0, 0, 1, x, y]);
  }
  scaleSelf(x = 1, y = x): this {
    return this.multiplySelf([x, 0, 0, y, 0, 0]);
  }
  multiply(other?: ArrayLike<number> | MatrixInit): VectorMatrix {
    return new VectorMatrix(this).multiplySelf(other);
  }
  inverse(): VectorMatrix {
    return new VectorMatrix(this).invertSelf();
  }
  translate(x = 0, y = 0): VectorMatrix {
    return new VectorMatrix(this).translateSelf(x, y);
  }
  scale(x = 1, y = x): VectorMatrix {
    return new VectorMatrix(this).scaleSelf(x, y);
  }
  transformPoint(point: { x: number; y: number }): { x: number; y: number } {
    return { x: this.a * point.x + this.c * point.y + this.e, y: this.b * point.x + this.d * point.y + this.f };
  }
}

const fmt = (value: number): string => String(Math.round(value * 1e6) / 1e6);

/** A Path2D that keeps its commands as SVG path data (read back with toSVGString). */
export class RecordingPath {
  private readonly parts: string[] = [];
  constructor(from?: RecordingPath | string) {
    if (from instanceof RecordingPath) this.parts.push(...from.parts);
    else if (typeof from === 'string') this.parts.push(from);
  }
  moveTo(x: number, y: number): void {
    this.parts.push(`M${fmt(x)} ${fmt(y)}`);
  }
  lineTo(x: number, y: number): void {
    this.parts.push(`L${fmt(x)} ${fmt(y)}`);
  }
  bezierCurveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number): void {
    this.parts.push(`C${[x1, y1, x2, y2, x, y].map(fmt).join(' ')}`);
  }
  quadraticCurveTo(x1: number, y1: number, x: number, y: number): void {
    this.parts.push(`Q${[x1, y1, x, y].map(fmt).join(' ')}`);
  }
  closePath(): void {
    this.parts.push('Z');
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.parts.push(`M${fmt(x)} ${fmt(y)}h${fmt(w)}v${fmt(h)}h${fmt(-w)}Z`);
  }
  /** Appends another path, transformed by `matrix` (its commands rewritten point by point). */
  addPath(path: RecordingPath, matrix?: MatrixInit): void {
    const m = six(matrix);
    if (m.every((value, i) => value === (i === 0 || i === 3 ? 1 : 0))) {
      this.parts.push(...path.parts);
      return;
    }
    const [a, b, c, d, e, f] = m;
    const point = (x: number, y: number): string => `${fmt(a * x + c * y + e)} ${fmt(b * x + d * y + f)}`;
    // Path data here is absolute except rect's h/v, which addPath rewrites through svgpath-free parsing.
    for (const part of path.parts) {
      const command = part[0] ?? '';
      const values = part
        .slice(1)
        .trim()
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number);
      if (command === 'Z') this.parts.push('Z');
      else if (command === 'M' && part.includes('h')) {
        const [x = 0, y = 0, w = 0, h = 0] = part
          .slice(1)
          .split(/[hvZ\s]+/)
          .filter(Boolean)
          .map(Number);
        this.parts.push(`M${point(x, y)}L${point(x + w, y)}L${point(x + w, y + h)}L${point(x, y + h)}Z`);
      } else {
        const pairs: string[] = [];
        for (let i = 0; i + 1 < values.length; i += 2) pairs.push(point(values[i] ?? 0, values[i + 1] ?? 0));
        this.parts.push(`${command}${pairs.join(' ')}`);
      }
    }
  }
  toSVGString(): string {
    return this.parts.join('');
  }
}

/** Installs both as pdf.js's globals (before it draws anything). */
export function installGeometry(): void {
  const target = globalThis as unknown as { Path2D: unknown; DOMMatrix: unknown };
  target.Path2D = RecordingPath;
  target.DOMMatrix = VectorMatrix;
}
