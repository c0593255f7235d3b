import { BrowserWindow } from 'electron';
import { QueueProgress } from '../core/queue-progress.ts';
import type { Studio } from '../core/studio.ts';

/** Mirrors the queue's overall progress on the dock icon / taskbar button (setProgressBar). */
export function showQueueProgress(studio: Studio): () => void {
  const progress = new QueueProgress();
  return studio.events.subscribe((event, payload) => {
    if (event !== 'jobs.changed') return;
    progress.apply(payload as Parameters<QueueProgress['apply']>[0]);
    const fraction = progress.fraction();
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.setProgressBar(fraction ?? -1);
    }
  });
}
