import { create } from 'zustand';

export interface MenuItem {
  readonly label: string;
  readonly run: () => void;
  readonly danger?: boolean;
  /** Shown before the item: a thin line between groups. */
  readonly separated?: boolean;
}

export interface OpenMenu {
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly items: readonly MenuItem[];
  /** Where the focus goes back when the menu closes (the tile grid, the output's button). */
  readonly returnFocus: HTMLElement | null;
}

interface MenuState {
  readonly menu: OpenMenu | null;
}

/** The one context menu of the window: opened by right-click, Shift+F10 or the context-menu key. */
export const useContextMenuStore = create<MenuState>(() => ({ menu: null }));

export function openContextMenu(menu: OpenMenu): void {
  useContextMenuStore.setState({ menu });
}

export function closeContextMenu(restoreFocus = true): void {
  const { menu } = useContextMenuStore.getState();
  useContextMenuStore.setState({ menu: null });
  if (restoreFocus) menu?.returnFocus?.focus({ preventScroll: true });
}

/** Where a keyboard-opened menu appears: at the element's lower left, inside the window. */
export function menuPointFor(element: Element): { x: number; y: number } {
  const rect = element.getBoundingClientRect();
  return { x: rect.left + Math.min(24, rect.width / 2), y: rect.top + Math.min(rect.height, 48) };
}

/** True for the keys that open a context menu: Shift+F10 and the context-menu key. */
export function isContextMenuKey(event: { key: string; shiftKey: boolean }): boolean {
  return event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10');
}
