/**
 * Page 1 of a PDF (or an Illustrator file saved PDF-compatible) as a vector SVG master: pdf.js
 * interprets the page (text as glyph outlines, forms, clips, shadings, groups) and paints it into
 * a recording context, which becomes paths, gradients and clips. Runs only in the intake process.
 */
import sharp from 'sharp';
import { MarqueError } from '../../../../shared/errors.ts';
import { conversionNoteElement } from '../../pipeline/processors/artwork/conversion-note.ts';
import { type Matrix, matrixToSvg } from '../../pipeline/processors/svg/matrix.ts';
import { traceMask } from '../../pipeline/processors/vector/potrace.ts';
import { installGeometry } from './geometry-polyfill.ts';
import { openPdf } from './open-pdf.ts';
import {
  CanvasRecorder,
  type RecordedClip,
  type RecordedItem,
  type RecordedPaint,
  type RecordingContext,
  recorderFactory,
} from './svg-recorder.ts';

/** Device units per PDF point: pdf.js widens strokes thinner than one device unit, so keep those tiny. */
const UNITS_PER_PT = 8;

export interface PdfVector {
  readonly svg: string;
  /** Page size in points. */
  readonly pageWidth: number;
  readonly pageHeight: number;
  /** What could not be kept as vectors (soft masks, blend modes, ...). */
  readonly warnings: readonly string[];
  readonly shapes: number;
}

const escapeAttr = (text: string): string => text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const num = (value: number): string => String(Math.round(value * 1e4) / 1e4);

