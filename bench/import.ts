/**
 * Import throughput: 1,000 PNG renders of real logos (simple-icons and @iconify-json/logos, 256 px)
 * imported as one folder through the whole path (isolated intake processes with the watchdog,
 * sanitize/decode, 256 px thumbnail + 1024 px preview, content-addressed store, SQLite rows),
 * with 1 and with 2 intake processes.
 * Reference in the same run: the same image work done directly with sharp in this process
 * (read, header, decode, both WebPs, sha256) with no isolation, no store and no database:
 * the ceiling the isolation and bookkeeping are measured against.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createStudio } from '../src/main/core/studio.ts';
import { writeCorpus } from '../test/helpers/corpus.ts';
import { type BenchSection, table } from './bench.ts';

const LOGOS = 1000;

async function importWith(
  processes: number,
  folder: string,
  root: string,
): Promise<{ seconds: number; imported: number; failed: number }> {
  const studio = await createStudio({ dataDir: join(root, `data-${processes}`), intakeProcesses: processes });
  try {
    const t0 = performance.now();
    const report = await studio.library.importPaths([folder]);
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, imported: report.imported, failed: report.failed };
  } finally {
    await studio.close();
  }
}

/** The same per-file image work with sharp in-process, one file after another. */
async function directSharp(files: readonly string[]): Promise<number> {
  const t0 = performance.now();
  for (const file of files) {
    const bytes = await readFile(file);
    await sharp(bytes).metadata();
    const { data, info } = await sharp(bytes, { failOn: 'warning' })
      .rotate()
      .resize(1024, 1024, { fit: 'inside', withoutEnlargement: true })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
    await sharp(data, raw).webp({ quality: 86, alphaQuality: 100, effort: 2 }).toBuffer();
    await sharp(data, raw)
      .resize(256, 256, { fit: 'inside' })
      .webp({ quality: 86, alphaQuality: 100, effort: 2 })
      .toBuffer();
    createHash('sha256').update(bytes).digest('hex');
  }
  return (performance.now() - t0) / 1000;
}

export async function importBench(): Promise<BenchSection> {
  const root = await mkdtemp(join(tmpdir(), 'marque-bench-import-'));
  try {
    const corpus = await writeCorpus(root, { pngs: LOGOS, pngSize: 256 });
    const folder = join(root, 'png');
    const load = loadavg()[0]?.toFixed(1);
    const one = await importWith(1, folder, root);
    const two = await importWith(2, folder, root);
    const reference = await directSharp(corpus.pngs);
    const rate = (seconds: number) => LOGOS / seconds;
    const rows = [
      [
        'Marque import, 1 intake process',
        one.seconds.toFixed(1),
        rate(one.seconds).toFixed(1),
        `${one.imported} imported, ${one.failed} failed`,
      ],
      [
        'Marque import, 2 intake processes',
        two.seconds.toFixed(1),
        rate(two.seconds).toFixed(1),
        `${two.imported} imported, ${two.failed} failed`,
      ],
      [
        'Reference: sharp in-process, same image work, no isolation/store/DB',
        reference.toFixed(1),
        rate(reference).toFixed(1),
        '—',
      ],
    ];
    const markdown = [
      table(['Run', 'Seconds', 'Logos/s', 'Result'], rows),
      '',
      `- 2 processes vs 1: **${(one.seconds / two.seconds).toFixed(2)}x** throughput.`,
      `- Marque (2 processes) vs in-process sharp: **${(reference / two.seconds).toFixed(2)}x** (1 process: ${(reference / one.seconds).toFixed(2)}x).`,
      '',
      `${LOGOS} PNG renders (256 px) of real logos from simple-icons and @iconify-json/logos, imported as one folder into a fresh library each run; ` +
        `${cpus().length} cores, load average ${load} at the start (other work on the machine slows every row alike).`,
    ].join('\n');
    return { title: 'Import throughput (1,000 logos, 1 vs 2 intake processes)', markdown };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
