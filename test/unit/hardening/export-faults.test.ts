import { mkdir, readdir, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import { type ExportRequest, exportRequest } from '../../../src/shared/contract/exports.ts';
import { writeCorpus } from '../../helpers/corpus.ts';
import { exportTempFiles, listFiles } from '../../helpers/data-audit.ts';
import { mountTmpfs, unmount } from '../../helpers/mounts.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const caller = { mode: 'desktop', clientAddress: null } as const;

describe('export into a read-only folder and onto a full disk', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let studio: Studio;
  let logoIds: string[];
  const mounted: string[] = [];

  const request = (destination: string, zip: boolean, sizes = [768, 1024]): ExportRequest => ({
    logoIds,
    recipes: sizes.map((size) => ({ recipe: 'thumbnail-png', options: { size } })),
    destination,
    zip,
  });
  const run = (input: ExportRequest) => studio.handlers['exports.run'](exportRequest.parse(input), caller);

  /** A fresh tmpfs at `name` below the test folder, or null (the test then skips, saying why). */
  async function mountAt(name: string, options: string): Promise<string | null> {
    const at = join(dir.path, name);
    await mkdir(at, { recursive: true });
    const problem = mountTmpfs(at, options);
    if (problem) {
      console.log(`skipped: ${problem}`);
      return null;
    }
    mounted.push(at);
    return at;
  }

  beforeAll(async () => {
    dir = await tempDir('marque-export-faults-');
    const corpus = await writeCorpus(join(dir.path, 'corpus'), { svgs: 12, offset: 80 });
    studio = await createStudio({ dataDir: join(dir.path, 'data'), intakeProcesses: 1, pipeline: { workers: 2 } });
    const report = await studio.library.importPaths(corpus.svgs);
    logoIds = report.outcomes.flatMap((o) => (o.status === 'imported' ? [o.logo.id] : []));
    expect(logoIds.length).toBeGreaterThanOrEqual(10);
    // Produce once; each test then measures only the write.
    const plan = await studio.handlers['exports.preview'](
      exportRequest.parse(request(join(dir.path, 'x'), false)),
      caller,
    );
    expect(plan.failures).toEqual([]);
    expect(plan.totalBytes).toBeGreaterThan(600 * 1024);
  }, 120_000);
  afterEach(() => {
    for (const at of mounted.splice(0)) unmount(at);
  });
  afterAll(async () => {
    try {
      await studio?.close();
    } finally {
      await dir?.cleanup();
    }
  });

  for (const zip of [false, true]) {
    const mode = zip ? 'zip' : 'folder';
    it(`${mode}: a read-only disk fails with a message naming it, and nothing is written`, async ({ skip }) => {
      const ro = await mountAt(`ro-${mode}`, 'size=1m,ro');
      if (!ro) return skip();
      for (const destination of [ro, join(ro, 'new', 'folder')]) {
        await expect(run(request(destination, zip))).rejects.toMatchObject({
          code: 'IO_ERROR',
          message: expect.stringMatching(/read-only/i),
        });
        expect(await readdir(ro)).toEqual([]);
      }
    });

    it(`${mode}: a full disk fails with a message naming it and leaves nothing behind`, async ({ skip }) => {
      const small = await mountAt(`full-${mode}`, 'size=512k');
      if (!small) return skip();
      const free = (await statfs(small)).bavail;
      const error = await run(request(join(small, 'delivery'), zip)).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'IO_ERROR',
        message: expect.stringMatching(/disk is full|no space/i),
      });
      expect((error as Error).message).toContain(small);
      expect((error as Error).message).toMatch(/nothing was left behind/);
      expect(await exportTempFiles(small)).toEqual([]);
      expect(await listFiles(small)).toEqual([]);
      // Not even the folder it made for the delivery.
      expect(await readdir(small)).toEqual([]);
      expect((await statfs(small)).bavail).toBe(free);
      // The studio is fine afterwards: a smaller export onto the same disk succeeds.
      const ok = await run(request(join(small, 'small'), zip, [96]));
      expect(ok.failures).toEqual([]);
      expect(ok.written.length).toBe(logoIds.length);
    });
  }
});
