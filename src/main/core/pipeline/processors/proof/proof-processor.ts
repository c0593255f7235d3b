import sharp from 'sharp';
import { onDark, proofLabel, proofScore } from '../../../../../shared/proof.ts';
import type { OutputFile, Processor, ProcessorContext, ProcessorInput } from '../../processor.ts';
import type { ScoredFidelity } from '../vector/fidelity.ts';
import { type ProofOptions, proofDescriptor } from './proof-descriptor.ts';

/** One picture on the proof sheet: an output beside the master, with its honest score. */
export interface ProofItem {
  readonly label: string;
  readonly score: string | null;
  readonly belowThreshold: boolean;
  /** A PNG data URI. */
  readonly image: string;
  /** Shown on a dark tile (the white and reversed versions are made for dark backgrounds). */
  readonly dark?: boolean;
}

const QUIET = { signal: new AbortController().signal, progress: () => {} };

/**
 * The proof of one logo: every output a designer hands out (traces, background removal, each
 * colourway of the package) drawn beside the master with its score against the master (see
 * artwork/score.ts). Written as a self-contained HTML section; `marque proof` joins the sections
 * of a selection into one file. Runs the recipes in-process, like the package runs the PDF.
 */
export const proofProcessor: Processor<ProofOptions> = {
  ...proofDescriptor,
  async run(input, opts, context) {
    const items = await proofItems(input, opts.size, context);
    const html = proofSection(input.name, items);
    return {
      files: [{ path: 'proof.html', bytes: new TextEncoder().encode(html), mime: 'text/html' }],
      facts: {
        items: items.map(({ label, score, belowThreshold }) => ({ label, score, belowThreshold })),
        belowThreshold: items.filter((item) => item.belowThreshold).map((item) => item.label),
        warnings: items
          .filter((item) => item.belowThreshold)
          .map((item) => `${item.label} does not match the master closely enough (${item.score}).`),
      },
    };
  },
};

async function proofItems(input: ProcessorInput, size: number, context: ProcessorContext): Promise<ProofItem[]> {
  const { trace } = await import('../trace.ts');
  const { traceColor } = await import('../trace-color.ts');
  const { removeBackgroundProcessor } = await import('../remove-background.ts');
  const { buildLogoPackage } = await import('../package/package-processor.ts');
  const { masterToRgba } = await import('../raster/input.ts');
  const items: ProofItem[] = [];
  const master = await masterToRgba(input, size);
  items.push({
    label: 'Master',
    score: null,
    belowThreshold: false,
    image: await dataUri(
      await sharp(master.data, { raw: { width: master.width, height: master.height, channels: 4 } })
        .png()
        .toBuffer(),
      size,
    ),
  });
  context.progress(10);
  // One after the other: potrace's wasm instance is shared within a thread and not re-entrant.
  const runs: [string, () => Promise<{ files: readonly OutputFile[]; facts?: Readonly<Record<string, unknown>> }>][] = [
    [proofLabel('trace'), () => trace.run(input, trace.options.parse({}), QUIET)],
    [proofLabel('trace-color'), () => traceColor.run(input, traceColor.options.parse({}), QUIET)],
    [
      proofLabel('remove-bg'),
      () => removeBackgroundProcessor.run(input, removeBackgroundProcessor.options.parse({}), QUIET),
    ],
  ];
  for (const [label, run] of runs) {
    const result = await run();
    const file = result.files[0];
    if (!file) continue;
    const fidelity = (result.facts?.fidelity ?? null) as ScoredFidelity | null;
    items.push({ label, ...scoreText(fidelity), image: await dataUri(file.bytes, size) });
  }
  context.progress(60);
  const pack = await buildLogoPackage(input, { formats: ['png'], pngSizes: [256] });
  const fidelity = (pack.facts.fidelity ?? {}) as Record<string, ScoredFidelity>;
  for (const file of pack.files) {
    const colourway = /_RGB_(\w+?)_256\.png$/.exec(file.path)?.[1];
    if (!colourway) continue;
    items.push({
      label: proofLabel('package', colourway),
      ...scoreText(fidelity[colourway] ?? null),
      image: await dataUri(file.bytes, size),
      dark: onDark(colourway),
    });
  }
  context.progress(100);
  return items;
}

/** The same words as the UI's proof sheet (shared/proof.ts), so the two never disagree. */
function scoreText(fidelity: ScoredFidelity | null): { score: string | null; belowThreshold: boolean } {
  return proofScore(fidelity);
}

async function dataUri(bytes: Uint8Array, size: number): Promise<string> {
  const png = await sharp(bytes, { density: 144 })
    .resize(size, size, { fit: 'inside' })
    .png({ compressionLevel: 9 })
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** One logo's section of the sheet (no scripts, no external references: data URIs only). */
export function proofSection(name: string, items: readonly ProofItem[]): string {
  const figures = items
    .map(
      (item) =>
        `<figure class="proof__item${item.belowThreshold ? ' proof__item--flagged' : ''}">` +
        `<img${item.dark ? ' class="proof__dark"' : ''} src="${item.image}" alt="${escapeHtml(`${item.label} of ${name}`)}">` +
        `<figcaption>${escapeHtml(item.label)}${item.score ? `<br><span>${escapeHtml(item.score)}</span>` : ''}` +
        `${item.belowThreshold ? '<br><strong>Check: below threshold</strong>' : ''}</figcaption></figure>`,
    )
    .join('');
  return `<section class="proof"><h2>${escapeHtml(name)}</h2><div class="proof__items">${figures}</div></section>\n`;
}

/** The whole proof sheet: sections of one or more logos in one self-contained HTML file. */
export function proofDocument(sections: readonly string[], title = 'Marque proof sheet'): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<style>
body{font:14px system-ui,sans-serif;margin:24px;color:#1b1b1f;background:#fff}
h1{font-size:20px}h2{font-size:16px;margin:24px 0 8px}
.proof__items{display:flex;flex-wrap:wrap;gap:12px}
.proof__item{margin:0;padding:8px;border:1px solid #d0d0d8;border-radius:6px;width:216px;text-align:center}
.proof__item img{display:block;margin:0 auto 6px;max-width:200px;max-height:200px;
background:repeating-conic-gradient(#e6e6ea 0 25%,#fff 0 50%) 0 0/16px 16px}
.proof__item img.proof__dark{background:#1b1b1f}
.proof__item span{color:#5a5a66}.proof__item--flagged{border-color:#c2410c;background:#fff7ed}
.proof__item strong{color:#c2410c}
@media (prefers-color-scheme:dark){body{background:#16161a;color:#ececf1}.proof__item{border-color:#3a3a44}
.proof__item span{color:#a0a0ad}.proof__item--flagged{background:#2a1a10}}
</style></head><body><h1>${escapeHtml(title)}</h1>
<p>Every output beside its master, scored against a render of the master (transformed by the version's rule). Outputs under their threshold are marked.</p>
${sections.join('')}</body></html>
`;
}
