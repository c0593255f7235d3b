import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planExport } from '../../../src/main/core/exporter/plan.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

describe('exported files carry human names, never recipe words', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir('marque-names-');
  });
  afterEach(async () => {
    await dir.cleanup();
  });

  it('the PNG recipe delivers {name}-{size}.png under png/, standard names stay', async () => {
    const source = join(dir.path, 'bytes');
    await writeFile(source, 'x');
    const file = (path: string) => ({ path, source, bytes: 1 });
    const plan = await planExport({
      destination: join(dir.path, 'out'),
      template: '{name}/{recipe}/{file}',
      conflict: 'rename',
      zip: false,
      now: new Date('2026-01-02T03:04:05Z'),
      batches: [
        {
          logoId: 'l1',
          logoName: 'Acme',
          recipe: 'normalize',
          options: { size: 512 },
          files: [file('normalized.png')],
        },
        { logoId: 'l1', logoName: 'Acme', recipe: 'trace', options: {}, files: [file('trace.svg')] },
        { logoId: 'l1', logoName: 'Acme', recipe: 'favicon', options: {}, files: [file('favicon.ico')] },
      ],
    });
    expect(plan.entries.map((e) => e.path)).toEqual([
      'Acme/png/Acme-512.png',
      'Acme/svg/Acme.svg',
      'Acme/favicon/favicon.ico',
    ]);
    // The manifest still says which recipe file each one is.
    expect(plan.entries.map((e) => e.file)).toEqual(['normalized.png', 'trace.svg', 'favicon.ico']);
    for (const entry of plan.entries) expect(entry.path).not.toMatch(/normaliz|trace/);
  });
});
