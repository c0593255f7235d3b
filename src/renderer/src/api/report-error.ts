import { canEdit } from '../stores/app-store.ts';
import { client } from './client.ts';

/**
 * Records a failure the window worked around (an optional panel left empty, a name it could not
 * look up) in the app's log with where it happened, so a bug report has it, without a toast for
 * something the designer can do nothing about. Teammates on the share cannot write the log.
 */
export function logQuietly(where: string, error: unknown): void {
  const failure = error instanceof Error ? error : new Error(String(error));
  console.warn(`Marque: ${where}:`, failure);
  if (!canEdit()) return;
  client
    .call('app.logError', {
      where: where.slice(0, 100),
      level: 'warn',
      message: failure.message.slice(0, 2000),
      stack: failure.stack?.slice(0, 20_000),
    })
    .catch((logError: unknown) => console.error('Marque: the failure could not be logged', logError));
}
