/**
 * A CanvasRenderingContext2D stand-in that records what pdf.js paints as vector SVG: pdf.js keeps
 * every PDF semantic (text as glyph outlines, forms, clipping, shadings, transparency groups) and
 * this context only writes down the paths, paints and clips it is handed. Scratch canvases (groups,
 * shading patterns, images) are recorders too, spliced back in when pdf.js draws them.
 */
import { parseCssColor } from '../../pipeline/processors/svg/color.ts';
import { type Matrix, multiply } from '../../pipeline/processors/svg/matrix.ts';
import { pathBounds } from '../../pipeline/processors/svg/path-bounds.ts';

type Rule = 'nonzero' | 'evenodd';

export interface RecordedClip {
  readonly d: string;
  readonly matrix: Matrix;
  readonly rule: Rule;
}

export interface RecordedGradient {
  readonly kind: 'linear' | 'radial';
  /** Linear: x1 y1 x2 y2. Radial (canvas order): x0 y0 r0 x1 y1 r1. */
  readonly coords: readonly number[];
  readonly stops: { offset: number; color: string; opacity?: number }[];
  /** Maps gradient coordinates into the painted path's own space. */
  readonly matrix: Matrix;
}

export type RecordedPaint = { readonly color: string } | { readonly gradient: RecordedGradient };

export interface RecordedShape {
  readonly kind: 'shape';
  readonly d: string;
  readonly matrix: Matrix;
  readonly fill: RecordedPaint | null;
  readonly fillRule: Rule;
  readonly stroke: {
    readonly paint: RecordedPaint;
    readonly width: number;
    readonly cap: string;
    readonly join: string;
    readonly miterLimit: number;
    readonly dash: readonly number[];
    readonly dashOffset: number;
  } | null;
  readonly opacity: number;
  readonly clips: readonly RecordedClip[];
  /** A PDF blend mode other than Normal, as CSS names it (kept as mix-blend-mode). */
  readonly blend?: string;
}

export interface RecordedImage {
  readonly kind: 'image';
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8ClampedArray;
  /** Maps the image's pixel grid (0..width, 0..height) to page space. */
  readonly matrix: Matrix;
  readonly opacity: number;
  readonly clips: readonly RecordedClip[];
  readonly blend?: string;
}

/**
 * Items shown through a soft mask (a PDF SMask: how cairo and Illustrator write gradients that
 * fade out): `mask` is drawn as an SVG mask in the same space as `items`, of luminance or alpha
 * as the PDF's /S says.
 */
export interface RecordedMasked {
  readonly kind: 'masked';
  readonly items: readonly RecordedItem[];
  readonly mask: readonly RecordedItem[];
  readonly maskType: MaskType;
  /** Maps the items' and the mask's space to page space. */
  readonly matrix: Matrix;
  readonly opacity: number;
  readonly clips: readonly RecordedClip[];
  readonly blend?: string;
}

/** A PDF soft mask's subtype: /Luminosity (pdf.js reads its pixels back to filter them) or /Alpha. */
export type MaskType = 'luminance' | 'alpha';

export type RecordedItem = RecordedShape | RecordedImage | RecordedMasked;

