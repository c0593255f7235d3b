import { create } from 'zustand';

export type ToastTone = 'info' | 'success' | 'error';

export interface Toast {
  readonly id: number;
  readonly tone: ToastTone;
  readonly message: string;
  /** Extra lines (e.g. each failed file with its reason). */
  readonly details?: readonly string[];
  readonly action?: { readonly label: string; readonly run: () => void };
}

interface ToastState {
  readonly toasts: readonly Toast[];
}

export const useToastStore = create<ToastState>(() => ({ toasts: [] }));

/** Toasts kept at most; the oldest beyond it go (errors included, the log has them). */
const KEPT = 20;
/** Toasts shown at most: past it, the oldest fold into one "+N more" line. */
export const VISIBLE_TOASTS = 3;

let nextId = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

export function dismissToast(id: number): void {
  clearTimeout(timers.get(id));
  timers.delete(id);
  useToastStore.setState((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
}

/** Shows a toast; errors and toasts with details stay until dismissed, others fade after a while. */
export function showToast(toast: Omit<Toast, 'id'>, ttlMs?: number): number {
  const id = nextId++;
  // Older toasts are kept (the list shows 3 and folds the rest into "+N more"), up to a bound.
  useToastStore.setState((state) => ({ toasts: [...state.toasts.slice(-(KEPT - 1)), { ...toast, id }] }));
  const ttl = ttlMs ?? (toast.tone === 'error' || toast.details?.length ? 0 : toast.action ? 8000 : 4000);
  if (ttl > 0)
    timers.set(
      id,
      setTimeout(() => dismissToast(id), ttl),
    );
  return id;
}

/** Replaces a toast's content in place (progress that ends in a result). */
export function updateToast(id: number, toast: Omit<Toast, 'id'>, ttlMs?: number): void {
  clearTimeout(timers.get(id));
  useToastStore.setState((state) => ({
    toasts: state.toasts.map((current) => (current.id === id ? { ...toast, id } : current)),
  }));
  const ttl = ttlMs ?? (toast.tone === 'error' || toast.details?.length ? 0 : toast.action ? 8000 : 4000);
  if (ttl > 0)
    timers.set(
      id,
      setTimeout(() => dismissToast(id), ttl),
    );
}

export function dismissAllToasts(): void {
  for (const id of timers.keys()) clearTimeout(timers.get(id));
  timers.clear();
  useToastStore.setState({ toasts: [] });
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
