import { describe, expect, it } from 'vitest';
import type { Processor } from '../../../src/main/core/pipeline/processor.ts';
import { packageProcessor } from '../../../src/main/core/pipeline/processors/package/package-processor.ts';
import { proofProcessor } from '../../../src/main/core/pipeline/processors/proof/proof-processor.ts';
import { removeBackgroundProcessor } from '../../../src/main/core/pipeline/processors/remove-background.ts';
import { trace } from '../../../src/main/core/pipeline/processors/trace.ts';
import { traceColor } from '../../../src/main/core/pipeline/processors/trace-color.ts';
import { proofSheet } from '../../../src/main/core/pipeline/proof-sheet.ts';
import type { LogoOutput } from '../../../src/shared/contract/jobs.ts';
import { PROOF_RECIPES } from '../../../src/shared/proof.ts';
import { context, svgInput } from '../processors/helpers.ts';

/** A coin mark: a white glyph on an orange disc (one of issue 12's hard cases). */
const COIN =
  '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><circle cx="128" cy="128" r="128" fill="#f7931a"/>' +
  '<rect x="96" y="60" width="64" height="136" fill="#fff"/></svg>';

const PROCESSORS: Record<string, Processor<never>> = {
  trace: trace as Processor<never>,
  'trace-color': traceColor as Processor<never>,
  'remove-bg': removeBackgroundProcessor as Processor<never>,
  package: packageProcessor as Processor<never>,
};

/** A recipe's real output, as jobs.outputs would list it. */
async function made(recipe: string, options: Record<string, unknown>, extra: Partial<LogoOutput> = {}) {
  const processor = PROCESSORS[recipe] as Processor<never>;
  const input = await svgInput(COIN, 'coin');
  const result = await processor.run(input, processor.options.parse(options) as never, context());
  return {
    jobId: `job-${recipe}`,
    logoId: 'coin-id',
    recipe,
    options,
    files: result.files.map((file) => ({ path: file.path, mime: file.mime, byteSize: file.bytes.byteLength })),
    facts: result.facts ?? null,
    producedAt: '2026-12-06T00:00:00.000Z',
    stale: false,
    staleReason: null,
    available: true,
    ...extra,
  } satisfies LogoOutput;
}

describe('the proof sheet from the outputs made', () => {
  it('says what marque proof says: the same labels, scores and flags for the default outputs', async () => {
    // One after the other: potrace's wasm instance is not re-entrant.
    const outputs: LogoOutput[] = [];
    for (const { recipe, options } of PROOF_RECIPES) outputs.push(await made(recipe, options));
    const sheet = await proofSheet({ outputs: async () => outputs, nameOf: () => 'coin' }, ['coin-id']);
    const cli = await proofProcessor.run(await svgInput(COIN, 'coin'), proofProcessor.options.parse({}), context());
    const cliItems = (
      (cli.facts?.items ?? []) as { label: string; score: string | null; belowThreshold: boolean }[]
    ).filter((item) => item.label !== 'Master');
    const logo = sheet.logos[0];
    expect(logo?.missing).toEqual([]);
    expect(logo?.items.map(({ label, score, belowThreshold }) => ({ label, score, belowThreshold }))).toEqual(cliItems);
    // Each item points at a picture the output really holds.
    for (const item of logo?.items ?? [])
      expect(outputs.find((o) => o.jobId === item.jobId)?.files.some((f) => f.path === item.file)).toBe(true);
    // The white and reversed versions sit on a dark tile; nothing else does.
    const dark = (logo?.items ?? []).filter((item) => item.dark).map((item) => item.label);
    expect(dark.length).toBeGreaterThan(0);
    for (const label of dark) expect(label).toMatch(/^Package: (White|Reversed)$/);
  }, 120_000);

  it('shows the newest output whatever its options, flags a poor one, and lists what is missing', async () => {
    const poor = await made('trace', { turdsize: 10000, size: 256 }, { jobId: 'job-poor' });
    const evicted = await made('trace-color', {}, { available: false });
    const stale = await made('remove-bg', {}, { stale: true, staleReason: 'master-changed' });
    const sheet = await proofSheet({ outputs: async () => [poor, evicted, stale], nameOf: () => 'coin' }, ['coin-id']);
    const logo = sheet.logos[0];
    // Evicted files and a stale output are made again; the stale one is still shown, marked.
    expect(logo?.missing).toEqual(['trace-color', 'remove-bg', 'package']);
    expect(logo?.items.map((item) => [item.recipe, item.stale])).toEqual([
      ['trace', false],
      ['remove-bg', true],
    ]);
    expect(logo?.items[0]).toMatchObject({ jobId: 'job-poor', label: 'Trace (one colour)', belowThreshold: true });
    expect(logo?.items[0]?.score).toMatch(/^IoU \d+\.\d %$/);
    expect(logo?.items[0]?.warnings.join(' ')).toMatch(/does not match the master/);
  }, 120_000);
});
