/**
 * The real corpus for trace tests and the trace bench: simple-icons (one-colour marks, transparent)
 * and @iconify-json/logos (full-colour logos), rendered with sharp to a 1024 px longest side.
 * Samples are spread evenly over the sorted sets, so they are deterministic and not cherry-picked.
 */
import { createRequire } from 'node:module';
import { decodeToRgba } from '../../../src/main/core/pipeline/processors/raster/decode.ts';
import type { RgbaImage } from '../../../src/main/core/pipeline/processors/raster/rgba.ts';

const require = createRequire(import.meta.url);

export interface CorpusLogo {
  readonly name: string;
  readonly svg: string;
}

function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, k) => items[Math.floor(k * step)] as T);
}

/** `count` simple-icons, evenly spread over the sorted slugs. */
export function simpleIcons(count: number): CorpusLogo[] {
  const icons = Object.values(require('simple-icons') as Record<string, unknown>)
    .filter((v): v is { slug: string; svg: string } => typeof v === 'object' && v !== null && 'svg' in v && 'slug' in v)
    .sort((a, b) => a.slug.localeCompare(b.slug));
  return spread(icons, count).map((icon) => ({ name: icon.slug, svg: icon.svg }));
}

interface IconifySet {
  icons: Record<string, { body: string; width?: number; height?: number; left?: number; top?: number }>;
  width?: number;
  height?: number;
}

/**
 * `count` full-colour logos with at least `minColours` distinct flat fills: no gradients, images,
 * masks, patterns or filters, which a flat-colour trace cannot reproduce by design.
 */
export function colourLogos(count: number, minColours = 2): CorpusLogo[] {
  const set = require('@iconify-json/logos/icons.json') as IconifySet;
  const names = Object.keys(set.icons)
    .sort()
    .filter((name) => {
      const body = (set.icons[name] as { body: string }).body;
      if (/Gradient|<image|<pattern|<mask|<filter|opacity/i.test(body)) return false;
      const fills = new Set(
        [...body.matchAll(/fill="(#[0-9a-fA-F]{3,6})"/g)].map((m) => (m[1] as string).toLowerCase()),
      );
      // Many near-identical fills are a gradient drawn in steps (memgraph): not a flat-colour logo.
      return fills.size >= minColours && fills.size <= 8;
    });
  return spread(names, count).map((name) => {
    const icon = set.icons[name] as IconifySet['icons'][string];
    const width = icon.width ?? set.width ?? 16;
    const height = icon.height ?? set.height ?? 16;
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ` +
      `viewBox="${icon.left ?? 0} ${icon.top ?? 0} ${width} ${height}" width="${width}" height="${height}">${icon.body}</svg>`;
    return { name, svg };
  });
}

/** Renders a corpus SVG to RGBA at a 1024 px longest side (or `size`). */
export function renderLogo(logo: CorpusLogo, size = 1024): Promise<RgbaImage> {
  return decodeToRgba(new TextEncoder().encode(logo.svg), 'svg', { size });
}
