import { canEdit, showScreen, useAppStore } from '../stores/app-store.ts';
import { selectedIds, trashLogos } from '../stores/library-actions.ts';
import { useLibraryStore } from '../stores/library-store.ts';
import { clearSelection } from '../stores/selection-store.ts';
import { undo } from '../stores/undo-store.ts';
import { openImportDialog } from './import-picker.ts';

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

/**
 * The app's shortcuts: Cmd/Ctrl+O import, Cmd/Ctrl+F search, Delete trashes the selection,
 * Cmd/Ctrl+Z undo, Cmd/Ctrl+E export, Escape clears the selection. Arrows live in the grid.
 */
export function installShortcuts(): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    const mod = event.metaKey || event.ctrlKey;
    const key = event.key.toLowerCase();
    const editing = isEditing(event.target);
    const library = useAppStore.getState().screen === 'library';
    if (mod && key === 'o' && !event.shiftKey) {
      event.preventDefault();
      openImportDialog();
    } else if (mod && key === 'f') {
      event.preventDefault();
      showScreen('library');
      requestAnimationFrame(() => {
        const input = document.getElementById(SEARCH_INPUT_ID) as HTMLInputElement | null;
        input?.focus();
        input?.select();
      });
    } else if (mod && key === 'e' && canEdit()) {
      event.preventDefault();
      showScreen('export');
    } else if (mod && key === 'z' && !event.shiftKey && !editing && canEdit()) {
      event.preventDefault();
      void undo();
    } else if ((event.key === 'Delete' || (event.key === 'Backspace' && mod)) && !editing && library && canEdit()) {
      // In the Trash, Delete does nothing: only Empty Trash deletes for good, after a confirmation.
      const ids = selectedIds();
      if (ids.length === 0 || useLibraryStore.getState().filters.trashed) return;
      event.preventDefault();
      void trashLogos(ids);
    } else if (event.key === 'Escape' && !editing && library) {
      clearSelection();
    }
  };
  window.addEventListener('keydown', onKeyDown);
  return () => window.removeEventListener('keydown', onKeyDown);
}
