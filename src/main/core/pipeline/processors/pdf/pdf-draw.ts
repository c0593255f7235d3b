import PDFDocument from 'pdfkit';
import type { BlendMode, ClipShape } from '../svg/art.ts';
import type {
  BitmapOp,
  DisplayPage,
  DrawOp,
  Ink,
  InkGradient,
  InkPaint,
  KnockoutOp,
  PathOp,
  PrintBitmap,
} from '../svg/display-list.ts';
import { IDENTITY, invert, type Matrix, multiply, round } from '../svg/matrix.ts';
import { labelFontFile } from './label-font.ts';
import { makePdfX, type PdfX, pdfxOf } from './pdfx.ts';

export type { PdfX } from './pdfx.ts';

import { normalizePath } from '../svg/path-data.ts';

/** The parts of pdfkit's page we reach past its API: the resources and the page dictionary. */
interface PageInternals {
  page: {
    colorSpaces: Record<string, unknown>;
    ext_gstates: Record<string, unknown>;
    xobjects: Record<string, unknown>;
    dictionary: { data: Record<string, unknown> };
  };
}

/** pdfkit writes every operator through addContent; a soft mask's operators are caught from it. */
interface ContentSink {
  addContent(data: string): unknown;
}

/** Soft masks per document, for names that depend only on what was drawn (deterministic bytes). */
const softMasks = new WeakMap<PDFKit.PDFDocument, number>();
/** Image XObjects per document, each bitmap written once however many pages draw it. */
const images = new WeakMap<
  PDFKit.PDFDocument,
  Map<PrintBitmap, { readonly name: string; readonly ref: PDFKit.PDFKitReference }>
>();

/**
 * A PDF name token: pdfkit writes JS strings as names. The name is UTF-8 (the PDF 2.0 convention);
 * every byte outside printable ASCII, and the delimiters and '#', is written as #xx.
 */
