import { formatBytes } from '../../../shared/format-bytes.ts';
import type { Command } from '../command.ts';

export const cacheCommand: Command = {
  name: 'cache',
  usage: 'marque cache clear [--older-than DAYS] [--data-dir D] [--json]',
  summary:
    'Delete derived files (thumbnails, previews, outputs) unused for DAYS days (default 0: all). Originals are never touched.',
  options: { 'older-than': { type: 'string' } },
  async run(context) {
    const [action] = context.positionals;
    if (action !== 'clear') {
      context.log('marque cache: the only action is "clear"');
      return 2;
    }
    const raw = context.values['older-than'];
    const days = typeof raw === 'string' ? Number(raw.replace(/d$/, '')) : 0;
    if (!Number.isFinite(days) || days < 0) {
      context.log(`marque cache clear: --older-than wants a number of days, got "${String(raw)}"`);
      return 2;
    }
    const studio = await context.openStudio();
    // Files the index has not seen yet (left by a crash) are indexed first, so they can be cleared too.
    await studio.reconciled;
    const report = studio.storage.clear(days);
    if (context.json) context.reply(report);
    else context.log(`${report.removed} derived file(s) removed, ${formatBytes(report.freedBytes)} freed`);
    return 0;
  },
};
