import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { faviconProcessor as favicon } from '../../../src/main/core/pipeline/processors/favicon/favicon-processor.ts';
import { pdf } from '../../../src/main/core/pipeline/processors/pdf/pdf-processor.ts';
import { removeBackgroundProcessor as removeBackground } from '../../../src/main/core/pipeline/processors/remove-background.ts';
import { trace } from '../../../src/main/core/pipeline/processors/trace.ts';
import { belowThreshold, summarizeFacts } from '../../../src/renderer/src/components/output-facts.ts';
import { deviconSvg, onWhite } from '../processors/artwork-corpus.ts';
import { context, svgInput } from '../processors/helpers.ts';

/** The facts real recipes write, read the way the details panel shows them. */
const MARK = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
  <rect x="10" y="10" width="80" height="80" rx="10" fill="#1b2a4a"/>
  <text x="100" y="60" font-family="No Such Font Sans" font-size="30" fill="#1b2a4a">Ac</text>
</svg>`;

describe('output facts in the details panel', () => {
  it('says how much background was removed, and that a soft shadow was kept as transparency', async () => {
    const input = await onWhite(deviconSvg('gimp'), 'png', 512, 'gimp');
    const result = await removeBackground.run(input, removeBackground.options.parse({}), context());
    const summary = summarizeFacts('remove-bg', result.facts ?? null);
    expect(summary.chips).toContain(`${Math.round((result.facts?.removedShare as number) * 100)} % background removed`);
    expect(summary.chips).toContain('soft shadow kept as transparency');
  });

  it('shows a trace fidelity score as a percentage', async () => {
    const input = await svgInput(MARK, 'Mark');
    const result = await trace.run(input, trace.options.parse({}), context());
    const summary = summarizeFacts('trace', result.facts ?? null);
    const fidelity = result.facts?.fidelity as { iou: number } | undefined;
    if (!fidelity) throw new Error('trace wrote no fidelity');
    const iou = fidelity.iou;
    expect(summary.chips[0]).toBe(`fidelity ${(iou * 100).toFixed(1)} % (IoU)`);
    expect(summary.chips).toContain(`${result.facts?.paths} paths`);
  });

  it('shows the PDF page size and passes its warnings on (a missing font, named)', async () => {
    const input = await svgInput(MARK, 'Mark');
    const result = await pdf.run(input, pdf.options.parse({ variants: ['full-color'] }), context());
    const summary = summarizeFacts('pdf', result.facts ?? null);
    expect(summary.chips.slice(0, 2)).toEqual(['52.92 × 26.46 mm', 'CMYK']);
    expect(summary.notes.join(' ')).toMatch(/No Such Font Sans/);
  });

  it('names the press, the ink limit and the colours a spot PDF prints with another ink', async () => {
    const svg = await readFile('node_modules/flag-icons/flags/4x3/mx.svg', 'utf8');
    const input = await svgInput(svg, 'mx');
    const result = await pdf.run(
      input,
      pdf.options.parse({ variants: ['full-color'], color: 'spot', maxInks: 3, pdfx: true }),
      context(),
    );
    const summary = summarizeFacts('pdf', result.facts ?? null);
    expect(summary.chips).toContain('Chemical proof CMYK (built in), ink ≤ 300 %');
    expect(summary.chips).toContain('PDF/X-4');
    expect(summary.notes.join(' ')).toMatch(/Printed with another ink: #[0-9a-f]{6} → Spot [0-9A-F]{6} \(ΔE [\d.]+\)/);
  });

  it('says when the one-colour PDF follows the shading rather than whole shapes', async () => {
    const svg = await readFile('node_modules/devicon/icons/linux/linux-original.svg', 'utf8');
    const result = await pdf.run(await svgInput(svg, 'linux'), pdf.options.parse({ variants: ['black'] }), context());
    const summary = summarizeFacts('pdf', result.facts ?? null);
    expect(summary.chips).toContain('light details knocked out in one colour');
    expect(summary.chips).toContain('one colour traced from the render');
    const iou = (result.facts?.fidelity as { iou: number } | undefined)?.iou ?? 0;
    expect(iou).toBeGreaterThan(0.99);
    expect(summary.chips).toContain(`one colour ${(iou * 100).toFixed(1)} % (IoU)`);
  });

  it('offers the favicon pack HTML to copy and lists the ICO frames', async () => {
    const input = await svgInput(MARK, 'Mark');
    const result = await favicon.run(input, favicon.options.parse({}), context());
    const summary = summarizeFacts('favicon', result.facts ?? null);
    expect(summary.chips).toContain('ICO 48, 32, 16');
    expect(summary.snippet).toContain('<link rel="icon"');
  });

  it('reads nothing from facts it does not understand', () => {
    expect(summarizeFacts('pdf', { pageMm: 'wide', inks: 5, warnings: [3, '', 'ok'] })).toEqual({
      chips: ['CMYK'],
      notes: ['ok'],
      snippet: null,
    });
    expect(summarizeFacts('trace', null)).toEqual({ chips: [], notes: [], snippet: null });
  });
});

describe('belowThreshold: outputs that do not match their master are flagged', () => {
  it('reads a trace score and any colourway of a package, defensively', () => {
    expect(belowThreshold({ fidelity: { iou: 0.88, belowThreshold: true } })).toBe(true);
    expect(belowThreshold({ fidelity: { iou: 0.999, belowThreshold: false } })).toBe(false);
    expect(
      belowThreshold({ fidelity: { FullColor: { belowThreshold: false }, Black: { iou: 0.7, belowThreshold: true } } }),
    ).toBe(true);
    expect(belowThreshold({ fidelity: null })).toBe(false);
    expect(belowThreshold(null)).toBe(false);
  });
});
