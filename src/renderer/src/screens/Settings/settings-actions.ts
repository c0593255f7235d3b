import { errorMessage, showToast } from '../../stores/toast-store.ts';

/** Runs a settings call; a failure becomes a toast and the caller gets null. */
export async function attempt<T>(what: string, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    showToast({ tone: 'error', message: `Could not ${what}: ${errorMessage(error)}` });
    return null;
  }
}
