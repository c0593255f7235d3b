/**
 * Deliverables: our favicon recipe against the `favicons` npm package on the same input in the
 * same run, plus the social set and the logo package for one logo, all in-process (one thread).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { favicons } from 'favicons';
import sharp from 'sharp';
import type { ProcessorInput } from '../src/main/core/pipeline/processor.ts';
import { buildFaviconPack } from '../src/main/core/pipeline/processors/favicon/favicon-processor.ts';
import { buildLogoPackage } from '../src/main/core/pipeline/processors/package/package-processor.ts';
import { buildSocialSet } from '../src/main/core/pipeline/processors/social/social-processor.ts';
import { type Bench, percentile, table } from './bench.ts';

const require = createRequire(import.meta.url);

async function time(runs: number, work: () => Promise<unknown>): Promise<number> {
  await work(); // warm-up: module loads, librsvg/sharp first use
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    samples.push(performance.now() - t0);
  }
  return percentile(samples, 50);
}

const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`);

export const deliverablesBench: Bench = async () => {
  // A real mark (simple-icons' GitHub), painted, as SVG and as a 1024 px PNG: the same art for both tools.
  const svg = readFileSync(require.resolve('simple-icons/icons/github.svg'), 'utf8').replace(
    '<svg ',
    '<svg fill="#181717" ',
  );
  const png = await sharp(Buffer.from(svg), { density: 3000 }).resize(1024, 1024).png().toBuffer();
  const svgInput: ProcessorInput = {
    master: new TextEncoder().encode(svg),
    format: 'svg',
    isVector: true,
    width: 24,
    height: 24,
    name: 'GitHub',
  };
  const pngInput: ProcessorInput = {
    master: new Uint8Array(png),
    format: 'png',
    isVector: false,
    width: 1024,
    height: 1024,
    name: 'GitHub',
  };

  const oursModernSvg = await time(15, () => buildFaviconPack(svgInput));
  const oursModernPng = await time(15, () => buildFaviconPack(pngInput));
  const oursExtendedPng = await time(5, () => buildFaviconPack(pngInput, { profile: 'extended' }));
  const theirsDefault = await time(2, () => favicons(png, { path: '/' }));
  const noStartup = { path: '/', icons: { appleStartup: false, yandex: false } };
  const theirsNoStartup = await time(3, () => favicons(png, noStartup));
  const theirsCount = (await favicons(png, noStartup)).images.length;
  const oursExtendedCount = (await buildFaviconPack(pngInput, { profile: 'extended' })).files.filter((f) =>
    /\.(png|ico)$/.test(f.path),
  ).length;
  const social = await time(3, () => buildSocialSet(svgInput));
  const logoPackage = await time(3, () => buildLogoPackage(svgInput));

  const rows: (string | number)[][] = [
    ['Marque favicon, modern, from SVG', ms(oursModernSvg), '9 images + svg, manifest, README', '≤ 50 ms target'],
    [
      'Marque favicon, modern, from 1024 px PNG',
      ms(oursModernPng),
      '9 images, manifest, README',
      `favicons (no splash) / ours = ${(theirsNoStartup / oursModernPng).toFixed(1)}x`,
    ],
    [
      'Marque favicon, extended, from 1024 px PNG',
      ms(oursExtendedPng),
      `${oursExtendedCount} images`,
      `favicons (no splash) / ours = ${(theirsNoStartup / oursExtendedPng).toFixed(1)}x`,
    ],
    ['`favicons` 7, defaults (with Apple splash screens)', ms(theirsDefault), 'all platforms', '—'],
    ['`favicons` 7, without splash screens and Yandex', ms(theirsNoStartup), `${theirsCount} images`, '—'],
    ['Marque social set (every preset), from SVG', ms(social), '38 images', '—'],
    [
      'Marque logo package (5 colourways x SVG/PDF/PNG x4/JPG), from SVG',
      ms(logoPackage),
      '35 files',
      '< 2 s target (all recipes)',
    ],
  ];
  return {
    title: 'Deliverables: favicon pack vs `favicons`, social set, logo package',
    markdown: [
      table(['what', 'median', 'output', 'note'], rows),
      '',
      'Same input for both tools (simple-icons GitHub mark rendered to a 1024 px PNG; SVG for the SVG rows), in-process on one thread, median of warm runs after one warm-up.',
    ].join('\n'),
  };
};
