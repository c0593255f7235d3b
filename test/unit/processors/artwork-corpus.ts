/**
 * Real-world artwork for the background and one-colour tests: flags (flag-icons), devicon marks,
 * Iconify coin marks, simple-icons rendered black on white (what a scan or JPEG gives), and two
 * small badges drawn here to pin the one-colour rule's edge cases.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import type { ProcessorInput } from '../../../src/main/core/pipeline/processor.ts';
import { referenceInk, referenceIoU } from '../../../src/main/core/pipeline/processors/artwork/one-colour-mask.ts';
import type { RgbaImage } from '../../../src/main/core/pipeline/processors/raster/rgba.ts';
import { trace } from '../../../src/main/core/pipeline/processors/trace.ts';
import { context, decode, inputFrom, svgInput } from './helpers.ts';

const require = createRequire(import.meta.url);

export function flagSvg(code: string): string {
  const root = dirname(require.resolve('flag-icons/package.json'));
  return readFileSync(join(root, 'flags', '4x3', `${code}.svg`), 'utf8');
}

export function deviconSvg(name: string, variant = 'original'): string {
  const root = dirname(require.resolve('devicon/package.json'));
  return readFileSync(join(root, 'icons', name, `${name}-${variant}.svg`), 'utf8');
}

export function simpleIconSvg(slug: string): string {
  // The package exports no package.json; icons.json resolves into its data/ folder.
  const root = dirname(dirname(require.resolve('simple-icons/icons.json')));
  return readFileSync(join(root, 'icons', `${slug}.svg`), 'utf8');
}

export function iconifySvg(name: string): string {
  const set = require('@iconify-json/logos/icons.json') as {
    icons: Record<string, { body: string; width?: number; height?: number }>;
    width?: number;
    height?: number;
  };
  const icon = set.icons[name];
  if (!icon) throw new Error(`no Iconify logo ${name}`);
  const w = icon.width ?? set.width ?? 16;
  const h = icon.height ?? set.height ?? 16;
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${icon.body}</svg>`;
}

/** A cream-on-brown badge: light lettering (a bar here) that one-colour versions must keep as holes. */
export const CREAM_ON_BROWN =
  '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><circle cx="100" cy="100" r="95" fill="#5a3a22"/>' +
  '<rect x="45" y="82" width="110" height="36" fill="#f3e5c0"/></svg>';

/**
 * Two light squares at 65 % opacity over an orange field, as bourbon's ice over the drink: each
 * square reads near the threshold (L* 86), their overlap is clearly light (L* 94), a hole.
 */
export const ICE_OVER_DRINK =
  '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><rect width="200" height="200" fill="#ff5030"/>' +
  '<rect x="20" y="20" width="110" height="110" fill="#fef9ec" opacity=".65"/>' +
  '<rect x="70" y="70" width="110" height="110" fill="#fef9ec" opacity=".65"/></svg>';

/** A yellow circle inside a blue square: the circle must stay visible in one colour. */
export const YELLOW_IN_BLUE =
  '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><rect width="200" height="200" fill="#1a4fa0"/>' +
  '<circle cx="100" cy="100" r="50" fill="#ffd700"/></svg>';

/** An SVG rendered opaque on white at `size` px (long side), as PNG or JPEG: the "logo on paper" case. */
export async function onWhite(
  svg: string,
  format: 'png' | 'jpeg',
  size = 1024,
  name = 'on white',
): Promise<ProcessorInput> {
  const meta = await sharp(Buffer.from(svg)).metadata();
  const scale = size / Math.max(meta.width ?? size, meta.height ?? size);
  const base = sharp(Buffer.from(svg), { density: 72 * scale })
    .resize(Math.round((meta.width ?? size) * scale), Math.round((meta.height ?? size) * scale), { fit: 'fill' })
    .flatten({ background: '#ffffff' });
  const bytes = format === 'jpeg' ? await base.jpeg({ quality: 90 }).toBuffer() : await base.png().toBuffer();
  return inputFrom(new Uint8Array(bytes), format, name);
}

export { svgInput };

/** librsvg's render of an SVG at exactly width x height, transparent where the art is not. */
export async function renderAt(svg: string | Uint8Array, width: number, height: number): Promise<RgbaImage> {
  return decode(
    new Uint8Array(
      await sharp(Buffer.from(svg), { density: 288 }).resize(width, height, { fit: 'fill' }).png().toBuffer(),
    ),
  );
}

/** IoU of the bilevel trace of `input` (at 1024 px) against the SVG master's own ink, as the bench judges it. */
export async function traceIoUAgainst(svg: string, input: ProcessorInput): Promise<number> {
  const result = await trace.run(input, trace.options.parse({ size: 1024 }), context());
  const scale = 1024 / Math.max(input.width, input.height);
  const master = await renderAt(svg, Math.round(input.width * scale), Math.round(input.height * scale));
  const traced = await renderAt(result.files[0]?.bytes as Uint8Array, master.width, master.height);
  return referenceIoU(referenceInk(master), (i) => (traced.data[i * 4 + 3] as number) >= 128);
}
