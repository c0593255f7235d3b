/**
 * PDF and Illustrator masters, through the real import (isolated intake process) and the real
 * worker pool: page 1 becomes an SVG master drawn from the PDF's vectors, the stored PDF loses its
 * scripts and actions, and every recipe runs on it with outputs matching the SVG master's.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import PDFKit from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import { canRetry, jobsQuery } from '../../../src/shared/contract/jobs.ts';
import type { ImportReport, Logo } from '../../../src/shared/domain.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { geometryMismatch, renderPdf, renderSvg } from '../processors/render-compare.ts';
import { compareRecipe, RECIPES } from './pdf-master-fixtures.ts';

const CORPUS = {
  us: 'node_modules/flag-icons/flags/4x3/us.svg',
  react: 'node_modules/devicon/icons/react/react-original-wordmark.svg',
  // A shadow gradient fading to transparent: cairo writes it as a soft mask.
  python: 'node_modules/devicon/icons/python/python-original.svg',
  // Masks: cairo writes an image soft mask, which the import can only trace to a hard outline.
  jekyll: 'node_modules/devicon/icons/jekyll/jekyll-original.svg',
};

let dir: { path: string; cleanup: () => Promise<void> };
let studio: Studio;
let report: ImportReport;

/** A PDF that tries to do things on opening: JavaScript, a launch action, an embedded file. */
async function activePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([200, 200]);
  page.drawRectangle({ x: 50, y: 50, width: 100, height: 100 });
  const { context, catalog } = doc;
  const js = context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of("app.alert('hi')") });
  catalog.set(PDFName.of('OpenAction'), context.register(js));
  const launch = context.obj({ S: 'Launch', F: PDFString.of('calc.exe') });
  page.node.set(PDFName.of('AA'), context.obj({ O: context.register(launch) }));
  const file = context.flateStream('not a logo', { Type: 'EmbeddedFile' });
  const spec = context.obj({ Type: 'Filespec', F: PDFString.of('payload.txt'), EF: { F: context.register(file) } });
  const names = context.obj({
    JavaScript: context.obj({ Names: [PDFString.of('init'), context.register(js)] }),
    EmbeddedFiles: context.obj({ Names: [PDFString.of('payload.txt'), context.register(spec)] }),
  });
  catalog.set(PDFName.of('Names'), names);
  return doc.save({ useObjectStreams: false });
}

/** A wordmark set in type (a standard font and an embedded TrueType font), not outlined. */
function typesetPdf(): Promise<Buffer> {
  const doc = new PDFKit({ size: [300, 100], margin: 0 });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica-Bold').fontSize(40).fillColor('#cc0000').text('Marque', 20, 25);
  doc.font('/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf').fontSize(20).fillColor('#000044').text('Logo', 200, 30);
  doc.end();
  return done;
}

beforeAll(async () => {
  dir = await tempDir('marque-pdf-master-');
  for (const [name, path] of Object.entries(CORPUS)) {
    await copyFile(path, join(dir.path, `${name}.svg`));
    execFileSync('rsvg-convert', ['-f', 'pdf', '-o', join(dir.path, `${name}.pdf`), path]);
  }
  // An Illustrator file saved PDF-compatible is a PDF inside.
  await copyFile(join(dir.path, 'react.pdf'), join(dir.path, 'react-copy.ai'));
  await writeFile(join(dir.path, 'active.pdf'), await activePdf());
  await writeFile(join(dir.path, 'typeset.pdf'), await typesetPdf());
  await copyFile('node_modules/devicon/icons/react/react.eps', join(dir.path, 'react.eps'));
  studio = await createStudio({ dataDir: join(dir.path, 'data'), intakeProcesses: 1, pipeline: { workers: 2 } });
  report = await studio.library.importPaths(
    [
      'us.svg',
      'us.pdf',
      'react.svg',
      'react.pdf',
      'python.pdf',
      'jekyll.pdf',
      'typeset.pdf',
      'react-copy.ai',
      'active.pdf',
      'react.eps',
    ].map((name) => join(dir.path, name)),
  );
}, 120_000);

afterAll(async () => {
  await studio?.close();
  await dir?.cleanup();
});

