import { dismissToast, showToast } from './toast-store.ts';

/** An action the designer can take back (Cmd/Ctrl+Z or the toast's Undo) and do again (redo). */
export interface UndoEntry {
  readonly label: string;
  readonly undo: () => Promise<void>;
  /** Does the action again after an undo; without it, the undone action cannot be redone. */
  readonly redo?: () => Promise<void>;
}

const LIMIT = 50;
const undoStack: UndoEntry[] = [];
const redoStack: UndoEntry[] = [];
/** The toast that offers Undo for an entry: once the entry is undone, its button must go. */
const toastOf = new Map<UndoEntry, number>();

/** Records a new action; a new action also forgets what could be redone, as every editor does. */
export function pushUndo(entry: UndoEntry): void {
  undoStack.push(entry);
  if (undoStack.length > LIMIT) forget(undoStack.shift());
  redoStack.length = 0;
}

function forget(entry: UndoEntry | undefined): void {
  if (entry) toastOf.delete(entry);
}

/** Ties a toast's Undo button to the entry, so using Cmd/Ctrl+Z instead retires the button too. */
export function linkUndoToast(entry: UndoEntry, toastId: number): void {
  toastOf.set(entry, toastId);
}

/** Undoes the given entry, or the latest when none is given. */
export async function undo(entry?: UndoEntry): Promise<void> {
  const index = entry ? undoStack.lastIndexOf(entry) : undoStack.length - 1;
  if (index < 0) return;
  const [taken] = undoStack.splice(index, 1);
  if (!taken) return;
  const toastId = toastOf.get(taken);
  if (toastId !== undefined) dismissToast(toastId);
  toastOf.delete(taken);
  try {
    await taken.undo();
    if (taken.redo) redoStack.push(taken);
    showToast({ tone: 'info', message: `Undone: ${taken.label}` });
  } catch (error) {
    showToast({
      tone: 'error',
      message: `Could not undo ${taken.label}: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

/** Does the last undone action again (Cmd/Ctrl+Shift+Z, Ctrl+Y); it can then be undone again. */
export async function redo(): Promise<void> {
  const taken = redoStack.pop();
  if (!taken?.redo) return;
  try {
    await taken.redo();
    undoStack.push(taken);
    showToast({ tone: 'info', message: `Redone: ${taken.label}` });
  } catch (error) {
    showToast({
      tone: 'error',
      message: `Could not redo ${taken.label}: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}
