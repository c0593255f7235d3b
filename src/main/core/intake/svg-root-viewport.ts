/**
 * A root viewBox that has the aspect of the declared width and height, drawing exactly the same.
 *
 * When a document's viewBox has another aspect than its width x height (width="240" height="32"
 * around viewBox="0 0 512 69"), preserveAspectRatio letterboxes the art inside the page. librsvg as
 * sharp drives it lays that letterbox out in the rounded pixel size of the render (1024 x 137
 * rather than 1024 x 136.53), so the art comes out up to a pixel per side larger than in a browser,
 * rsvg-convert or the same logo saved as PDF. Widening (meet) or narrowing (slice) the viewBox to
 * the page's aspect, by the stated alignment, is the same drawing with no letterbox left to redo.
 */

const UNIT_PX: Record<string, number> = { '': 1, px: 1, pt: 4 / 3, pc: 16, mm: 96 / 25.4, cm: 96 / 2.54, in: 96 };

/** An absolute length in px, or null for percentages, em and anything unparsable. */
function lengthPx(raw: string | undefined): number | null {
  const match = raw?.trim().match(/^([+]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-z]*)$/i);
  if (!match) return null;
  const factor = UNIT_PX[(match[2] ?? '').toLowerCase()];
  const value = Number(match[1]) * (factor ?? Number.NaN);
  return Number.isFinite(value) && value > 0 ? value : null;
}

const ALIGN_SHARE: Record<string, number> = { min: 0, mid: 0.5, max: 1 };

/** Exact enough for any art, without float noise in the document. */
function num(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/**
 * The viewBox to write on the root instead of its own, or null when it needs no change (no
 * viewBox, no absolute size, preserveAspectRatio="none", or the aspects already agree).
 */
export function viewBoxForDeclaredAspect(attributes: Readonly<Record<string, string>>): string | null {
  const box = attributes.viewBox
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  if (box?.length !== 4 || box.some((n) => !Number.isFinite(n))) return null;
  const [x, y, w, h] = box as [number, number, number, number];
  const width = lengthPx(attributes.width);
  const height = lengthPx(attributes.height);
  if (w <= 0 || h <= 0 || width === null || height === null) return null;

  const ratio = (attributes.preserveAspectRatio ?? '').trim().replace(/^defer\s+/, '');
  const [align = 'xMidYMid', fit = 'meet'] = ratio === '' ? [] : ratio.split(/\s+/);
  const parts = align.match(/^x(Min|Mid|Max)Y(Min|Mid|Max)$/);
  if (!parts || (fit !== 'meet' && fit !== 'slice')) return null; // 'none' stretches: nothing to redo
  const ax = ALIGN_SHARE[(parts[1] ?? '').toLowerCase()] ?? 0.5;
  const ay = ALIGN_SHARE[(parts[2] ?? '').toLowerCase()] ?? 0.5;

  const page = width / height;
  const art = w / h;
  if (Math.abs(page / art - 1) < 1e-9) return null;
  // meet widens the box along the side the page has to spare; slice crops the side that spills.
  const widen = page > art === (fit === 'meet');
  if (widen) {
    const w2 = h * page;
    return [x - (w2 - w) * ax, y, w2, h].map(num).join(' ');
  }
  const h2 = w / page;
  return [x, y - (h2 - h) * ay, w, h2].map(num).join(' ');
}
