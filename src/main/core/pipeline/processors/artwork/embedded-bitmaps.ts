import sharp from 'sharp';
import type { ProcessorInput } from '../../processor.ts';

/** At most this many embedded bitmaps are measured (a PDF master may cut one into strips). */
const MAX_MEASURED = 32;

/**
 * The warning a trace of a vector master that embeds bitmaps carries: there the trace follows the
 * bitmap's pixels, not vector shapes. A PDF master made by a tool that rasterised an effect
 * (rsvg-convert draws a filtered shape as a 72 dpi bitmap) traces softer than its SVG original.
 */
export async function embeddedBitmapWarning(input: ProcessorInput): Promise<string[]> {
  if (input.format !== 'svg') return [];
  const text = new TextDecoder().decode(input.master);
  const hrefs = [...text.matchAll(/<image\b[^>]*?\b(?:xlink:)?href="data:image\/[a-z+.-]+;base64,([^"]*)"/gi)];
  if (hrefs.length === 0) return [];
  let widest: { width: number; height: number } | null = null;
  for (const [, base64] of hrefs.slice(0, MAX_MEASURED)) {
    const meta = await sharp(Buffer.from(base64 ?? '', 'base64'))
      .metadata()
      .catch(() => null);
    if (meta?.width && meta.height && (!widest || meta.width * meta.height > widest.width * widest.height))
      widest = { width: meta.width, height: meta.height };
  }
  const what = hrefs.length === 1 ? 'a bitmap image' : `${hrefs.length} bitmap images`;
  const size = widest ? ` (${hrefs.length === 1 ? '' : 'up to '}${widest.width} × ${widest.height} px)` : '';
  return [
    `The master holds ${what}${size} besides its vector shapes: there the trace follows the bitmap's pixels, so it is only as sharp as they are.`,
  ];
}
