/**
 * Waits for a state instead of sleeping for a guess: polls `predicate` until it holds, and fails
 * with `what` after a generous bound (a loaded 2-core machine is slow, never this slow).
 */
export async function until(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error(`${what}: not reached within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
