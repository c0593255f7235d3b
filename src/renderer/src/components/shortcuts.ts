import { canEdit, showScreen, useAppStore } from '../stores/app-store.ts';
import { selectedIds, trashLogos } from '../stores/library-actions.ts';
import { useLibraryStore } from '../stores/library-store.ts';
import { rateLogos } from '../stores/rating-actions.ts';
import { clearSelection } from '../stores/selection-store.ts';
import { openShortcutSheet } from '../stores/shortcut-sheet-store.ts';
import { redo, undo } from '../stores/undo-store.ts';
import { stepThumbSize, toggleDetails, toggleSidebar } from '../stores/view-store.ts';
import { openImportDialog } from './import-picker.ts';
import { type KeyPress, matchesShortcut, type ShortcutId } from './shortcut-registry.ts';

export { SHORTCUTS, type Shortcut, type ShortcutId } from './shortcut-registry.ts';

const SEARCH_INPUT_ID = 'library-search';

/** Typing in a field keeps its own Delete, Cmd+Z, Escape and paste. */
export function isEditing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement &&
    !['checkbox', 'radio', 'button', 'submit', 'color', 'range'].includes(target.type)
  );
}

/** A dialog (Quick Look, the shortcut sheet) owns the keyboard while it is open. */
function dialogOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

/**
 * The window-wide shortcuts of the registry (shortcut-registry.ts): import, search, export, undo,
 * redo, the "?" sheet, thumbnail size, sidebar and details panel, Delete, 0-5 rating, Escape. The
 * grid's own keys (arrows, Space for Quick Look…) live in the grid, Quick Look's in Quick Look.
 */
export function installShortcuts(): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || dialogOpen()) return;
    const is = (id: ShortcutId) => matchesShortcut(id, event as KeyPress);
    const editing = isEditing(event.target);
    const library = useAppStore.getState().screen === 'library';
    if (is('import')) {
      event.preventDefault();
      openImportDialog();
    } else if (is('search')) {
      event.preventDefault();
      showScreen('library');
      requestAnimationFrame(() => {
        const input = document.getElementById(SEARCH_INPUT_ID) as HTMLInputElement | null;
        input?.focus();
        input?.select();
      });
    } else if (is('export') && canEdit()) {
      event.preventDefault();
      showScreen('export');
    } else if (is('undo') && !editing && canEdit()) {
      event.preventDefault();
      void undo();
    } else if (is('redo') && !editing && canEdit()) {
      event.preventDefault();
      void redo();
    } else if (is('help') && !editing) {
      event.preventDefault();
      openShortcutSheet();
    } else if ((is('thumbs.bigger') || is('thumbs.smaller')) && library) {
      // Instead of the browser's page zoom: in the library these keys size the thumbnails.
      event.preventDefault();
      stepThumbSize(is('thumbs.bigger') ? 1 : -1);
    } else if (is('sidebar')) {
      event.preventDefault();
      toggleSidebar();
    } else if (is('details') && library) {
      event.preventDefault();
      toggleDetails();
    } else if (is('grid.trash') && !editing && library && canEdit()) {
      // In the Trash, Delete does nothing: only Empty Trash deletes for good, after a confirmation.
      const ids = selectedIds();
      if (ids.length === 0 || useLibraryStore.getState().filters.trashed) return;
      event.preventDefault();
      void trashLogos(ids);
    } else if (is('grid.rate') && !editing && library && canEdit()) {
      const ids = selectedIds();
      if (ids.length === 0 || useLibraryStore.getState().filters.trashed) return;
      event.preventDefault();
      void rateLogos(ids, Number(event.key));
    } else if (is('grid.clear') && !editing && library) {
      clearSelection();
    }
  };
  window.addEventListener('keydown', onKeyDown);
  return () => window.removeEventListener('keydown', onKeyDown);
}