interface DomMatrixLike {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

interface PathLike {
  toSVGString(): string;
}

class GradientRecorder {
  readonly stops: { offset: number; color: string }[] = [];
  readonly kind: 'linear' | 'radial';
  readonly coords: readonly number[];
  constructor(kind: 'linear' | 'radial', coords: readonly number[]) {
    this.kind = kind;
    this.coords = coords;
  }
  addColorStop(offset: number, color: string): void {
    this.stops.push({ offset, color });
  }
}

class PatternRecorder {
  matrix: Matrix = [1, 0, 0, 1, 0, 0];
  readonly source: CanvasRecorder;
  constructor(source: CanvasRecorder) {
    this.source = source;
  }
  setTransform(m?: DomMatrixLike): void {
    if (m) this.matrix = [m.a, m.b, m.c, m.d, m.e, m.f];
  }
}

interface State {
  ctm: Matrix;
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  lineCap: string;
  lineJoin: string;
  miterLimit: number;
  dash: number[];
  lineDashOffset: number;
  globalAlpha: number;
  globalCompositeOperation: string;
  filter: string;
  clips: RecordedClip[];
}

/** Pixel buffers handed out by getImageData: written back, they are filters pdf.js ran on pixels. */
const readBack = new WeakSet<object>();

/** The PDF blend modes, as pdf.js hands them to the canvas and CSS's mix-blend-mode names them. */
const BLEND_MODES = new Set([
  'multiply',
  'screen',
  'overlay',
  'darken',
  'lighten',
  'color-dodge',
  'color-burn',
  'hard-light',
  'soft-light',
  'difference',
  'exclusion',
  'hue',
  'saturation',
  'color',
  'luminosity',
]);

const fmt = (value: number): string => String(Math.round(value * 1e4) / 1e4);

/** The scratch "canvas" pdf.js draws into; its context is the recorder. */
export class CanvasRecorder {
  readonly context: RecordingContext;
  width: number;
  height: number;
  constructor(width: number, height: number, warnings: Set<string>) {
    this.width = width;
    this.height = height;
    this.context = new RecordingContext(this, warnings);
  }
  getContext(): RecordingContext {
    return this.context;
  }
}

/** Matrix of a DOMMatrix-like, or the six numbers, or identity. */
function toMatrix(args: readonly unknown[]): Matrix {
  const [first] = args;
  if (first && typeof first === 'object') {
    const m = first as DomMatrixLike;
    return [m.a, m.b, m.c, m.d, m.e, m.f];
  }
  if (args.length >= 6) return args.slice(0, 6).map(Number) as unknown as Matrix;
  return [1, 0, 0, 1, 0, 0];
}

export class RecordingContext {
  items: RecordedItem[] = [];
  /** Set when pdf.js masks this (layer) canvas with another: a soft mask, kept as vectors. */
  mask: readonly RecordedItem[] | null = null;
  maskType: MaskType = 'luminance';
  /** Whether pdf.js read this canvas's pixels back: it does so to turn a luminosity mask into alpha. */
  readBack = false;
  /** Pixels put into this canvas (an image pdf.js decoded), drawn when the canvas is drawn. */
  pixels: { data: Uint8ClampedArray; width: number; height: number; dx: number; dy: number }[] = [];
  imageSmoothingEnabled = true;
  font = '10px sans-serif';
  fillRule: Rule = 'nonzero';
  private state: State = {
    ctm: [1, 0, 0, 1, 0, 0],
    fillStyle: '#000000',
    strokeStyle: '#000000',
    lineWidth: 1,
    lineCap: 'butt',
    lineJoin: 'miter',
    miterLimit: 10,
    dash: [],
    lineDashOffset: 0,
    globalAlpha: 1,
    globalCompositeOperation: 'source-over',
    filter: 'none',
    clips: [],
  };
  private readonly stack: State[] = [];
  /** The path built with moveTo/lineTo/... (already in device space). */
  private current: string[] = [];

  readonly canvas: CanvasRecorder;
  private readonly warnings: Set<string>;
  constructor(canvas: CanvasRecorder, warnings: Set<string>) {
    this.canvas = canvas;
    this.warnings = warnings;
  }

  // Plain state, as properties pdf.js reads and writes.
  get fillStyle(): unknown {
    return this.state.fillStyle;
  }
  set fillStyle(value: unknown) {
    this.state.fillStyle = value;
  }
  get strokeStyle(): unknown {
    return this.state.strokeStyle;
  }
  set strokeStyle(value: unknown) {
    this.state.strokeStyle = value;
  }
  get lineWidth(): number {
    return this.state.lineWidth;
  }
  set lineWidth(value: number) {
    if (Number.isFinite(value) && value > 0) this.state.lineWidth = value;
  }
  get lineCap(): string {
    return this.state.lineCap;
  }
  set lineCap(value: string) {
    this.state.lineCap = value;
  }
  get lineJoin(): string {
    return this.state.lineJoin;
  }
  set lineJoin(value: string) {
    this.state.lineJoin = value;
  }
  get miterLimit(): number {
    return this.state.miterLimit;
  }
  set miterLimit(value: number) {
    this.state.miterLimit = value;
  }
  get lineDashOffset(): number {
    return this.state.lineDashOffset;
  }
  set lineDashOffset(value: number) {
    this.state.lineDashOffset = value;
  }
  get globalAlpha(): number {
    return this.state.globalAlpha;
  }
  set globalAlpha(value: number) {
    this.state.globalAlpha = Math.min(1, Math.max(0, value));
  }
  get globalCompositeOperation(): string {
    return this.state.globalCompositeOperation;
  }
  set globalCompositeOperation(value: string) {
    this.state.globalCompositeOperation = value;
  }
  get filter(): string {
    return this.state.filter;
  }
  set filter(value: string) {
    this.state.filter = value;
  }
  setLineDash(dash: number[]): void {
    this.state.dash = [...dash];
  }
  getLineDash(): number[] {
    return [...this.state.dash];
  }

