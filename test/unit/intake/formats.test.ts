/**
 * Every format Marque imports, made from a real logo, through the real import: the stored format,
 * size and master, and thumbnails measured (GIF shows frame 1, PDF shows page 1, a PDF becomes
 * an SVG master drawn from its vectors and keeps its bytes as the original).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import type { ImportReport, Logo } from '../../../src/shared/domain.ts';
import { corpusMarks, renderMarkPng } from '../../helpers/corpus.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let dir: { path: string; cleanup: () => Promise<void> };
let studio: Studio;
let report: ImportReport;
let pdfBytes: Buffer;

function solid(width: number, height: number, colour: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: colour } })
    .png()
    .toBuffer();
}

/** A two-page PDF: page 1 a `colour` square logo on a transparent artboard, page 2 all blue. */
function twoPagePdf(colour = '#e63946'): Promise<Buffer> {
  const doc = new PDFDocument({ size: [300, 200], autoFirstPage: true });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.rect(50, 50, 200, 100).fill(colour);
  doc.addPage({ size: [300, 200] });
  doc.rect(0, 0, 300, 200).fill('#0000ff');
  doc.end();
  return done;
}

beforeAll(async () => {
  dir = await tempDir('marque-formats-');
  const mark = corpusMarks()[1]; // an @iconify-json/logos mark: gradients and several shapes
  if (!mark) throw new Error('no corpus');
  const png = await renderMarkPng(mark, 300);
  const files: Record<string, Buffer> = {
    'logo.png': png,
    'logo.jpg': await sharp(png).flatten({ background: '#ffffff' }).jpeg().toBuffer(),
    'logo.webp': await sharp(png).webp().toBuffer(),
    'logo.tiff': await sharp(png).tiff().toBuffer(),
    'logo.avif': await sharp(png).avif().toBuffer(),
    'animated.gif': await sharp([await solid(40, 30, '#ff0000'), await solid(40, 30, '#0000ff')], {
      join: { animated: true },
    })
      .gif()
      .toBuffer(),
    'logo.svg': Buffer.from(mark.svg),
    'logo.svgz': gzipSync(Buffer.from(corpusMarks()[3]?.svg ?? '')),
    'artwork.pdf': await twoPagePdf(),
  };
  pdfBytes = files['artwork.pdf'] as Buffer;
  // An Illustrator file saved PDF-compatible is a PDF inside; only the extension differs.
  // Other artwork than artwork.pdf, or the two would share one master (a duplicate).
  files['artwork.ai'] = Buffer.concat([await twoPagePdf('#2a9d8f'), Buffer.from('\n% Illustrator private data\n')]);
  for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir.path, name), bytes);
  studio = await createStudio({ dataDir: join(dir.path, 'data'), intakeProcesses: 1 });
  report = await studio.library.importPaths(Object.keys(files).map((name) => join(dir.path, name)));
}, 120_000);

afterAll(async () => {
  await studio?.close();
  await dir?.cleanup();
});

function logo(name: string): Logo {
  const outcome = report.outcomes.find((o) => o.path.endsWith(`/${name}`));
  if (outcome?.status !== 'imported')
    throw new Error(`${name}: ${outcome?.status === 'failed' ? outcome.message : 'missing'}`);
  return outcome.logo;
}

async function thumbMeanRgb(l: Logo): Promise<number[]> {
  const { channels } = await sharp(studio.cache.pathOf('thumbs', `${l.hash}-256.webp`)).stats();
  return channels.slice(0, 3).map((c) => Math.round(c.mean));
}

describe('formats', () => {
  it('imports PNG, JPEG, WebP, TIFF, AVIF, GIF, SVG, SVGZ, PDF and AI', () => {
    expect(report.failed).toBe(0);
    const formats = Object.fromEntries(
      report.outcomes.map((o) => [o.path.split('/').pop(), o.status === 'imported' ? o.logo.format : o.status]),
    );
    expect(formats).toEqual({
      'logo.png': 'png',
      'logo.jpg': 'jpeg',
      'logo.webp': 'webp',
      'logo.tiff': 'tiff',
      'logo.avif': 'avif',
      'animated.gif': 'gif',
      'logo.svg': 'svg',
      'logo.svgz': 'svg',
      'artwork.pdf': 'svg',
      'artwork.ai': 'svg',
    });
  });

  it('records raster sizes and transparency from the file', () => {
    expect([logo('logo.png').width, logo('logo.png').hasAlpha]).toEqual([300, true]);
    expect(logo('logo.jpg').hasAlpha).toBe(false);
    expect([logo('animated.gif').width, logo('animated.gif').height]).toEqual([40, 30]);
    expect(logo('logo.svg').isVector).toBe(true);
    expect(logo('logo.png').isVector).toBe(false);
  });

  it('shows frame 1 of an animated GIF', async () => {
    const [r, , b] = await thumbMeanRgb(logo('animated.gif'));
    expect(r).toBeGreaterThan(200);
    expect(b).toBeLessThan(40);
  });

  it('converts page 1 of a PDF to an SVG master, keeps the PDF as the original, shows page 1 transparent around the art', async () => {
    const pdf = logo('artwork.pdf');
    // 300 x 200 pt: 400 x 267 CSS px, the SVG convention for the same artboard.
    expect([pdf.width, pdf.height, pdf.isVector]).toEqual([400, 267, true]);
    const master = await readFile(studio.store.pathOf(pdf.hash), 'utf8');
    expect(master).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="400" height="266.6667"/);
    expect((await readFile(studio.library.sourceFile(pdf.id).path)).equals(pdfBytes)).toBe(true);
    const preview = sharp(studio.cache.pathOf('previews', `${pdf.hash}-1024.webp`));
    const meta = await preview.metadata();
    expect(meta.width).toBe(1024);
    expect(Math.abs((meta.height ?? 0) - (1024 * 200) / 300)).toBeLessThanOrEqual(2);
    const { data, info } = await preview.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) =>
      Array.from(data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4));
    // Centre of the red rectangle (page 1), and a transparent corner (not page 2's blue).
    const [r, g, b, a] = at(512, 341);
    expect([(r as number) > 200, (g as number) < 100, (b as number) < 100, a]).toEqual([true, true, true, 255]);
    expect(at(10, 10)[3]).toBe(0);
  });

  it('stores a sanitized SVG master and inflates SVGZ to plain SVG', async () => {
    for (const name of ['logo.svg', 'logo.svgz']) {
      const master = await readFile(studio.store.pathOf(logo(name).hash), 'utf8');
      expect(master.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    }
  });

  it('makes previews at 1024 px for vectors and at the file size for small rasters', async () => {
    const side = async (l: Logo) => {
      const m = await sharp(studio.cache.pathOf('previews', `${l.hash}-1024.webp`)).metadata();
      return Math.max(m.width ?? 0, m.height ?? 0);
    };
    expect(await side(logo('logo.svg'))).toBe(1024);
    expect(await side(logo('logo.png'))).toBe(300);
  });
});
