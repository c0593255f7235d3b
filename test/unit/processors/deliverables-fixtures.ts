import sharp from 'sharp';
import type { ProcessorInput } from '../../../src/main/core/pipeline/processor.ts';

/** A two-colour mark (navy square, red disc) on a 2:1 artboard with empty margins. */
export const TWO_COLOUR_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">' +
  '<rect x="20" y="10" width="80" height="80" rx="10" fill="#123456"/><circle cx="150" cy="50" r="35" fill="#e63946"/></svg>';

/** A black square mark: it would vanish on a dark tab strip. */
export const BLACK_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><path d="M8 8h48v48H8z"/><path d="M20 20h24v24H20z" fill="#fff"/></svg>';

/** A light orange disc: legible on dark tabs. */
export const ORANGE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="30" fill="#ff9f1c"/></svg>';

export function svgInput(svg: string, width: number, height: number, name = 'Acme Widgets'): ProcessorInput {
  return { master: new TextEncoder().encode(svg), format: 'svg', isVector: true, width, height, name };
}

/** A 300x200 PNG logo: green rounded bar on transparency. */
export async function rasterInput(name = 'Raster Co'): Promise<ProcessorInput> {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><rect x="30" y="60" width="240" height="80" rx="20" fill="#2a9d8f"/></svg>';
  const master = await sharp(Buffer.from(svg)).png().toBuffer();
  return { master: new Uint8Array(master), format: 'png', isVector: false, width: 300, height: 200, name };
}

/** Raw RGBA pixels and size of an encoded image. */
export async function pixels(bytes: Uint8Array) {
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