  save(): void {
    this.stack.push({ ...this.state, dash: [...this.state.dash], clips: [...this.state.clips] });
  }
  restore(): void {
    const state = this.stack.pop();
    if (state) this.state = state;
  }

  transform(...args: number[]): void {
    this.state.ctm = multiply(this.state.ctm, toMatrix(args));
  }
  setTransform(...args: unknown[]): void {
    this.state.ctm = toMatrix(args);
  }
  resetTransform(): void {
    this.state.ctm = [1, 0, 0, 1, 0, 0];
  }
  getTransform(): DomMatrixLike {
    // pdf.js inverts and multiplies what it gets: a real DOMMatrix (pdf.js installs one under Node).
    const { DOMMatrix } = globalThis as unknown as { DOMMatrix: new (init: number[]) => DomMatrixLike };
    return new DOMMatrix([...this.state.ctm]);
  }
  translate(x: number, y: number): void {
    this.transform(1, 0, 0, 1, x, y);
  }
  scale(x: number, y: number): void {
    this.transform(x, 0, 0, y, 0, 0);
  }
  rotate(angle: number): void {
    this.transform(Math.cos(angle), Math.sin(angle), -Math.sin(angle), Math.cos(angle), 0, 0);
  }

  // The context's own path, in device space (the CTM applies when each point is added).
  private point(x: number, y: number): string {
    const [a, b, c, d, e, f] = this.state.ctm;
    return `${fmt(a * x + c * y + e)} ${fmt(b * x + d * y + f)}`;
  }
  beginPath(): void {
    this.current = [];
  }
  moveTo(x: number, y: number): void {
    this.current.push(`M${this.point(x, y)}`);
  }
  lineTo(x: number, y: number): void {
    this.current.push(`L${this.point(x, y)}`);
  }
  bezierCurveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number): void {
    this.current.push(`C${this.point(x1, y1)} ${this.point(x2, y2)} ${this.point(x, y)}`);
  }
  quadraticCurveTo(x1: number, y1: number, x: number, y: number): void {
    this.current.push(`Q${this.point(x1, y1)} ${this.point(x, y)}`);
  }
  closePath(): void {
    this.current.push('Z');
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.current.push(
      `M${this.point(x, y)}L${this.point(x + w, y)}L${this.point(x + w, y + h)}L${this.point(x, y + h)}Z`,
    );
  }

  /** A Path2D (in the CTM's space) or the context's own path (device space). */
  private pathOf(path: unknown): { d: string; matrix: Matrix } {
    if (path && typeof path === 'object' && typeof (path as PathLike).toSVGString === 'function')
      return { d: (path as PathLike).toSVGString(), matrix: this.state.ctm };
    return { d: this.current.join(''), matrix: [1, 0, 0, 1, 0, 0] };
  }

  private ruleOf(args: readonly unknown[]): Rule {
    return args.some((arg) => arg === 'evenodd') ? 'evenodd' : 'nonzero';
  }

  /** A fill or stroke style as an SVG paint; null when it paints nothing. */
  private paintOf(style: unknown, pathMatrix: Matrix): RecordedPaint | null {
    // A fully transparent colour paints nothing: pdf.js's page background (we ask for
    // 'rgba(0,0,0,0)') would otherwise become a page-sized rectangle every vector output draws.
    if (typeof style === 'string')
      return style === 'transparent' || parseCssColor(style)?.alpha === 0 ? null : { color: style };
    if (style instanceof GradientRecorder) {
      // Canvas gradients live in the CTM's space at paint time, as the path does.
      const matrix = multiply(invertOr(pathMatrix), this.state.ctm);
      return { gradient: { kind: style.kind, coords: style.coords, stops: style.stops, matrix } };
    }
    if (style instanceof PatternRecorder) {
      // pdf.js's shading patterns: a scratch canvas holding one gradient fill.
      const source = style.source.context.items.findLast(
        (item): item is RecordedShape => item.kind === 'shape' && item.fill !== null && 'gradient' in item.fill,
      );
      if (source?.fill && 'gradient' in source.fill) {
        const toPaint = multiply(this.state.ctm, multiply(style.matrix, source.matrix));
        const matrix = multiply(invertOr(pathMatrix), multiply(toPaint, source.fill.gradient.matrix));
        return { gradient: { ...source.fill.gradient, matrix } };
      }
      this.warnings.add('pattern fills left out');
      return null;
    }
    return null;
  }

