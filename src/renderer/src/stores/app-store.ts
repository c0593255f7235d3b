import { create } from 'zustand';
import type { AppInfo } from '../../../shared/domain.ts';

export const SCREENS = ['library', 'queue', 'export', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

interface AppState {
  readonly info: AppInfo | null;
  readonly screen: Screen;
  /** Set when the contract cannot be reached at start (shown instead of the shell). */
  readonly fatal: string | null;
}

export const useAppStore = create<AppState>(() => ({ info: null, screen: 'library', fatal: null }));

export function showScreen(screen: Screen): void {
  useAppStore.setState({ screen });
}

/** True when this client may change things (false through the teammate share). */
export function canEdit(): boolean {
  return useAppStore.getState().info?.canEdit === true;
}
