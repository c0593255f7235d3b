import { MarqueError } from '../../../../../shared/errors.ts';

/** A user-space rectangle of an SVG (its viewBox). */
export interface ViewBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** An SVG split around its root `<svg …>` tag so the root can be re-framed without an XML round trip. */
export interface SvgParts {
  readonly before: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly inner: string;
  readonly viewBox: ViewBox;
}

const ROOT_TAG = /<svg\b([^>]*?)(\/?)>/i;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
/** Attributes that place or size the root; every frame sets its own. */
const FRAME_ATTRIBUTES = new Set(['width', 'height', 'x', 'y', 'viewbox', 'preserveaspectratio']);

/** Splits an SVG document; `fallback` is the intrinsic size used when the root has no viewBox. */
export function splitSvg(text: string, fallback: { width: number; height: number }, file = 'logo.svg'): SvgParts {
  const match = ROOT_TAG.exec(text);
  if (!match) throw new MarqueError('DECODE_FAILED', `${file}: no <svg> root element`);
  const attributes = new Map<string, string>();
  for (const attribute of (match[1] ?? '').matchAll(ATTRIBUTE)) {
    attributes.set(attribute[1] as string, attribute[2] ?? attribute[3] ?? '');
  }
  const selfClosing = match[2] === '/';
  const start = match.index + match[0].length;
  const end = selfClosing ? start : text.lastIndexOf('</svg>');
  if (end < start) throw new MarqueError('DECODE_FAILED', `${file}: the <svg> root is not closed`);
  return {
    before: text.slice(0, match.index),
    attributes,
    inner: selfClosing ? '' : text.slice(start, end),
    viewBox: readViewBox(attributes, fallback),
  };
}

function readViewBox(attributes: ReadonlyMap<string, string>, fallback: { width: number; height: number }): ViewBox {
  const raw = [...attributes].find(([name]) => name.toLowerCase() === 'viewbox')?.[1];
  const numbers = raw
    ?.trim()
    .split(/[\s,]+/)
    .map(Number)
    .filter((n) => Number.isFinite(n));
  if (numbers && numbers.length === 4 && (numbers[2] as number) > 0 && (numbers[3] as number) > 0) {
    const [x, y, width, height] = numbers as [number, number, number, number];
    return { x, y, width, height };
  }
  // Without a viewBox, user units are CSS pixels: convert physical units (96 px per inch).
  const width = cssPixels(attributes.get('width'));
  const height = cssPixels(attributes.get('height'));
  return {
    x: 0,
    y: 0,
    width: width ?? fallback.width,
    height: height ?? fallback.height,
  };
}

const PX_PER_UNIT: Readonly<Record<string, number>> = {
  '': 1,
  px: 1,
  in: 96,
  cm: 96 / 2.54,
  mm: 96 / 25.4,
  pt: 96 / 72,
  pc: 16,
};

/** A length attribute in CSS px, or null when missing, relative (%, em) or not positive. */
function cssPixels(value: string | undefined): number | null {
  const m = /^\s*([\d.]+(?:e[-+]?\d+)?)\s*([a-z]*)\s*$/i.exec(value ?? '');
  const factor = m ? PX_PER_UNIT[(m[2] as string).toLowerCase()] : undefined;
  const n = m ? Number.parseFloat(m[1] as string) : Number.NaN;
  return factor !== undefined && Number.isFinite(n) && n > 0 ? n * factor : null;
}

export interface FrameOptions {
  readonly viewBox: ViewBox;
  /** Rendered size in px; omitted for a size-less (scalable) file. */
  readonly width?: number;
  readonly height?: number;
  /** Extra attributes for the root (already escaped values). */
  readonly extra?: Readonly<Record<string, string>>;
  /** Replaces the inner content (e.g. wrapped in a group). */
  readonly inner?: string;
}

/** Rebuilds the SVG with a new root frame: viewBox, optional pixel size, the rest kept. */
export function frameSvg(parts: SvgParts, frame: FrameOptions): string {
  const kept = [...parts.attributes].filter(([name]) => !FRAME_ATTRIBUTES.has(name.toLowerCase()));
  const attributes = new Map<string, string>(kept);
  if (!attributes.has('xmlns')) attributes.set('xmlns', 'http://www.w3.org/2000/svg');
  const box = frame.viewBox;
  attributes.set('viewBox', [box.x, box.y, box.width, box.height].map(formatNumber).join(' '));
  if (frame.width !== undefined) attributes.set('width', formatNumber(frame.width));
  if (frame.height !== undefined) attributes.set('height', formatNumber(frame.height));
  attributes.set('preserveAspectRatio', 'xMidYMid meet');
  for (const [name, value] of Object.entries(frame.extra ?? {})) attributes.set(name, value);
  const head = [...attributes].map(([name, value]) => `${name}="${value.replaceAll('"', '&quot;')}"`).join(' ');
  // The prolog (XML declaration, comments, doctype) is dropped: a doctype could declare entities.
  return `<svg ${head}>${frame.inner ?? parts.inner}</svg>`;
}

/** A short decimal for SVG attributes (no exponent, at most 4 decimals). */
export function formatNumber(n: number): string {
  return String(Math.round(n * 10_000) / 10_000);
}
