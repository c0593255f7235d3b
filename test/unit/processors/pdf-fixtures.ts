import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, type PDFPage, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import type { ProcessorInput, ProcessorResult } from '../../../src/main/core/pipeline/processor.ts';

/**
 * A three-ink logo that exercises the parser: a <style> class, a rounded rect, a rotated group,
 * a stroke, and a paper-white hole that must knock out. 80 x 40 mm artboard.
 */
export const THREE_INK_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="80mm" height="40mm" viewBox="0 0 200 100">
  <style>.red{fill:#e30613}</style>
  <rect x="10" y="10" width="80" height="80" rx="8" fill="#ffcc00"/>
  <g transform="translate(120 50) rotate(15)"><circle r="35" fill="#0055a4"/></g>
  <path class="red" d="M60 30 L150 30 L150 45 L60 45 Z"/>
  <path d="M120 75 L190 95" stroke="#0055a4" stroke-width="6" fill="none"/>
  <circle cx="40" cy="55" r="12" fill="#ffffff"/>
</svg>`;

export const PALETTE = [
  { hex: '#ffcc00', name: 'Sun Yellow' },
  { hex: '#0055a4', name: 'PMS 2935 C' },
  { hex: '#e30613', name: 'Brand Red' },
];

export function svgInput(svg = THREE_INK_SVG, name = 'Acme'): ProcessorInput {
  return { master: new TextEncoder().encode(svg), format: 'svg', isVector: true, width: 756, height: 378, name };
}

export const context = { signal: new AbortController().signal, progress: () => {} };

export function file(result: ProcessorResult, path: string): Uint8Array {
  const found = result.files.find((entry) => entry.path === path);
  if (!found) throw new Error(`no ${path} in ${result.files.map((entry) => entry.path).join(', ')}`);
  return found.bytes;
}

export function tempDir(): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'marque-print-'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The decoded content stream(s) of a page. */
export function pageContent(page: PDFPage): string {
  const contents = page.node.Contents();
  const streams =
    contents instanceof PDFArray ? contents.asArray().map((ref) => page.doc.context.lookup(ref)) : [contents];
  return streams
    .map((stream) =>
      stream instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1') : '',
    )
    .join('\n');
}

/** The decoded content of every soft-mask group a page's graphics states use (knockout masks). */
export function softMaskContents(page: PDFPage): string[] {
  const states = page.node.Resources()?.lookupMaybe(PDFName.of('ExtGState'), PDFDict);
  const contents: string[] = [];
  for (const [, value] of states?.entries() ?? []) {
    const state = page.doc.context.lookup(value);
    const mask = state instanceof PDFDict ? state.lookupMaybe(PDFName.of('SMask'), PDFDict) : undefined;
    const group = mask ? page.doc.context.lookup(mask.get(PDFName.of('G'))) : undefined;
    if (group instanceof PDFRawStream)
      contents.push(Buffer.from(decodePDFRawStream(group).decode()).toString('latin1'));
  }
  return contents;
}

/** Names of the Separation colour spaces a page uses. */
export function separationNames(page: PDFPage): string[] {
  const spaces = page.node.Resources()?.lookupMaybe(PDFName.of('ColorSpace'), PDFDict);
  if (!spaces) return [];
  const names: string[] = [];
  for (const [, value] of spaces.entries()) {
    const array = page.doc.context.lookup(value);
    if (array instanceof PDFArray && array.get(0) === PDFName.of('Separation'))
      names.push((array.get(1) as PDFName).decodeText());
  }
  return names.sort();
}

export function hasImageXObject(page: PDFPage): boolean {
  const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  return !!xobjects && xobjects.entries().length > 0;
}

export async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false });
}

export interface Gray {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Renders every page with poppler's pdftoppm (the reference renderer) to 8-bit grey. */
export async function renderPages(pdf: Uint8Array, dpi: number, dir: string): Promise<Gray[]> {
  const path = join(dir, `doc-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', path, `${path}-page`]);
  const document = await loadPdf(pdf);
  const pages: Gray[] = [];
  const count = document.getPageCount();
  for (let i = 1; i <= count; i++) {
    const digits = String(count).length;
    const png = readFileSync(`${path}-page-${String(i).padStart(digits, '0')}.png`);
    const { data, info } = await sharp(png).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    pages.push({ width: info.width, height: info.height, data: new Uint8Array(data) });
  }
  return pages;
}

/** Where the logo puts ink: rendered by librsvg, opaque and (unless `withWhite`) not paper white. */
export async function inkMask(svg: string, width: number, height: number, withWhite = false): Promise<Uint8Array> {
  const { data } = await sharp(Buffer.from(svg), { density: 600 })
    .resize(width, height, { fit: 'fill' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) {
    const [r, g, b, a] = [data[i * 4], data[i * 4 + 1], data[i * 4 + 2], data[i * 4 + 3]] as number[];
    mask[i] =
      (a as number) >= 128 && (withWhite || !((r as number) > 240 && (g as number) > 240 && (b as number) > 240))
        ? 1
        : 0;
  }
  return mask;
}

export function iou(a: Uint8Array, b: Uint8Array): number {
  let both = 0;
  let either = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] && b[i]) both++;
    if (a[i] || b[i]) either++;
  }
  return either === 0 ? 1 : both / either;
}

/** A window of a page as a mask of dark pixels (< 128). */
export function crop(page: Gray, x: number, y: number, width: number, height: number, threshold = 128): Uint8Array {
  const mask = new Uint8Array(width * height);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const sx = x + col;
      const sy = y + row;
      const inside = sx >= 0 && sy >= 0 && sx < page.width && sy < page.height;
      mask[row * width + col] = inside && (page.data[sy * page.width + sx] as number) < threshold ? 1 : 0;
    }
  }
  return mask;
}

export function count(mask: Uint8Array): number {
  let total = 0;
  for (const value of mask) total += value;
  return total;
}

export const MM = 72 / 25.4;
