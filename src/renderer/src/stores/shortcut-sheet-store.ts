import { create } from 'zustand';

/** Whether the "?" sheet of keyboard shortcuts is open. */
export const useShortcutSheetStore = create<{ readonly open: boolean }>(() => ({ open: false }));

export function openShortcutSheet(): void {
  useShortcutSheetStore.setState({ open: true });
}

export function closeShortcutSheet(): void {
  useShortcutSheetStore.setState({ open: false });
}
