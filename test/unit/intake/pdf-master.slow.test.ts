/**
 * The wider run: PDF masters (made with rsvg-convert -f pdf) of a seeded sample of flags and
 * devicon logos, every recipe on each, outputs compared with the SVG master's.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import type { Logo } from '../../../src/shared/domain.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { compareRecipe, RECIPES } from './pdf-master-fixtures.ts';

/** A deterministic sample: every n-th name. */
function sample(names: readonly string[], count: number): string[] {
  const step = Math.max(1, Math.floor(names.length / count));
  return names.filter((_, i) => i % step === 0).slice(0, count);
}

let dir: { path: string; cleanup: () => Promise<void> };
let studio: Studio;
const pairs: { name: string; svg: Logo; pdf: Logo }[] = [];

beforeAll(async () => {
  dir = await tempDir('marque-pdf-master-slow-');
  const flags = (await readdir('node_modules/flag-icons/flags/4x3')).filter((f) => f.endsWith('.svg')).sort();
  const devicon = (await readdir('node_modules/devicon/icons')).sort();
  const all = [
    ...sample(flags, 12).map((file) => ({
      name: `flag-${file.slice(0, -4)}`,
      path: `node_modules/flag-icons/flags/4x3/${file}`,
    })),
    ...sample(devicon, 8).map((icon) => ({
      name: `devicon-${icon}`,
      path: `node_modules/devicon/icons/${icon}/${icon}-original.svg`,
    })),
  ];
  // Only the slow project runs this file (vitest.config.ts): every pair, every recipe.
  const sources = all;
  studio = await createStudio({ dataDir: join(dir.path, 'data'), intakeProcesses: 1, pipeline: { workers: 2 } });
  for (const source of sources) {
    const svgPath = join(dir.path, `${source.name}.svg`);
    const pdfPath = join(dir.path, `${source.name}.pdf`);
    try {
      await copyFile(source.path, svgPath);
    } catch {
      continue; // a devicon icon without an "original" variant
    }
    // rsvg-convert rasterises SVG filters into the PDF: such a PDF master holds a bitmap, so its
    // package rightly has fewer SVG versions (devicon renpy). Those are not vector-to-vector pairs.
    if ((await readFile(svgPath, 'utf8')).includes('<filter')) continue;
    execFileSync('rsvg-convert', ['-f', 'pdf', '-o', pdfPath, svgPath]);
    const [svg, pdf] = (await studio.library.importPaths([svgPath, pdfPath])).outcomes;
    if (svg?.status !== 'imported') throw new Error(`${source.name}.svg: ${JSON.stringify(svg)}`);
    if (pdf?.status !== 'imported') throw new Error(`${source.name}.pdf: ${JSON.stringify(pdf)}`);
    pairs.push({ name: source.name, svg: svg.logo, pdf: pdf.logo });
  }
}, 600_000);

afterAll(async () => {
  await studio?.close();
  await dir?.cleanup();
});

describe('PDF masters across the corpus sample', () => {
  it('every recipe succeeds on every PDF master and matches the SVG master', async () => {
    expect(pairs.length).toBeGreaterThanOrEqual(1);
    const worst: string[] = [];
    for (const pair of pairs) {
      for (const entry of RECIPES) {
        const result = await compareRecipe(studio, pair.svg.id, pair.pdf.id, entry);
        if (result.worst >= 0.005) worst.push(`${pair.name} ${entry.recipe}: ${(result.worst * 100).toFixed(2)} %`);
      }
    }
    expect(worst).toEqual([]);
  }, 1_800_000);
});