  /** The blend mode painting now (kept as mix-blend-mode); other compositing is drawn as normal. */
  private blendMode(): { blend?: string } {
    const operation = this.state.globalCompositeOperation;
    if (this.state.filter && this.state.filter !== 'none') this.warnings.add('transfer functions left out');
    if (BLEND_MODES.has(operation)) return { blend: operation };
    if (operation !== 'source-over' && operation !== 'destination-atop')
      this.warnings.add('compositing operators drawn as normal');
    return {};
  }

  fill(...args: unknown[]): void {
    // A destination-in fill only trims alpha outside a soft mask's area (its backdrop): not art.
    if (this.state.globalCompositeOperation === 'destination-in') return;
    const { d, matrix } = this.pathOf(args[0]);
    this.fillArea(d, matrix, this.ruleOf(args), this.state.clips);
  }

  private fillArea(d: string, matrix: Matrix, fillRule: Rule, clips: readonly RecordedClip[]): void {
    const fill = this.paintOf(this.state.fillStyle, matrix);
    if (!d || !fill || this.state.globalAlpha <= 0) return;
    const blend = this.blendMode();
    // destination-atop paints behind what is there: a soft mask's backdrop colour.
    const behind = this.state.globalCompositeOperation === 'destination-atop';
    this.items[behind ? 'unshift' : 'push']({
      kind: 'shape',
      d,
      matrix,
      fill,
      fillRule,
      stroke: null,
      opacity: this.state.globalAlpha,
      clips,
      ...blend,
    });
  }

  stroke(path?: unknown): void {
    const { d, matrix } = this.pathOf(path);
    const paint = this.paintOf(this.state.strokeStyle, matrix);
    if (!d || !paint || this.state.globalAlpha <= 0) return;
    const blend = this.blendMode();
    // A context path is in device space: its stroke width is scaled by the CTM it was drawn under.
    const widthScale =
      matrix === this.state.ctm
        ? 1
        : Math.sqrt(Math.abs(this.state.ctm[0] * this.state.ctm[3] - this.state.ctm[1] * this.state.ctm[2]));
    this.items.push({
      kind: 'shape',
      d,
      matrix,
      fill: null,
      fillRule: 'nonzero',
      stroke: {
        paint,
        width: this.state.lineWidth * widthScale,
        cap: this.state.lineCap,
        join: this.state.lineJoin,
        miterLimit: this.state.miterLimit,
        dash: this.state.dash.map((value) => value * widthScale),
        dashOffset: this.state.lineDashOffset * widthScale,
      },
      opacity: this.state.globalAlpha,
      clips: this.state.clips,
      ...blend,
    });
  }

  clip(...args: unknown[]): void {
    const { d, matrix } = this.pathOf(args[0]);
    this.state.clips = [...this.state.clips, { d: d || 'M0 0Z', matrix, rule: this.ruleOf(args) }];
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    const saved = this.current;
    this.current = [];
    this.rect(x, y, w, h);
    const clips = this.state.clips;
    const last = clips[clips.length - 1];
    if (last && this.state.globalCompositeOperation !== 'destination-in' && covers(this.current.join(''), last)) {
      // pdf.js paints a shading (the `sh` operator: how cairo and Illustrator fill a shape with a
      // gradient) as a huge rectangle under the shape's clip. The clip's own outline, filled, is the
      // same area and the shape the designer drew: a clip is judged by renderers (Ghostscript grows
      // it by a pixel) and by the one-colour outline as something else than a fill.
      this.fillArea(last.d, last.matrix, last.rule, clips.slice(0, -1));
    } else this.fill();
    this.current = saved;
  }
  strokeRect(x: number, y: number, w: number, h: number): void {
    const saved = this.current;
    this.current = [];
    this.rect(x, y, w, h);
    this.stroke();
    this.current = saved;
  }
  clearRect(x: number, y: number, w: number, h: number): void {
    // pdf.js clears a whole scratch layer to reuse it (soft-mask mode): forget what it held.
    const [a, b, c, d, e, f] = this.state.ctm;
    const identity = a === 1 && b === 0 && c === 0 && d === 1 && e === 0 && f === 0;
    if (identity && x <= 0 && y <= 0 && x + w >= this.canvas.width && y + h >= this.canvas.height) {
      this.items = [];
      this.pixels = [];
      this.mask = null;
    }
  }