export function pdfName(name: string): string {
  let result = '';
  for (const byte of new TextEncoder().encode(name)) {
    const ch = String.fromCharCode(byte);
    result +=
      byte > 0x20 && byte < 0x7f && !'#()<>[]{}/%'.includes(ch)
        ? ch
        : `#${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return result;
}

/** Standard 14 fonts speak WinAnsi only: other characters would print as garbage, so show '?'. */
function winAnsiText(text: string): string {
  return text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}

/**
 * Separation colour spaces, one object per ink name per document. pdfkit's own addSpotColor lists
 * every spot colour in every page's resources and can only paint tint 1; a plate page must name
 * its one ink only, at any tint.
 */
const separations = new WeakMap<PDFKit.PDFDocument, Map<string, { id: string; ref: PDFKit.PDFKitReference }>>();

function separationSpace(
  doc: PDFKit.PDFDocument,
  name: string,
  alternate: readonly number[],
): { id: string; ref: PDFKit.PDFKitReference } {
  let spaces = separations.get(doc);
  if (!spaces) {
    spaces = new Map();
    separations.set(doc, spaces);
  }
  let space = spaces.get(name);
  if (!space) {
    const ref = doc.ref([
      'Separation',
      pdfName(name),
      'DeviceCMYK',
      {
        Range: [0, 1, 0, 1, 0, 1, 0, 1],
        C0: [0, 0, 0, 0],
        C1: alternate.map((value) => value / 100),
        FunctionType: 2,
        Domain: [0, 1],
        N: 1,
      },
    ] as unknown as object);
    ref.end(undefined);
    space = { id: `Sep${spaces.size}`, ref };
    spaces.set(name, space);
  }
  return space;
}

export interface PdfMeta {
  readonly title: string;
  readonly subject?: string;
  readonly keywords?: string;
  readonly pdfx?: PdfX;
  /** sRGB ICC bytes, embedded once where a fade's soft mask needs them (builtinSrgbProfile). */
  readonly srgbProfile: Uint8Array;
}

const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

/**
 * The stops with the first colour held from offset 0 and the last to offset 1, as SVG paints
 * them. pdfkit's shading function runs from the first stop to the last as if they sat at 0 and 1
 * (its own padding of the last stop never reaches the function), so a gradient with stops at
 * .1 and .5 would be drawn stretched over the whole length.
 */
export function stopsToEnds<T extends { readonly offset: number }>(stops: readonly T[]): T[] {
  const first = stops[0];
  const last = stops[stops.length - 1];
  if (!first || !last) return [];
  return [
    ...(first.offset > 0 ? [{ ...first, offset: 0 }] : []),
    ...stops,
    ...(last.offset < 1 ? [{ ...last, offset: 1 }] : []),
  ];
}

/**
 * A pdfkit document whose bytes depend only on what is drawn: fixed dates (pdfkit derives the
 * file ID from the info dictionary, so that is fixed too).
 */
export function createPdf(meta: PdfMeta): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    pdfVersion: '1.6',
    info: {
      Title: meta.title,
      Author: 'Marque',
      Creator: 'Marque',
      Producer: 'Marque (pdfkit)',
      ...(meta.subject ? { Subject: meta.subject } : {}),
      ...(meta.keywords ? { Keywords: meta.keywords } : {}),
      CreationDate: FIXED_DATE,
      ModDate: FIXED_DATE,
    },
    displayTitle: true,
  });
  if (meta.pdfx) makePdfX(doc, meta.pdfx, meta.title, FIXED_DATE);
  srgbOf.set(doc, { profile: meta.srgbProfile });
  return doc;
}

export function finishPdf(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.end();
  });
}

const n = (value: number): string => String(round(value, 4));

/** The parts of pdfkit's gradient we reach past its typings. */
interface PdfkitGradient {
  /** 4-number colours are CMYK in percent, 3-number RGB in 0-255, 1-number grey. */
  stop(offset: number, color: number[], opacity: number): unknown;
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): unknown;
  /** The gradient pdfkit draws a fade's soft mask with (its stops' opacities as colours). */
  opacityGradient(): PdfkitGradient;
  _colorSpace: unknown;
}

/** Each document's sRGB profile bytes, and its ICCBased space once a fade has needed it. */
const srgbOf = new WeakMap<PDFKit.PDFDocument, { readonly profile: Uint8Array; space?: unknown[] }>();

function srgbSpace(doc: PDFKit.PDFDocument): unknown[] {
  const srgb = srgbOf.get(doc);
  if (!srgb) throw new Error('createPdf was given no sRGB profile');
  if (!srgb.space) {
    const ref = doc.ref({ N: 3 } as unknown as object);
    ref.end(Buffer.from(srgb.profile));
    srgb.space = ['ICCBased', ref];
  }
  return srgb.space;
}

/**
 * Has pdfkit draw a gradient's fade (its stops' opacities) as an sRGB grey soft mask, not a
 * DeviceGray one. Ghostscript reads a DeviceGray luminosity mask through a gamma (a 30 % shadow
 * prints as 7 %), where poppler reads it as is; both read an sRGB grey the same.
 * ICC-based, not DeviceRGB, as PDF/X allows no device RGB.
 */
function fadeInSrgbGrey(doc: PDFKit.PDFDocument, gradient: PdfkitGradient): void {
  const make = gradient.opacityGradient.bind(gradient);
  gradient.opacityGradient = () => {
    const mask = make();
    const stop = mask.stop.bind(mask);
    // pdfkit takes 3-number stops as RGB in 0-255.
    mask.stop = (offset, [grey = 1], opacity) => stop(offset, [grey * 255, grey * 255, grey * 255], opacity);
    // pdfkit sets the mask gradient's space to DeviceGray after making it; keep it sRGB.
    const space = srgbSpace(doc);
    Object.defineProperty(mask, '_colorSpace', { get: () => space, set: () => {} });
    return mask;
  };
}

class PageWriter {
  private ctm: Matrix = IDENTITY;
  private readonly doc: PDFKit.PDFDocument;
  /**
   * Drawing a knockout mask (a DeviceGray group): inks become grey levels, full black a hole and
   * anything else white, exactly: a CMYK black would convert to a dark grey, a leaky hole.
   */
  private readonly mask: boolean;
  constructor(doc: PDFKit.PDFDocument, mask = false) {
    this.doc = doc;
    this.mask = mask;
  }

  /** Sets the CTM to `target` (relative to the page's initial, y-down user space). */
  private setMatrix(target: Matrix): boolean {
    const inverse = invert(this.ctm);
    if (!inverse || !invert(target)) return false;
    const delta = multiply(inverse, target);
    // Through pdfkit's transform, so its CTM (which gradients are placed by) stays in step.
    this.doc.transform(...(delta.map((value) => round(value, 6)) as [number, number, number, number, number, number]));
    this.ctm = target;
    return true;
  }

  private setInk(ink: Ink, stroke: boolean): void {
    if (this.mask) {
      const hole = ink.space === 'cmyk' && ink.cmyk[3] >= 100;
      this.doc.addContent(`${hole ? 0 : 1} ${stroke ? 'G' : 'g'}`);
      return;
    }
    if (ink.space === 'cmyk') {
      this.doc.addContent(`${ink.cmyk.map((value) => n(value / 100)).join(' ')} ${stroke ? 'K' : 'k'}`);
      return;
    }
    const spot = separationSpace(this.doc, ink.name, ink.alternate);
    (this.doc as unknown as PageInternals).page.colorSpaces[spot.id] = spot.ref;
    this.doc.addContent(`/${spot.id} ${stroke ? 'CS' : 'cs'} ${n(ink.tint)} ${stroke ? 'SCN' : 'scn'}`);
  }

  private clip(clip: ClipShape): boolean {
    if (!this.setMatrix(clip.matrix)) return false;
    this.doc.path(normalizePath(clip.d));
    this.doc.addContent(clip.rule === 'evenodd' ? 'W* n' : 'W n');
    return true;
  }

  path(op: PathOp): void {
    this.doc.save();
    const saved = this.ctm;
    if (op.overprint) this.overprint();
    if (op.blend) this.blend(op.blend);
    if (op.clips.every((clip) => this.clip(clip)) && this.setMatrix(op.matrix)) {
      this.paint(op.fill, op.stroke?.paint ?? null);
      if (op.stroke) {
        const s = op.stroke;
        const dash = s.dash.length > 0 ? `[${s.dash.map(n).join(' ')}] ${n(s.dashOffset)} d ` : '';
        const cap = { butt: 0, round: 1, square: 2 }[s.cap];
        const join = { miter: 0, round: 1, bevel: 2 }[s.join];
        this.doc.addContent(`${n(s.width)} w ${cap} J ${join} j ${n(s.miterLimit)} M ${dash}`.trim());
      }
      this.doc.path(normalizePath(op.d));
      const even = op.fillRule === 'evenodd' ? '*' : '';
      this.doc.addContent(op.fill && op.stroke ? `B${even}` : op.fill ? `f${even}` : 'S');
    }
    this.doc.restore();
    this.ctm = saved;
  }

  /** A blend mode for what follows in this q/Q: one ExtGState per mode and page. */
  private blend(mode: BlendMode): void {
    const page = (this.doc as unknown as PageInternals).page;
    const name = `Blend${mode}`;
    if (!page.ext_gstates[name]) {
      const state = this.doc.ref({ Type: 'ExtGState', BM: mode } as unknown as object);
      state.end(undefined);
      page.ext_gstates[name] = state;
    }
    this.doc.addContent(`/${name} gs`);
  }

  /** Overprint for fills and strokes (OPM 1: a zero tint leaves the ink below alone). */
  private overprint(): void {
    const page = (this.doc as unknown as PageInternals).page;
    if (!page.ext_gstates.Overprint) {
      const state = this.doc.ref({ Type: 'ExtGState', OP: true, op: true, OPM: 1 } as unknown as object);
      state.end(undefined);
      page.ext_gstates.Overprint = state;
    }
    this.doc.addContent('/Overprint gs');
  }

  private gradient(paint: InkGradient): PDFKit.PDFGradient {
    const [a = 0, b = 0, c = 0, d = 0, e = 0] = paint.coords;
    // SVG radial gradients run from the focal point (radius 0) to the circle.
    const gradient =
      paint.kind === 'linear' ? this.doc.linearGradient(a, b, c, d) : this.doc.radialGradient(d, e, 0, a, b, c);
    // pdfkit takes 4-number arrays as CMYK in percent, 1-number arrays as grey; it has setTransform
    // and a colour space field; its typings know none of that.
    const typed = gradient as unknown as PdfkitGradient;
    fadeInSrgbGrey(this.doc, typed);
    const first = paint.stops[0]?.ink;
    for (const stop of stopsToEnds(paint.stops)) {
      const ink = stop.ink;
      // A tint ramp: 1-component stops (pdfkit would call them grey), then the shading's colour
      // space becomes the Separation itself.
      typed.stop(stop.offset, ink.space === 'cmyk' ? [...ink.cmyk] : [ink.tint], stop.opacity);
    }
    if (first?.space === 'separation') {
      const space = separationSpace(this.doc, first.name, first.alternate);
      (this.doc as unknown as PageInternals).page.colorSpaces[space.id] = space.ref;
      typed._colorSpace = space.ref;
    }
    typed.setTransform(...(paint.matrix as [number, number, number, number, number, number]));
    return gradient;
  }

  private paint(fill: InkPaint | null, stroke: InkPaint | null): void {
    if (fill) {
      if (fill.gradient) this.doc.fillColor(this.gradient(fill.gradient));
      else this.setInk(fill.ink, false);
    }
    if (stroke) {
      if (stroke.gradient) this.doc.strokeColor(this.gradient(stroke.gradient));
      else this.setInk(stroke.ink, true);
    }
    // Each op runs inside q/Q, so opacity needs setting only when it is not 1 (pdfkit reuses equal ExtGStates).
    // Gradients carry their opacity in their stops (pdfkit adds a soft mask).
    const fillOpacity = fill && !fill.gradient ? fill.opacity : 1;
    const strokeOpacity = stroke && !stroke.gradient ? stroke.opacity : 1;
    if (fillOpacity < 1 || strokeOpacity < 1) {
      this.doc.fillOpacity(fillOpacity);
      this.doc.strokeOpacity(strokeOpacity);
    }
  }

  /**
   * One ink through a soft mask: the mask is a luminosity transparency group drawn from the mask
   * ops in the page's own (y-down) space; the black backdrop masks away everything outside the art.
   */
  knockout(op: KnockoutOp): void {
    this.doc.save();
    const saved = this.ctm;
    if (this.setMatrix(IDENTITY)) {
      const [x, y, width, height] = op.area;
      const name = this.softMask(op.mask, op.area);
      (this.doc as unknown as ContentSink).addContent(`/${name} gs`);
      this.setInk(op.ink, false);
      this.doc.addContent(`${n(x)} ${n(y)} ${n(width)} ${n(height)} re f`);
    }
    this.doc.restore();
    this.ctm = saved;
  }

  /** Draws `ops` into a form XObject and registers the ExtGState that masks with it; returns its name. */
  private softMask(ops: readonly PathOp[], area: KnockoutOp['area']): string {
    const sink = this.doc as unknown as ContentSink;
    const chunks: string[] = [];
    // Shadow pdfkit's addContent on the instance while the mask is drawn, with the same writer
    // code as the page, so clips, strokes and opacities behave identically.
    sink.addContent = (data: string) => {
      chunks.push(data);
      return this.doc;
    };
    try {
      const writer = new PageWriter(this.doc, true);
      for (const op of ops) writer.path(op);
    } finally {
      delete (sink as Partial<ContentSink>).addContent;
    }
    const page = (this.doc as unknown as PageInternals).page;
    const [x, y, width, height] = area;
    const form = this.doc.ref({
      Type: 'XObject',
      Subtype: 'Form',
      FormType: 1,
      BBox: [x, y, x + width, y + height].map((value) => round(value, 3)),
      Group: { Type: 'Group', S: 'Transparency', CS: 'DeviceGray' },
      // Opacities inside the mask register on the page; the form needs them in its own resources.
      Resources: { ExtGState: { ...page.ext_gstates } },
    } as unknown as object);
    form.end(chunks.join('\n'));
    const state = this.doc.ref({
      Type: 'ExtGState',
      SMask: { Type: 'Mask', S: 'Luminosity', G: form, BC: [0] },
    } as unknown as object);
    state.end(undefined);
    const count = (softMasks.get(this.doc) ?? 0) + 1;
    softMasks.set(this.doc, count);
    const name = `Knockout${count}`;
    page.ext_gstates[name] = state;
    return name;
  }

  /** A bitmap as a DeviceCMYK image XObject, its alpha a soft mask, clipped and faded as its <image> was. */
  bitmap(op: BitmapOp): void {
    this.doc.save();
    const saved = this.ctm;
    if (op.blend) this.blend(op.blend);
    if (op.clips.every((clip) => this.clip(clip)) && this.setMatrix(op.matrix)) {
      if (op.opacity < 1) this.doc.fillOpacity(op.opacity);
      this.doc.addContent(`/${this.imageName(op.bitmap)} Do`);
    }
    this.doc.restore();
    this.ctm = saved;
  }

  private imageName(bitmap: PrintBitmap): string {
    let written = images.get(this.doc);
    if (!written) {
      written = new Map();
      images.set(this.doc, written);
    }
    let image = written.get(bitmap);
    if (!image) {
      const { width, height } = bitmap;
      const common = { Type: 'XObject', Subtype: 'Image', Width: width, Height: height, BitsPerComponent: 8 };
      let smask: PDFKit.PDFKitReference | undefined;
      if (bitmap.alpha) {
        smask = this.doc.ref({ ...common, ColorSpace: 'DeviceGray' } as unknown as object);
        smask.end(Buffer.from(bitmap.alpha));
      }
      // pdfkit deflates a reference's stream when the document is compressed.
      const ref = this.doc.ref({
        ...common,
        ColorSpace: 'DeviceCMYK',
        ...(smask ? { SMask: smask } : {}),
      } as unknown as object);
      ref.end(Buffer.from(bitmap.cmyk));
      image = { name: `Bitmap${written.size + 1}`, ref };
      written.set(bitmap, image);
    }
    (this.doc as unknown as PageInternals).page.xobjects[image.name] = image.ref;
    return image.name;
  }

  text(op: Extract<DrawOp, { kind: 'text' }>): void {
    this.doc.save();
    this.setInk(op.ink, false);
    const font = labelFontFile();
    if (font) this.doc.font(font.file, font.name as string);
    else this.doc.font('Helvetica');
    this.doc.fontSize(op.size);
    this.doc.text(font ? op.text : winAnsiText(op.text), op.x, op.y, { lineBreak: false, baseline: 'alphabetic' });
    this.doc.restore();
  }
}

/** Adds one page drawn from a display list. */
export function addDisplayPage(doc: PDFKit.PDFDocument, page: DisplayPage): void {
  doc.addPage({ size: [page.widthPt, page.heightPt], margin: 0 });
  const internals = doc as unknown as PageInternals;
  const pdfx = pdfxOf.get(doc);
  // PDF/X needs a TrimBox on every page: the artboard is the whole page when none is given.
  const trim = page.trimBox ?? (pdfx ? ([0, 0, page.widthPt, page.heightPt] as const) : undefined);
  if (trim) {
    const [x, y, w, h] = trim;
    // PDF boxes are y-up from the bottom left.
    internals.page.dictionary.data.TrimBox = [x, page.heightPt - y - h, x + w, page.heightPt - y].map((value) =>
      round(value, 3),
    );
    if (pdfx) {
      const b = pdfx.bleedPt;
      internals.page.dictionary.data.BleedBox = [
        Math.max(0, x - b),
        Math.max(0, page.heightPt - y - h - b),
        Math.min(page.widthPt, x + w + b),
        Math.min(page.heightPt, page.heightPt - y + b),
      ].map((value: number) => round(value, 3));
    }
  }
  const writer = new PageWriter(doc);
  doc.save();
  if (page.mirror) doc.transform(-1, 0, 0, 1, page.widthPt, 0);
  for (const op of page.ops) {
    if (op.kind === 'path') writer.path(op);
    else if (op.kind === 'knockout') writer.knockout(op);
    else if (op.kind === 'bitmap') writer.bitmap(op);
    else writer.text(op);
  }
  doc.restore();
}