export async function pdfFirstPageToSvg(bytes: Uint8Array, file: string, maxPixels: number): Promise<PdfVector> {
  const warnings = new Set<string>();
  installGeometry();
  const { pdf, close } = await openPdf(bytes, file, { CanvasFactory: recorderFactory(warnings) });
  try {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const page = await pdf.getPage(1);
    const base = page.getViewport({ scale: 1 });
    if (!(base.width >= 1 && base.height >= 1))
      throw new MarqueError('DECODE_FAILED', `${file}: the first page has no size`);
    const viewport = page.getViewport({ scale: UNITS_PER_PT });
    const canvas = new CanvasRecorder(viewport.width, viewport.height, warnings);
    await page.render({
      canvasContext: canvas.context as unknown as Parameters<typeof page.render>[0]['canvasContext'],
      canvas: null,
      viewport,
      background: 'rgba(0,0,0,0)',
      annotationMode: pdfjs.AnnotationMode.DISABLE,
    }).promise;
    const svg = await writeSvg(
      canvas.context,
      base.width,
      base.height,
      viewport.width,
      viewport.height,
      maxPixels,
      warnings,
    );
    const losses = [...warnings].sort();
    return {
      // What was lost goes into the master itself, so every output of it can say so.
      svg: svg.replace(/^<svg[^>]*>/, (root) => root + conversionNoteElement(losses)),
      pageWidth: base.width,
      pageHeight: base.height,
      warnings: losses,
      shapes: canvas.context.items.length,
    };
  } catch (error) {
    if (error instanceof MarqueError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new MarqueError(
      'DECODE_FAILED',
      `${file}: the first page of the PDF cannot be read as vectors (${reason.slice(0, 120)})`,
    );
  } finally {
    await close();
  }
}

/** Long side, in pixels, an image soft mask is rendered at to be traced. */
const MASK_TRACE_SIZE = 2048;

/** A mask whose covered pixels hold one alpha within this (of 255) is a plain opacity. */
const UNIFORM_ALPHA_SPREAD = 6;
/** Share of a mask's covered pixels that must hold that alpha (the rest: anti-aliased rims). */
const UNIFORM_ALPHA_SHARE = 0.95;

interface TracedMask {
  readonly d: string;
  readonly transform: string;
  /** The opacity the art is drawn with inside the outline. */
  readonly opacity: number;
  /** True when outline and opacity are the mask (one alpha throughout); false when soft edges were cut. */
  readonly exact: boolean;
}

/**
 * The outline of an alpha mask (SVG content in page units, width x height) and what it stands for;
 * null when nothing of it can be drawn. See readMask for the cut and the opacity.
 */
async function traceAlpha(content: string, width: number, height: number): Promise<TracedMask | null> {
  const scale = MASK_TRACE_SIZE / Math.max(width, height);
  const [w, h] = [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${num(width)} ${num(height)}">${content}</svg>`;
  const alpha = await sharp(Buffer.from(svg)).ensureAlpha().extractChannel(3).raw().toBuffer();
  const reading = readMask(alpha);
  if (!reading) return null;
  const ink = new Uint8Array(w * h);
  for (let i = 0; i < ink.length; i++) ink[i] = (alpha[i] as number) >= reading.cut ? 1 : 0;
  const traced = await traceMask(ink, w, h);
  if (!traced) return null;
  return {
    d: traced.d,
    transform: `scale(${num(width / w)} ${num(height / h)}) ${traced.transform}`,
    opacity: reading.opacity,
    exact: reading.exact,
  };
}

/**
 * Where to cut an alpha mask (its outline: alpha >= cut) and the opacity to draw inside it.
 * - One partial alpha throughout (librsvg writes a group's 30 % opacity so): cut at half of it,
 *   drawn at it. Exact but for the anti-aliased rim.
 * - Opaque somewhere: cut at half opacity, drawn opaque, as a cutter would read it.
 * - Never opaque (a soft highlight, a bubble at 15 %): cut at half its peak, drawn at its mean
 *   alpha inside the cut, so it stays a faint shape instead of vanishing.
 * Null when the mask covers nothing.
 */
function readMask(alpha: Uint8Array): { cut: number; opacity: number; exact: boolean } | null {
  const counts = new Uint32Array(256);
  for (const value of alpha) counts[value] = (counts[value] as number) + 1;
  let covered = 0;
  let mode = 0;
  let peak = 0;
  for (let value = 1; value < 256; value++) {
    const count = counts[value] as number;
    if (count === 0) continue;
    covered += count;
    peak = value;
    if (mode === 0 || count > (counts[mode] as number)) mode = value;
  }
  if (covered === 0) return null;
  let near = 0;
  for (let v = Math.max(1, mode - UNIFORM_ALPHA_SPREAD); v <= Math.min(255, mode + UNIFORM_ALPHA_SPREAD); v++)
    near += counts[v] as number;
  // An opaque mask (mode 255) is a shape cairo rasterised: its outline is traced, and said so.
  if (mode < 255 && near >= UNIFORM_ALPHA_SHARE * covered)
    return { cut: Math.max(1, Math.round(mode / 2)), opacity: mode / 255, exact: true };
  if (peak === 255) return { cut: 128, opacity: 1, exact: false };
  const cut = Math.max(1, Math.round(peak / 2));
  let sum = 0;
  let inside = 0;
  for (let v = cut; v <= peak; v++) {
    sum += v * (counts[v] as number);
    inside += counts[v] as number;
  }
  return { cut, opacity: sum / inside / 255, exact: false };
}

async function writeSvg(
  context: RecordingContext,
  widthPt: number,
  heightPt: number,
  width: number,
  height: number,
  maxPixels: number,
  warnings: Set<string>,
): Promise<string> {
  const defs: string[] = [];
  const body: string[] = [];
  const clipIds = new Map<RecordedClip, string>();
  let gradients = 0;
  let imagePixels = 0;
  const clipId = (clip: RecordedClip): string => {
    let id = clipIds.get(clip);
    if (!id) {
      id = `c${clipIds.size}`;
      clipIds.set(clip, id);
      defs.push(
        `<clipPath id="${id}" clipPathUnits="userSpaceOnUse"><path d="${escapeAttr(clip.d)}" transform="${matrixToSvg(clip.matrix)}" clip-rule="${clip.rule}"/></clipPath>`,
      );
    }
    return id;
  };
  const paint = (value: RecordedPaint): string => {
    if ('color' in value) return escapeAttr(value.color);
    const { kind, coords, stops, matrix } = value.gradient;
    const id = `g${gradients++}`;
    const stopTags = stops
      .map(
        (stop) =>
          `<stop offset="${num(stop.offset)}" stop-color="${escapeAttr(stop.color)}"${stop.opacity === undefined ? '' : ` stop-opacity="${num(stop.opacity)}"`}/>`,
      )
      .join('');
    const common = `id="${id}" gradientUnits="userSpaceOnUse" gradientTransform="${matrixToSvg(matrix)}"`;
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = coords;
    defs.push(
      kind === 'linear'
        ? `<linearGradient ${common} x1="${num(a)}" y1="${num(b)}" x2="${num(c)}" y2="${num(d)}">${stopTags}</linearGradient>`
        : `<radialGradient ${common} fx="${num(a)}" fy="${num(b)}" fr="${num(c)}" cx="${num(d)}" cy="${num(e)}" r="${num(f)}">${stopTags}</radialGradient>`,
    );
    return `url(#${id})`;
  };
  // A blend mode goes on the outermost element: a clipped group is isolated, so a blend inside it
  // would only meet the transparent group, not the art beneath.
  const wrap = (clips: readonly RecordedClip[], element: string, blend?: string): string => {
    const style = blend ? ` style="mix-blend-mode:${escapeAttr(blend)}"` : '';
    if (clips.length === 0) return style ? element.replace(/^<(\w+)/, `<$1${style}`) : element;
    return clips.reduceRight(
      (inner, clip, i) => `<g clip-path="url(#${clipId(clip)})"${i === 0 ? style : ''}>${inner}</g>`,
      element,
    );
  };

  let masks = 0;
  const emit = async (items: readonly RecordedItem[]): Promise<string[]> => {
    const out: string[] = [];
    for (const item of items) {
      if (item.kind === 'masked') {
        const id = `m${masks++}`;
        const mask = await emit(item.mask);
        const opacity = item.opacity < 1 ? ` opacity="${num(item.opacity)}"` : '';
        const inner = (await emit(item.items)).join('');
        if (item.maskType === 'alpha' && item.mask.length > 0 && item.mask.every((part) => part.kind === 'image')) {
          // An alpha mask that is an image: cairo's raster of a vector mask (Iconify's lovable heart).
          // Its outline, traced, is a clip every recipe draws; an SVG mask only librsvg would.
          const outline = await traceAlpha(
            `<defs>${defs.join('')}</defs><g transform="${matrixToSvg(item.matrix)}">${mask.join('')}</g>`,
            width,
            height,
          );
          if (!outline) continue; // the mask shows nothing, or specks too small to trace
          if (!outline.exact) warnings.add('an image soft mask traced to an outline (soft edges made sharp)');
          const faded = item.opacity * outline.opacity;
          defs.push(
            `<clipPath id="${id}" clipPathUnits="userSpaceOnUse"><path d="${escapeAttr(outline.d)}" transform="${escapeAttr(outline.transform)}"/></clipPath>`,
          );
          out.push(
            wrap(
              item.clips,
              `<g clip-path="url(#${id})"><g transform="${matrixToSvg(item.matrix)}"${faded < 1 ? ` opacity="${num(faded)}"` : ''}>${inner}</g></g>`,
              item.blend,
            ),
          );
          continue;
        }
        defs.push(
          `<mask id="${id}"${item.maskType === 'alpha' ? ' mask-type="alpha"' : ''} maskUnits="userSpaceOnUse" x="-100000" y="-100000" width="200000" height="200000">${mask.join('')}</mask>`,
        );
        out.push(
          wrap(
            item.clips,
            `<g transform="${matrixToSvg(item.matrix)}" mask="url(#${id})"${opacity}>${inner}</g>`,
            item.blend,
          ),
        );
        continue;
      }
      if (item.kind === 'image') {
        imagePixels += item.width * item.height;
        if (imagePixels > maxPixels) {
          warnings.add('embedded images over the pixel limit left out');
          continue;
        }
        const png = await sharp(Buffer.from(item.rgba.buffer, item.rgba.byteOffset, item.rgba.byteLength), {
          raw: { width: item.width, height: item.height, channels: 4 },
        })
          .png()
          .toBuffer();
        const opacity = item.opacity < 1 ? ` opacity="${num(item.opacity)}"` : '';
        out.push(
          wrap(
            item.clips,
            `<image width="${item.width}" height="${item.height}" preserveAspectRatio="none" transform="${matrixToSvg(item.matrix)}"${opacity} href="data:image/png;base64,${png.toString('base64')}"/>`,
            item.blend,
          ),
        );
        continue;
      }
      const attrs = [`d="${escapeAttr(item.d)}"`, `transform="${matrixToSvg(item.matrix as Matrix)}"`];
      if (item.fill) {
        attrs.push(`fill="${paint(item.fill)}"`);
        if (item.fillRule === 'evenodd') attrs.push('fill-rule="evenodd"');
      } else attrs.push('fill="none"');
      if (item.stroke) {
        const s = item.stroke;
        attrs.push(
          `stroke="${paint(s.paint)}"`,
          `stroke-width="${num(s.width)}"`,
          `stroke-linecap="${s.cap}"`,
          `stroke-linejoin="${s.join}"`,
          `stroke-miterlimit="${num(s.miterLimit)}"`,
        );
        if (s.dash.length > 0)
          attrs.push(`stroke-dasharray="${s.dash.map(num).join(' ')}"`, `stroke-dashoffset="${num(s.dashOffset)}"`);
      }
      if (item.opacity < 1) attrs.push(`opacity="${num(item.opacity)}"`);
      out.push(wrap(item.clips, `<path ${attrs.join(' ')}/>`, item.blend));
    }
    return out;
  };
  body.push(...(await emit(context.items)));
  return (
    // CSS px (96 per inch) rather than pt: the same artboard, and librsvg applies a render density
    // to physical units twice (a 96pt page rendered at 144 dpi came out 384 px wide, not 192).
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(widthPt / 0.75)}" height="${num(heightPt / 0.75)}" viewBox="0 0 ${num(width)} ${num(height)}">` +
    `<defs>${defs.join('')}</defs>${body.join('')}</svg>`
  );
}