  createLinearGradient(x0: number, y0: number, x1: number, y1: number): GradientRecorder {
    return new GradientRecorder('linear', [x0, y0, x1, y1]);
  }
  createRadialGradient(x0: number, y0: number, r0: number, x1: number, y1: number, r1: number): GradientRecorder {
    return new GradientRecorder('radial', [x0, y0, r0, x1, y1, r1]);
  }
  createPattern(source: unknown): PatternRecorder | null {
    if (source instanceof CanvasRecorder) return new PatternRecorder(source);
    this.warnings.add('pattern fills left out');
    return null;
  }

  createImageData(width: number, height: number): { width: number; height: number; data: Uint8ClampedArray } {
    return { width, height, data: new Uint8ClampedArray(width * height * 4) };
  }
  putImageData(image: { width: number; height: number; data: Uint8ClampedArray }, dx: number, dy: number): void {
    // Pixels read back and filtered (a luminosity mask, a grey group) stay vectors here: the SVG
    // luminance mask does what the filter did.
    if (readBack.has(image)) return;
    this.pixels.push({ data: new Uint8ClampedArray(image.data), width: image.width, height: image.height, dx, dy });
  }
  getImageData(
    _x: number,
    _y: number,
    width: number,
    height: number,
  ): { width: number; height: number; data: Uint8ClampedArray } {
    // pdf.js reads pixels back only to filter soft masks and grey groups in place (see putImageData).
    this.readBack = true;
    const image = this.createImageData(Math.max(1, width), Math.max(1, height));
    readBack.add(image);
    return image;
  }

  /** Draws a scratch canvas: its recorded shapes and pixels join this one, placed as drawImage says. */
  drawImage(source: unknown, ...args: number[]): void {
    if (!(source instanceof CanvasRecorder)) {
      this.warnings.add('embedded images left out');
      return;
    }
    let place: Matrix;
    if (args.length >= 8) {
      const [sx = 0, sy = 0, sw = 1, sh = 1, dx = 0, dy = 0, dw = 1, dh = 1] = args;
      place = multiply([1, 0, 0, 1, dx, dy], multiply([dw / sw, 0, 0, dh / sh, 0, 0], [1, 0, 0, 1, -sx, -sy]));
    } else if (args.length >= 4) {
      const [dx = 0, dy = 0, dw = 1, dh = 1] = args;
      place = [dw / source.width, 0, 0, dh / source.height, dx, dy];
    } else {
      const [dx = 0, dy = 0] = args;
      place = [1, 0, 0, 1, dx, dy];
    }
    const toHere = multiply(this.state.ctm, place);
    if (this.state.globalCompositeOperation === 'destination-in') {
      // pdf.js applying a soft mask to this layer: keep the mask's shapes, in this layer's space.
      this.mask = source.context.items.map((item) => placeItem(item, toHere, 1, []));
      // A luminosity mask reaches here through a canvas pdf.js filtered (read back); an alpha mask
      // (no transfer function) is the mask group's own canvas.
      this.maskType = source.context.readBack ? 'luminance' : 'alpha';
      return;
    }
    const blend = this.blendMode();
    const alpha = this.state.globalAlpha;
    if (source.context.mask) {
      const faded =
        source.context.maskType === 'luminance' ? fadedFill(source.context.items, source.context.mask) : null;
      this.items.push(
        faded
          ? { ...placeItem(faded, toHere, alpha, this.state.clips), ...blend }
          : {
              kind: 'masked',
              items: source.context.items,
              mask: source.context.mask,
              maskType: source.context.maskType,
              matrix: toHere,
              opacity: alpha,
              clips: this.state.clips,
              ...blend,
            },
      );
      source.context.items = [];
      source.context.mask = null;
      return;
    }
    for (const item of source.context.items)
      this.items.push({ ...placeItem(item, toHere, alpha, this.state.clips), ...(item.blend ? {} : blend) });
    for (const pixels of source.context.pixels) {
      this.items.push({
        kind: 'image',
        width: pixels.width,
        height: pixels.height,
        rgba: pixels.data,
        matrix: multiply(toHere, [1, 0, 0, 1, pixels.dx, pixels.dy]),
        opacity: alpha,
        clips: this.state.clips,
        ...blend,
      });
    }
  }

