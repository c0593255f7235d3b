import { formatBytes } from '../../../shared/format-bytes.ts';
import type { Command } from '../command.ts';

export const statsCommand: Command = {
  name: 'stats',
  usage: 'marque stats [--data-dir D] [--json]',
  summary:
    'Storage use: originals, thumbnails, previews and outputs (count and bytes), cache cap, activity log, free disk.',
  async run(context) {
    const studio = await context.openStudio();
    const stats = await studio.storage.stats();
    if (context.json) {
      context.reply(stats);
      return 0;
    }
    for (const kind of ['originals', 'thumbnails', 'previews', 'outputs'] as const) {
      context.log(`${kind.padEnd(11)} ${String(stats[kind].count).padStart(7)}  ${formatBytes(stats[kind].bytes)}`);
    }
    context.log(`cache       ${formatBytes(stats.cacheBytes)} of ${formatBytes(stats.capBytes)} cap`);
    const log = stats.activityLog;
    context.log(
      `activity    ${String(log.rows).padStart(7)}  ${formatBytes(log.bytes)} (kept ${log.retentionDays} days)`,
    );
    context.log(`disk        ${formatBytes(stats.disk.freeBytes)} free of ${formatBytes(stats.disk.totalBytes)}`);
    return 0;
  },
};
