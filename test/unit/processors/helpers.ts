import sharp from 'sharp';
import type { ProcessorContext, ProcessorInput } from '../../../src/main/core/pipeline/processor.ts';
import type { RgbaImage } from '../../../src/main/core/pipeline/processors/raster/rgba.ts';
import type { LogoFormat } from '../../../src/shared/domain.ts';

/** A processor input from master bytes, sized by sharp like the library does at import. */
export async function inputFrom(bytes: Uint8Array, format: LogoFormat, name = 'Test logo'): Promise<ProcessorInput> {
  const meta = await sharp(bytes).metadata();
  return {
    master: bytes,
    format,
    isVector: format === 'svg' || format === 'pdf',
    width: meta.width ?? 0,
    height: meta.height ?? 0,
    name,
  };
}

export function svgInput(svg: string, name?: string): Promise<ProcessorInput> {
  return inputFrom(new TextEncoder().encode(svg), 'svg', name);
}

export function context(): ProcessorContext & { readonly seen: number[] } {
  const seen: number[] = [];
  return { signal: new AbortController().signal, progress: (p) => seen.push(p), seen };
}

/** Decodes PNG/any bytes to straight RGBA. */
export async function decode(bytes: Uint8Array): Promise<RgbaImage> {
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** Rasterises an SVG string to RGBA at its own width/height. */
export async function rasterise(svg: string): Promise<RgbaImage> {
  return decode(new Uint8Array(await sharp(Buffer.from(svg)).png().toBuffer()));
}

/** Encodes RGBA as JPEG (adds real compression noise) or PNG. */
export async function encode(image: RgbaImage, format: 'jpeg' | 'png', quality = 80): Promise<Uint8Array> {
  const base = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } });
  const out =
    format === 'jpeg'
      ? await base.flatten({ background: '#ffffff' }).jpeg({ quality }).toBuffer()
      : await base.png().toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

export function pixel(image: RgbaImage, x: number, y: number): [number, number, number, number] {
  const o = (y * image.width + x) * 4;
  return [
    image.data[o] as number,
    image.data[o + 1] as number,
    image.data[o + 2] as number,
    image.data[o + 3] as number,
  ];
}

/** The fill colours used in an SVG, lower case. */
export function fills(svg: string): string[] {
  return [...svg.matchAll(/fill="(#[0-9a-f]{6})"/gi)].map((m) => (m[1] as string).toLowerCase());
}