  measureText(): { width: number } {
    return { width: 0 };
  }
  fillText(): void {
    this.warnings.add('text without outlines left out');
  }
  strokeText(): void {
    this.warnings.add('text without outlines left out');
  }
}

/** PDF luminosity of a '#rrggbb' colour, 0-1 (pdf.js's weights). */
function luminosity(color: string): number | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!match) return null;
  const [r, g, b] = [match[1], match[2], match[3]].map((hex) => Number.parseInt(hex ?? '0', 16) / 255) as [
    number,
    number,
    number,
  ];
  return 0.3 * r + 0.59 * g + 0.11 * b;
}

/**
 * The common soft mask, one flat-colour shape faded by one gradient (how cairo writes a gradient
 * whose stops have opacity), as a single shape whose gradient carries the opacity: a plain SVG
 * gradient every recipe can draw, rather than a mask. Null for anything else.
 */
function fadedFill(items: readonly RecordedItem[], mask: readonly RecordedItem[]): RecordedShape | null {
  // A black backdrop painted first adds nothing to a luminance mask.
  const isBlack = (item: RecordedItem): boolean =>
    item.kind === 'shape' &&
    !item.stroke &&
    item.fill !== null &&
    'color' in item.fill &&
    luminosity(item.fill.color) === 0;
  const start = mask.findIndex((item) => !isBlack(item));
  const painted = start < 0 ? [] : mask.slice(start);
  const [shape] = items;
  const [fader] = painted;
  if (items.length !== 1 || painted.length !== 1 || shape?.kind !== 'shape' || fader?.kind !== 'shape') return null;
  if (shape.stroke || fader.stroke || !shape.fill || !fader.fill) return null;
  if (!('gradient' in fader.fill) || fader.opacity !== 1) return null;
  const gradient = fader.fill.gradient;
  const levels = gradient.stops.map((stop) => luminosity(stop.color));
  if (levels.some((level) => level === null)) return null;
  // Gradient space -> the mask shape's space -> the layer -> this shape's own space.
  const matrix = multiply(invertOr(shape.matrix), multiply(fader.matrix, gradient.matrix));
  let stops: { offset: number; color: string; opacity: number }[];
  if ('color' in shape.fill) {
    const color = shape.fill.color;
    stops = gradient.stops.map((stop, i) => ({ offset: stop.offset, color, opacity: levels[i] ?? 0 }));
  } else {
    // A colour gradient faded by an alpha gradient of the same geometry (cairo splits a gradient
    // with stop opacities so): one gradient with both. Their stops may differ (the colour part of
    // a black shadow fading out is two black stops, its mask five greys): sampled at every offset
    // of either, both stay exact, as SVG interpolates colour and opacity linearly between stops.
    const own = shape.fill.gradient;
    const same =
      own.kind === gradient.kind &&
      own.coords.every((value, i) => Math.abs(value - (gradient.coords[i] ?? Number.NaN)) < 1e-6) &&
      own.matrix.every((value, i) => Math.abs(value - (matrix[i] ?? Number.NaN)) < 1e-6 * Math.max(1, Math.abs(value)));
    if (!same) return null;
    const ownOffsets = own.stops.map((stop) => stop.offset);
    const maskOffsets = gradient.stops.map((stop) => stop.offset);
    if (
      ownOffsets.length === maskOffsets.length &&
      ownOffsets.every((at, i) => Math.abs(at - (maskOffsets[i] ?? -1)) < 1e-6)
    )
      stops = own.stops.map((stop, i) => ({
        offset: stop.offset,
        color: stop.color,
        opacity: (stop.opacity ?? 1) * (levels[i] ?? 0),
      }));
    else {
      // A hard step (two stops at one offset) has no single value there to sample: keep the mask.
      const stepped = (offsets: readonly number[]) => offsets.some((at, i) => i > 0 && at === offsets[i - 1]);
      if (stepped(ownOffsets) || stepped(maskOffsets)) return null;
      const merged = mergedStops(own.stops, maskOffsets, levels as number[]);
      if (!merged) return null;
      stops = merged;
    }
  }
  return {
    ...shape,
    fill: { gradient: { ...gradient, stops, matrix } },
    // Outside the mask's own outline the mask is black (its backdrop): nothing shows there.
    clips: [...shape.clips, { d: fader.d, matrix: fader.matrix, rule: fader.fillRule }, ...fader.clips],
  };
}

