/**
 * The artwork bench's colour-trace score for one devicon mark: mean ΔE76 of the colour trace on the
 * opaque pixels of librsvg's render of the master, the on-white form judged on white.
 */
import sharp from 'sharp';
import { OPAQUE_ALPHA, type RgbaImage } from '../../../src/main/core/pipeline/processors/raster/rgba.ts';
import { traceColor } from '../../../src/main/core/pipeline/processors/trace-color.ts';
import { colorFidelity } from '../../../src/main/core/pipeline/processors/vector/fidelity.ts';
import { deviconSvg, onWhite } from './artwork-corpus.ts';
import { context, decode, svgInput } from './helpers.ts';

const SIZE = 1024;

/** librsvg's render of SVG bytes at exactly SIZE x SIZE (the devicon marks are square). */
async function render(svg: string | Uint8Array): Promise<RgbaImage> {
  const bytes = Buffer.from(svg);
  const meta = await sharp(bytes).metadata();
  const density = (72 * SIZE) / Math.max(meta.width ?? SIZE, meta.height ?? SIZE);
  return decode(new Uint8Array(await sharp(bytes, { density }).resize(SIZE, SIZE, { fit: 'fill' }).png().toBuffer()));
}

function onWhitePixels(image: RgbaImage): RgbaImage {
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i += 4) {
    const a = (image.data[i + 3] as number) / 255;
    for (let c = 0; c < 3; c++) data[i + c] = Math.round((image.data[i + c] as number) * a + 255 * (1 - a));
    data[i + 3] = 255;
  }
  return { width: image.width, height: image.height, data };
}

/** Mean ΔE76 of the colour trace of a devicon mark (as SVG, or on white) on the master's pixels. */
export async function traceError(name: string, variant: string, form: 'svg' | 'white'): Promise<number> {
  const svg = deviconSvg(name, variant);
  const master = await render(svg);
  const input = form === 'svg' ? await svgInput(svg, name) : await onWhite(svg, 'png', SIZE, name);
  const result = await traceColor.run(input, traceColor.options.parse({ size: SIZE, score: false }), context());
  const traced = await render(result.files[0]?.bytes as Uint8Array);
  const logo = new Uint8Array(SIZE * SIZE);
  for (let i = 0; i < logo.length; i++) logo[i] = (master.data[i * 4 + 3] as number) >= OPAQUE_ALPHA ? 1 : 0;
  const judged = (image: RgbaImage) => (form === 'white' ? onWhitePixels(image) : image);
  return colorFidelity(judged(master), judged(traced), logo).meanColorError as number;
}
