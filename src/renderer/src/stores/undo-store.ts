import { showToast } from './toast-store.ts';

/** An action the designer can take back with Cmd/Ctrl+Z or the toast's Undo button. */
export interface UndoEntry {
  readonly label: string;
  readonly undo: () => Promise<void>;
}

const stack: UndoEntry[] = [];

export function pushUndo(entry: UndoEntry): void {
  stack.push(entry);
  if (stack.length > 50) stack.shift();
}

/** Undoes the given entry, or the latest when none is given. */
export async function undo(entry?: UndoEntry): Promise<void> {
  const index = entry ? stack.lastIndexOf(entry) : stack.length - 1;
  if (index < 0) return;
  const [taken] = stack.splice(index, 1);
  if (!taken) return;
  try {
    await taken.undo();
    showToast({ tone: 'info', message: `Undone: ${taken.label}` });
  } catch (error) {
    showToast({
      tone: 'error',
      message: `Could not undo ${taken.label}: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}