/** Colour stops faded by mask levels at other offsets, sampled at every offset of either. */
function mergedStops(
  own: readonly { offset: number; color: string; opacity?: number }[],
  maskOffsets: readonly number[],
  levels: readonly number[],
): { offset: number; color: string; opacity: number }[] | null {
  const colours = own.map((stop) => parseCssColor(stop.color));
  if (colours.some((colour) => colour === null)) return null;
  const ownOffsets = own.map((stop) => stop.offset);
  const ownOpacity = own.map((stop) => stop.opacity ?? 1);
  const offsets = [...new Set([...ownOffsets, ...maskOffsets])].sort((a, b) => a - b);
  const channel = (k: number) => own.map((_, i) => (colours[i]?.rgb[k] ?? 0) as number);
  const rgb = [channel(0), channel(1), channel(2)];
  return offsets.map((offset) => {
    const hex = rgb
      .map((values) =>
        Math.round(sampleStops(ownOffsets, values, offset))
          .toString(16)
          .padStart(2, '0'),
      )
      .join('');
    return {
      offset,
      color: `#${hex}`,
      opacity: sampleStops(ownOffsets, ownOpacity, offset) * sampleStops(maskOffsets, levels, offset),
    };
  });
}

/** Whether a device-space rectangle path holds all of a clip's outline. */
function covers(rect: string, clip: RecordedClip): boolean {
  const outer = pathBounds(rect);
  const inner = pathBounds(clip.d);
  if (!outer || !inner) return false;
  const [a, b, c, d, e, f] = clip.matrix;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [x, y] of [
    [inner.x, inner.y],
    [inner.x + inner.width, inner.y],
    [inner.x, inner.y + inner.height],
    [inner.x + inner.width, inner.y + inner.height],
  ] as const) {
    xs.push(a * x + c * y + e);
    ys.push(b * x + d * y + f);
  }
  return (
    Math.min(...xs) >= outer.x &&
    Math.min(...ys) >= outer.y &&
    Math.max(...xs) <= outer.x + outer.width &&
    Math.max(...ys) <= outer.y + outer.height
  );
}

/** The value at `offset` of a quantity given at sorted stop offsets: linear between, flat beyond. */
function sampleStops(offsets: readonly number[], values: readonly number[], offset: number): number {
  const next = offsets.findIndex((at) => at >= offset);
  if (next < 0) return values[values.length - 1] ?? 0;
  if (next === 0) return values[0] ?? 0;
  const [a = 0, b = 0] = [offsets[next - 1], offsets[next]];
  const [va = 0, vb = 0] = [values[next - 1], values[next]];
  return b > a ? va + ((vb - va) * (offset - a)) / (b - a) : vb;
}

/** An item of a scratch canvas placed on another canvas by `toHere`, under that canvas's clips. */
function placeItem(item: RecordedItem, toHere: Matrix, alpha: number, clips: readonly RecordedClip[]): RecordedItem {
  const placed = item.clips.map((clip) => ({ ...clip, matrix: multiply(toHere, clip.matrix) }));
  return {
    ...item,
    matrix: multiply(toHere, item.matrix),
    opacity: item.opacity * alpha,
    clips: [...clips, ...placed],
  };
}

function invertOr(m: Matrix): Matrix {
  const det = m[0] * m[3] - m[1] * m[2];
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) return [1, 0, 0, 1, 0, 0];
  const [a, b, c, d, e, f] = m;
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

/** pdf.js's CanvasFactory, handing out recorders for every scratch canvas. */
export function recorderFactory(warnings: Set<string>) {
  return class RecorderCanvasFactory {
    create(width: number, height: number): { canvas: CanvasRecorder; context: RecordingContext } {
      const canvas = new CanvasRecorder(width, height, warnings);
      return { canvas, context: canvas.context };
    }
    reset(pair: { canvas: CanvasRecorder }, width: number, height: number): void {
      pair.canvas.width = width;
      pair.canvas.height = height;
    }
    destroy(pair: { canvas: unknown; context: unknown }): void {
      pair.canvas = null;
      pair.context = null;
    }
  };
}