function outcome(name: string) {
  const found = report.outcomes.find((o) => o.path.endsWith(`/${name}`));
  if (!found) throw new Error(`${name}: no outcome`);
  return found;
}

function logo(name: string): Logo {
  const found = outcome(name);
  if (found.status !== 'imported')
    throw new Error(`${name}: ${found.status === 'failed' ? found.message : found.status}`);
  return found.logo;
}

describe('PDF masters at import', () => {
  it('converts page 1 to a vector SVG master, keeps the PDF as the original and says so', async () => {
    const us = logo('us.pdf');
    // The page is 480 x 360 pt: 640 x 480 CSS px, as the flag's own SVG.
    expect([us.format, us.isVector, us.width, us.height]).toEqual(['svg', true, 640, 480]);
    const master = await readFile(studio.store.pathOf(us.hash), 'utf8');
    expect(master).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(master).toContain('<path');
    expect(master).not.toContain('<image');
    const original = studio.library.sourceFile(us.id);
    expect(original.filename).toBe('us.pdf');
    expect((await readFile(original.path)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const notes = outcome('us.pdf').status === 'imported' ? (outcome('us.pdf') as { notes?: string[] }).notes : [];
    expect(notes?.join('\n')).toMatch(/converted to an SVG master/);
  });

  it('draws the master as the PDF draws (librsvg render of the master vs poppler render of the PDF)', async () => {
    for (const name of ['us', 'react', 'python']) {
      const master = await readFile(studio.store.pathOf(logo(`${name}.pdf`).hash));
      const pdf = await readFile(join(dir.path, `${name}.pdf`));
      // Measured 0 on all three (python: 4 % with its soft-masked shadow drawn opaque, before).
      expect(geometryMismatch(await renderPdf(pdf, 320, 240), await renderSvg(master, 320, 240))).toBeLessThan(0.001);
    }
  });

  it('outlines type: the master draws the glyphs as paths', async () => {
    const master = await readFile(studio.store.pathOf(logo('typeset.pdf').hash));
    expect(master.toString('utf8')).not.toContain('<text');
    const pdf = await readFile(join(dir.path, 'typeset.pdf'));
    const drawn = await renderSvg(master, 600, 200);
    // Measured 0.22 %: Helvetica is not embedded, so poppler and pdf.js each substitute their own
    // (the M's corners differ); the embedded DejaVu glyphs match exactly.
    expect(geometryMismatch(await renderPdf(pdf, 600, 200), drawn)).toBeLessThan(0.005);
    // Ink where the letters are: a good share of the page is not white.
    let ink = 0;
    for (let i = 0; i < drawn.rgb.length; i += 3) if ((drawn.rgb[i + 1] as number) < 128) ink++;
    expect(ink / (600 * 200)).toBeGreaterThan(0.05);
  });

  it('keeps a gradient that fades out (a PDF soft mask) as a plain SVG gradient with stop opacities', async () => {
    const master = await readFile(studio.store.pathOf(logo('python.pdf').hash), 'utf8');
    expect(master).not.toContain('<mask');
    expect(master).toMatch(/stop-opacity="0\.498"/);
    const notes = (outcome('python.pdf') as { notes?: readonly string[] }).notes ?? [];
    expect(notes.join('\n')).not.toMatch(/not kept as vectors/);
  });

  it('imports an Illustrator (.ai) file saved PDF-compatible the same way', () => {
    // Same artwork as react.pdf: the same master, so a duplicate of it.
    const ai = outcome('react-copy.ai');
    expect(ai.status === 'failed' ? ai.message : ai.status).toBe('duplicate');
  });

  it('removes actions, JavaScript and embedded files from the stored PDF, and the report says so', async () => {
    const active = logo('active.pdf');
    const notes = (outcome('active.pdf') as { notes?: readonly string[] }).notes ?? [];
    expect(notes.join('\n')).toMatch(/removed from the stored PDF: .*OpenAction.*/);
    expect(notes.join('\n')).toMatch(/JavaScript/);
    expect(notes.join('\n')).toMatch(/embedded files/);
    const stored = await readFile(studio.library.sourceFile(active.id).path);
    const original = await readFile(join(dir.path, 'active.pdf'));
    expect(stored.equals(original)).toBe(false);
    const text = stored.toString('latin1');
    for (const needle of ['/OpenAction', '/JavaScript', '/JS', '/Launch', '/EmbeddedFile', 'payload', '/AA'])
      expect(text).not.toContain(needle);
    // Still a valid PDF that draws its square.
    execFileSync('qpdf', ['--check', studio.library.sourceFile(active.id).path]);
    const page = await renderPdf(stored, 100, 100);
    expect(page.rgb[(50 * 100 + 50) * 3]).toBeLessThan(60);
  });

  it('refuses EPS with what to do instead', () => {
    const eps = outcome('react.eps');
    expect(eps.status).toBe('failed');
    if (eps.status === 'failed') {
      expect(eps.code).toBe('UNSUPPORTED_FORMAT');
      expect(eps.message).toMatch(/react\.eps: EPS.*save it as PDF or SVG/);
    }
  });
});

describe('every recipe on a PDF master', () => {
  it('react (devicon wordmark): every recipe succeeds and matches the SVG master', async () => {
    let compared = 0;
    for (const entry of RECIPES.filter((r) => r.recipe !== 'social' && r.recipe !== 'package')) {
      const result = await compareRecipe(studio, logo('react.svg').id, logo('react.pdf').id, entry);
      // Measured 0 on every compared file.
      expect(result.worst, entry.recipe).toBeLessThan(0.002);
      compared += result.compared;
    }
    expect(compared).toBeGreaterThanOrEqual(8);
  }, 300_000);

  it('us: the print recipes keep the stars from the PDF master', async () => {
    for (const entry of RECIPES.filter((r) => r.recipe === 'pdf' || r.recipe === 'separations')) {
      const result = await compareRecipe(studio, logo('us.svg').id, logo('us.pdf').id, entry);
      expect(result.compared).toBeGreaterThan(0);
      expect(result.worst, entry.recipe).toBeLessThan(0.002);
    }
  }, 300_000);
});

describe('what a PDF master lost on the way to vectors', () => {
  it('is named at import and again on every output of the logo', async () => {
    const notes = (outcome('jekyll.pdf') as { notes?: string[] }).notes ?? [];
    expect(notes.join('\n')).toMatch(/not kept as vectors: an image soft mask traced to an outline/);
    for (const recipe of ['trace', 'pdf']) {
      const job = await studio.pipeline.runToCompletion(logo('jekyll.pdf').id, recipe, {});
      const warnings = (job.facts?.warnings ?? []) as string[];
      expect(warnings.join('\n'), recipe).toMatch(
        /converted from a PDF that could not all be kept as vectors \(an image soft mask traced to an outline/,
      );
    }
    // A PDF converted without loss says nothing of the kind.
    const react = await studio.pipeline.runToCompletion(logo('react.pdf').id, 'trace', {});
    expect(((react.facts?.warnings ?? []) as string[]).join('\n')).not.toMatch(/converted from a PDF/);
  }, 120_000);
});

describe('failures that cannot succeed on a second run', () => {
  it('are not offered Retry, and retrying them is refused', async () => {
    expect(canRetry({ state: 'failed', errorCode: 'UNSUPPORTED_FORMAT' })).toBe(false);
    expect(canRetry({ state: 'failed', errorCode: 'INVALID_INPUT' })).toBe(false);
    expect(canRetry({ state: 'failed', errorCode: 'TIMEOUT' })).toBe(true);
    expect(canRetry({ state: 'cancelled', errorCode: 'CANCELLED' })).toBe(true);
    // Invalid options for a real recipe fail at enqueue time; a job that fails on its input is permanent.
    const empty = join(dir.path, 'empty.svg');
    await writeFile(empty, '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><g/></svg>');
    const [imported] = (await studio.library.importPaths([empty])).outcomes;
    if (imported?.status !== 'imported') throw new Error('empty.svg did not import');
    await expect(studio.pipeline.runToCompletion(imported.logo.id, 'pdf', {})).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const failed = studio.pipeline
      .list(jobsQuery.parse({ logoId: imported.logo.id, recipe: 'pdf' }))
      .items.find((job) => job.recipe === 'pdf');
    expect(failed?.state).toBe('failed');
    expect(() => studio.pipeline.retry(failed?.id ?? '')).toThrow(/cannot succeed by running again/);
  });
});
