/**
 * A real logo corpus for tests and benchmarks: brand marks from the `simple-icons` and
 * `@iconify-json/logos` packages (nobody here drew them), written as SVG files and, optionally,
 * PNG renders of the same marks.
 *
 *   const corpus = await writeCorpus(dir, { svgs: 200, pngs: 100 });
 *   corpus.svgs  // absolute paths of the SVG files
 *   corpus.pngs  // absolute paths of the PNG renders
 *
 * Deterministic: the same options give the same files (same names, same bytes), so a re-import
 * of the folder must add nothing. Marks alternate between the two packages so both kinds of SVG
 * (single-path monochrome, multi-element with gradients/defs) are exercised.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';

export interface CorpusMark {
  /** File-name stem, unique across both packages (`si-github`, `logos-google`). */
  readonly name: string;
  readonly svg: string;
}

export interface CorpusOptions {
  /** How many SVG files to write (default 0). */
  readonly svgs?: number;
  /** How many PNG renders to write (default 0); they use the same marks as the SVGs, in order. */
  readonly pngs?: number;
  /** Longest side of the PNG renders in px (default 256). */
  readonly pngSize?: number;
  /** Skip this many marks first, to get a different set from the same packages. */
  readonly offset?: number;
  /** Sub-folder names: SVGs and PNGs go to `<dir>/<svgDir>` and `<dir>/<pngDir>` (default: `svg`, `png`). */
  readonly svgDir?: string;
  readonly pngDir?: string;
}

export interface Corpus {
  readonly svgs: readonly string[];
  readonly pngs: readonly string[];
  /** SVGs then PNGs. */
  readonly files: readonly string[];
}

const require = createRequire(import.meta.url);
let cachedMarks: readonly CorpusMark[] | null = null;

function simpleIcons(): CorpusMark[] {
  const dataFile = require.resolve('simple-icons/icons.json');
  const root = dirname(dirname(dataFile));
  const data = JSON.parse(readFileSync(dataFile, 'utf8')) as { slug?: string; title: string; hex: string }[];
  const marks: CorpusMark[] = [];
  for (const icon of data) {
    const slug = icon.slug ?? slugify(icon.title);
    let svg: string;
    try {
      svg = readFileSync(join(root, 'icons', `${slug}.svg`), 'utf8');
    } catch {
      continue;
    }
    // Paint the mark in its brand colour so renders have colour and transparency.
    marks.push({ name: `si-${slug}`, svg: svg.replace('<svg ', `<svg fill="#${icon.hex}" width="240" height="240" `) });
  }
  return marks;
}

function iconifyLogos(): CorpusMark[] {
  const set = require('@iconify-json/logos/icons.json') as {
    icons: Record<string, { body: string; width?: number; height?: number; left?: number; top?: number }>;
    width?: number;
    height?: number;
  };
  const marks: CorpusMark[] = [];
  for (const [name, icon] of Object.entries(set.icons)) {
    const width = icon.width ?? set.width ?? 16;
    const height = icon.height ?? set.height ?? 16;
    const view = `${icon.left ?? 0} ${icon.top ?? 0} ${width} ${height}`;
    const scale = 240 / Math.max(width, height);
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ` +
      `width="${Math.max(1, Math.round(width * scale))}" height="${Math.max(1, Math.round(height * scale))}" viewBox="${view}">${icon.body}</svg>`;
    marks.push({ name: `logos-${name}`, svg });
  }
  return marks;
}

function slugify(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** Every mark of both packages, interleaved (si, logos, si, logos, …), in a stable order. */
export function corpusMarks(): readonly CorpusMark[] {
  if (cachedMarks) return cachedMarks;
  const a = simpleIcons();
  const b = iconifyLogos();
  const out: CorpusMark[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i]) out.push(a[i] as CorpusMark);
    if (b[i]) out.push(b[i] as CorpusMark);
  }
  cachedMarks = out;
  return out;
}

/** Renders one mark as a PNG (trusted input: these are package files, rendered in the test process). */
export async function renderMarkPng(mark: CorpusMark, size = 256): Promise<Buffer> {
  return sharp(Buffer.from(mark.svg), { density: 144 })
    .resize(size, size, { fit: 'inside' })
    .png({ compressionLevel: 6 })
    .toBuffer();
}

/** Writes `svgs` SVG files and `pngs` PNG renders of real logos into `dir`. */
export async function writeCorpus(dir: string, options: CorpusOptions = {}): Promise<Corpus> {
  const marks = corpusMarks();
  const offset = options.offset ?? 0;
  const svgCount = options.svgs ?? 0;
  const pngCount = options.pngs ?? 0;
  const total = marks.length - offset;
  if (svgCount > total || pngCount > total)
    throw new Error(`corpus: only ${total} marks available after offset ${offset}`);
  const svgDir = join(dir, options.svgDir ?? 'svg');
  const pngDir = join(dir, options.pngDir ?? 'png');
  const svgs: string[] = [];
  const pngs: string[] = [];
  if (svgCount > 0) {
    await mkdir(svgDir, { recursive: true });
    for (const mark of marks.slice(offset, offset + svgCount)) {
      const path = join(svgDir, `${mark.name}.svg`);
      await writeFile(path, mark.svg);
      svgs.push(path);
    }
  }
  if (pngCount > 0) {
    await mkdir(pngDir, { recursive: true });
    const chosen = marks.slice(offset, offset + pngCount);
    // A few renders at a time: sharp is native and threaded already.
    for (let i = 0; i < chosen.length; i += 8) {
      const batch = chosen.slice(i, i + 8);
      const buffers = await Promise.all(batch.map((mark) => renderMarkPng(mark, options.pngSize ?? 256)));
      for (const [j, mark] of batch.entries()) {
        const path = join(pngDir, `${mark.name}.png`);
        await writeFile(path, buffers[j] as Buffer);
        pngs.push(path);
      }
    }
  }
  return { svgs, pngs, files: [...svgs, ...pngs] };
}
