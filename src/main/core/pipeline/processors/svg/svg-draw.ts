import type { ClipShape } from './art.ts';
import type { DisplayPage, Ink, InkGradient, InkPaint, PathOp } from './display-list.ts';
import { matrixToSvg, multiply, round } from './matrix.ts';

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function gradientElement(id: string, gradient: InkGradient, stopColor: (ink: Ink) => string): string {
  const stops = gradient.stops
    .map(
      (stop) =>
        `<stop offset="${round(stop.offset, 6)}" stop-color="${stopColor(stop.ink)}" stop-opacity="${round(stop.opacity, 4)}"/>`,
    )
    .join('');
  const [a = 0, b = 0, c = 0, d = 0, e = 0] = gradient.coords.map((value) => round(value, 6));
  const common = `id="${id}" gradientUnits="userSpaceOnUse" gradientTransform="${matrixToSvg(gradient.matrix)}"`;
  return gradient.kind === 'linear'
    ? `<linearGradient ${common} x1="${a}" y1="${b}" x2="${c}" y2="${d}">${stops}</linearGradient>`
    : `<radialGradient ${common} cx="${a}" cy="${b}" r="${c}" fx="${d}" fy="${e}">${stops}</radialGradient>`;
}

/**
 * Renders a display page back to SVG (for rasterizing with sharp/librsvg), `pxPerPt` pixels per point.
 * `inkColor` decides how an ink shows: a plate's film wants grey levels, a proof its colour.
 */
export function displayPageToSvg(
  page: DisplayPage,
  pxPerPt: number,
  inkColor: (ink: Ink) => string,
  background?: string,
  stopColor: (ink: Ink) => string = inkColor,
): string {
  const width = Math.round(page.widthPt * pxPerPt);
  const height = Math.round(page.heightPt * pxPerPt);
  const defs: string[] = [];
  const body: string[] = [];
  let clipId = 0;
  const clipped = (clips: readonly ClipShape[], element: string): string => {
    let open = '';
    let close = '';
    for (const clip of clips) {
      const id = `c${clipId++}`;
      defs.push(
        `<clipPath id="${id}" clipPathUnits="userSpaceOnUse"><path d="${escapeXml(clip.d)}" transform="${matrixToSvg(clip.matrix)}" clip-rule="${clip.rule}"/></clipPath>`,
      );
      open += `<g clip-path="url(#${id})">`;
      close += '</g>';
    }
    return `${open}${element}${close}`;
  };
  const pathElement = (op: PathOp, colourOf: (ink: Ink) => string): string => {
    const attrs: string[] = [`d="${escapeXml(op.d)}"`, `transform="${matrixToSvg(op.matrix)}"`];
    // Gradients are defined in the path's own space, so their matrix applies as is.
    const paintOf = (paint: InkPaint): string => {
      if (!paint.gradient) return colourOf(paint.ink);
      const id = `g${defs.length}`;
      defs.push(gradientElement(id, paint.gradient, stopColor));
      return `url(#${id})`;
    };
    if (op.fill) {
      attrs.push(`fill="${paintOf(op.fill)}"`, `fill-rule="${op.fillRule}"`);
      if (op.fill.opacity < 1 && !op.fill.gradient) attrs.push(`fill-opacity="${round(op.fill.opacity, 4)}"`);
    } else attrs.push('fill="none"');
    if (op.stroke) {
      const s = op.stroke;
      attrs.push(
        `stroke="${paintOf(s.paint)}"`,
        `stroke-width="${round(s.width, 6)}"`,
        `stroke-linecap="${s.cap}"`,
        `stroke-linejoin="${s.join}"`,
        `stroke-miterlimit="${s.miterLimit}"`,
      );
      if (s.paint.opacity < 1 && !s.paint.gradient) attrs.push(`stroke-opacity="${round(s.paint.opacity, 4)}"`);
      if (s.dash.length > 0)
        attrs.push(`stroke-dasharray="${s.dash.join(' ')}"`, `stroke-dashoffset="${s.dashOffset}"`);
    }
    return clipped(op.clips, `<path ${attrs.join(' ')}/>`);
  };
  for (const op of page.ops) {
    if (op.kind === 'text') {
      body.push(
        `<text x="${round(op.x, 3)}" y="${round(op.y, 3)}" font-family="Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif" font-size="${op.size}" fill="${inkColor(op.ink)}">${escapeXml(op.text)}</text>`,
      );
      continue;
    }
    if (op.kind === 'knockout') {
      // The same knockout as the PDF's soft mask: an SVG luminance mask over one rectangle.
      const id = `k${defs.length}`;
      const [x = 0, y = 0, w = 0, h = 0] = op.area.map((value) => round(value, 6));
      const maskColour = (ink: Ink): string => (ink.space === 'cmyk' && ink.cmyk[3] >= 100 ? '#000' : '#fff');
      defs.push(
        `<mask id="${id}" maskUnits="userSpaceOnUse" x="${x}" y="${y}" width="${w}" height="${h}">${op.mask.map((part) => pathElement(part, maskColour)).join('')}</mask>`,
      );
      body.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${inkColor(op.ink)}" mask="url(#${id})"/>`);
      continue;
    }
    if (op.kind === 'bitmap') {
      // The bitmap as the master holds it, its unit square's matrix taken back onto its pixels (y down).
      const { width, height } = op.bitmap;
      const matrix = multiply(op.matrix, [1 / width, 0, 0, -1 / height, 0, 1]);
      const opacity = op.opacity < 1 ? ` opacity="${round(op.opacity, 4)}"` : '';
      const { encoded } = op.bitmap;
      const href = `data:${encoded.mime};base64,${Buffer.from(encoded.bytes).toString('base64')}`;
      body.push(
        clipped(
          op.clips,
          `<image width="${width}" height="${height}" preserveAspectRatio="none" transform="${matrixToSvg(matrix)}"${opacity} href="${href}"/>`,
        ),
      );
      continue;
    }
    body.push(pathElement(op, inkColor));
  }
  const mirror = page.mirror ? ` transform="matrix(-1 0 0 1 ${round(page.widthPt, 6)} 0)"` : '';
  const fill = background ? `<rect width="100%" height="100%" fill="${background}"/>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${round(page.widthPt, 6)} ${round(page.heightPt, 6)}" preserveAspectRatio="none">` +
    `<defs>${defs.join('')}</defs>${fill}<g${mirror}>${body.join('')}</g></svg>`
  );
}
