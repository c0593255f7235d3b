import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { masterArtwork } from '../../../src/main/core/pipeline/processors/artwork/master-artwork.ts';
import { scoreOneColour } from '../../../src/main/core/pipeline/processors/artwork/score.ts';
import { pdf } from '../../../src/main/core/pipeline/processors/pdf/pdf-processor.ts';
import { trace } from '../../../src/main/core/pipeline/processors/trace.ts';
import { sampleOf } from '../../helpers/scale.ts';
import { onWhite, svgInput } from './artwork-corpus.ts';
import { context } from './helpers.ts';
import { ghostscriptRgba } from './render-compare.ts';

const require = createRequire(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'marque-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, k) => items[Math.floor(k * step)] as T);
}

function corpus(): { name: string; svg: string }[] {
  const flags = join(dirname(require.resolve('flag-icons/package.json')), 'flags', '4x3');
  const devicon = join(dirname(require.resolve('devicon/package.json')), 'icons');
  const flagFiles = spread(
    readdirSync(flags)
      .filter((f) => f.endsWith('.svg'))
      .sort(),
    24,
  );
  const marks = spread(
    readdirSync(devicon)
      .sort()
      .flatMap((name) => {
        const file = join(devicon, name, `${name}-original.svg`);
        try {
          return [{ name: `devicon-${name}`, svg: readFileSync(file, 'utf8') }];
        } catch {
          return [];
        }
      }),
    16,
  );
  return [
    ...sampleOf(flagFiles, 4).map((f) => ({
      name: `flag-${f.replace('.svg', '')}`,
      svg: readFileSync(join(flags, f), 'utf8'),
    })),
    ...sampleOf(marks, 4),
  ];
}

describe('real-world sweep: every output against its master', () => {
  const logos = corpus();

  it('bilevel trace: IoU >= 0.99 against the master ink, on the SVG and on a white render', async () => {
    const low: string[] = [];
    for (const logo of logos) {
      for (const input of [await svgInput(logo.svg, logo.name), await onWhite(logo.svg, 'png', 768, logo.name)]) {
        const result = await trace.run(input, trace.options.parse({ size: 768 }), context());
        const iou = (result.facts as { fidelity: { iou: number } }).fidelity.iou;
        if (iou < 0.99) low.push(`${logo.name} (${input.format}): ${iou}`);
      }
    }
    expect(low).toEqual([]);
  }, 600_000);

  it('black one-colour PDF: IoU >= 0.95 against the master ink (Ghostscript render)', async () => {
    const low: string[] = [];
    for (const logo of logos) {
      const input = await svgInput(logo.svg, logo.name);
      const result = await pdf.run(input, pdf.options.parse({ variants: ['black'] }), context());
      const { image } = await masterArtwork(input, 384);
      const rendered = await ghostscriptRgba(result.files[0]?.bytes as Uint8Array, image.width, image.height, {
        supersample: true,
      });
      const { iou } = scoreOneColour(image, rendered);
      if (iou < 0.95) low.push(`${logo.name}: ${iou}`);
    }
    expect(low).toEqual([]);
  }, 600_000);
});
