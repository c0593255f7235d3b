/**
 * Logos being dragged from the grid, so a collection in the sidebar can take them. Kept here
 * rather than only in the DataTransfer: the desktop app starts an OS file drag, whose data the
 * page cannot read back, and a drop target cannot read data during dragover anyway.
 */
export const LOGO_DRAG_TYPE = 'application/x-marque-logos';

let dragged: readonly string[] | null = null;

export function startLogoDrag(ids: readonly string[], transfer: DataTransfer | null): void {
  dragged = [...ids];
  transfer?.setData(LOGO_DRAG_TYPE, JSON.stringify(ids));
}

/** The ids of the logos on their way, or null when no logo drag is going on. */
export function draggedLogos(): readonly string[] | null {
  return dragged;
}

export function endLogoDrag(): void {
  dragged = null;
}
