/** The part of Electron's `app` the single-instance guard needs (a fake stands in for tests). */
export interface InstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  exit(code?: number): void;
}

/**
 * Claims the single-instance lock. The second copy of the app hands its files to the first
 * (Electron's `second-instance` event) and must then stop before it opens anything: `app.quit()`
 * alone only schedules a quit while start-up code carries on, and a second process opening the
 * library's SQLite beside the first is exactly what the lock exists to prevent. So the caller
 * runs start-up only when this returns true, and the process exits at once otherwise.
 */
export function claimSingleInstance(app: InstanceApp): boolean {
  if (app.requestSingleInstanceLock()) return true;
  app.exit(0);
  return false;
}
