/**
 * Every keyboard shortcut of the app, declared once: the handlers match keys through it and the
 * "?" sheet lists it, so the sheet cannot drift from what the keys do. Pure data and functions
 * (no DOM, no stores) so a Node test can check it.
 *
 * A combo is `Modifier+…+Key`. `Mod` is Cmd on a Mac and Ctrl elsewhere (either is accepted, as the
 * app always did); `Ctrl` is Ctrl only. Keys are `KeyboardEvent.key` values, plus `Space`, `Plus`
 * (the +/= key) and `Minus` (the -/_ key).
 */

export const SHORTCUT_GROUPS = ['General', 'View', 'Library grid', 'Quick Look'] as const;
export type ShortcutGroup = (typeof SHORTCUT_GROUPS)[number];

export interface Shortcut {
  readonly id: string;
  /** What the keys do, as the sheet says it. */
  readonly label: string;
  readonly group: ShortcutGroup;
  /** Each accepted combo; the sheet shows them all. */
  readonly keys: readonly string[];
}

export const SHORTCUTS = [
  { id: 'import', label: 'Import logos', group: 'General', keys: ['Mod+O'] },
  { id: 'search', label: 'Search the library', group: 'General', keys: ['Mod+F'] },
  { id: 'export', label: 'Export the selection', group: 'General', keys: ['Mod+E'] },
  { id: 'undo', label: 'Undo', group: 'General', keys: ['Mod+Z'] },
  { id: 'redo', label: 'Redo', group: 'General', keys: ['Mod+Shift+Z', 'Ctrl+Y'] },
  { id: 'help', label: 'Show keyboard shortcuts', group: 'General', keys: ['?'] },
  { id: 'thumbs.bigger', label: 'Bigger thumbnails', group: 'View', keys: ['Mod+Plus'] },
  { id: 'thumbs.smaller', label: 'Smaller thumbnails', group: 'View', keys: ['Mod+Minus'] },
  { id: 'sidebar', label: 'Show or hide the sidebar', group: 'View', keys: ['Mod+B'] },
  { id: 'details', label: 'Show or hide the details panel', group: 'View', keys: ['Mod+I'] },
  {
    id: 'grid.move',
    label: 'Move between logos',
    group: 'Library grid',
    keys: ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'],
  },
  {
    id: 'grid.extend',
    label: 'Extend the selection',
    group: 'Library grid',
    keys: ['Shift+ArrowLeft', 'Shift+ArrowRight'],
  },
  {
    id: 'grid.cursor',
    label: 'Move without changing the selection',
    group: 'Library grid',
    keys: ['Mod+ArrowLeft', 'Mod+ArrowRight'],
  },
  { id: 'grid.toggle', label: 'Add or remove the logo under the cursor', group: 'Library grid', keys: ['Mod+Space'] },
  { id: 'grid.select', label: 'Select the logo under the cursor', group: 'Library grid', keys: ['Enter'] },
  {
    id: 'grid.range',
    label: 'Select up to the logo under the cursor',
    group: 'Library grid',
    keys: ['Shift+Space', 'Shift+Enter'],
  },
  { id: 'grid.ends', label: 'First or last logo', group: 'Library grid', keys: ['Home', 'End'] },
  { id: 'grid.page', label: 'A screen up or down', group: 'Library grid', keys: ['PageUp', 'PageDown'] },
  { id: 'grid.all', label: 'Select all', group: 'Library grid', keys: ['Mod+A'] },
  { id: 'grid.clear', label: 'Clear the selection', group: 'Library grid', keys: ['Escape'] },
  { id: 'grid.rename', label: 'Rename', group: 'Library grid', keys: ['F2'] },
  { id: 'grid.trash', label: 'Move to the Trash', group: 'Library grid', keys: ['Delete', 'Mod+Backspace'] },
  {
    id: 'grid.rate',
    label: 'Rate the selection (0 clears)',
    group: 'Library grid',
    keys: ['0', '1', '2', '3', '4', '5'],
  },
  { id: 'grid.menu', label: 'Open the menu of the logo', group: 'Library grid', keys: ['Shift+F10', 'ContextMenu'] },
  { id: 'grid.quickLook', label: 'Quick Look', group: 'Library grid', keys: ['Space'] },
  { id: 'quickLook.step', label: 'Previous or next logo', group: 'Quick Look', keys: ['ArrowLeft', 'ArrowRight'] },
  { id: 'quickLook.zoomIn', label: 'Zoom in', group: 'Quick Look', keys: ['Plus'] },
  { id: 'quickLook.zoomOut', label: 'Zoom out', group: 'Quick Look', keys: ['Minus'] },
  { id: 'quickLook.fit', label: 'Fit to the window', group: 'Quick Look', keys: ['0'] },
  { id: 'quickLook.close', label: 'Close', group: 'Quick Look', keys: ['Escape', 'Space'] },
] as const satisfies readonly Shortcut[];

export type ShortcutId = (typeof SHORTCUTS)[number]['id'];

/** The parts of a KeyboardEvent a combo is matched against. */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

interface Combo {
  readonly mod: boolean;
  readonly ctrl: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
  readonly key: string;
}

function parse(combo: string): Combo {
  // The last part is the key; "Mod++" never occurs (the key is spelled Plus).
  const parts = combo.split('+');
  const key = parts.pop() ?? '';
  return {
    mod: parts.includes('Mod'),
    ctrl: parts.includes('Ctrl'),
    shift: parts.includes('Shift'),
    alt: parts.includes('Alt'),
    key,
  };
}

/** The `key` values a combo's key stands for (+ and = share a key, so do - and _). */
function keysOf(key: string): readonly string[] {
  switch (key) {
    case 'Space':
      return [' '];
    case 'Plus':
      return ['+', '='];
    case 'Minus':
      return ['-', '_'];
    default:
      return [key];
  }
}

/** True when the key press is exactly this combo (no extra modifier). */
export function comboMatches(combo: string, press: KeyPress): boolean {
  const wanted = parse(combo);
  const mod = press.ctrlKey || press.metaKey;
  if (wanted.mod ? !mod : wanted.ctrl ? !press.ctrlKey || press.metaKey : mod) return false;
  if (wanted.alt !== press.altKey) return false;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  const matchesKey = keysOf(wanted.key).some((k) => (k.length === 1 ? k.toLowerCase() : k) === key);
  if (!matchesKey) return false;
  // A symbol typed with Shift (?, +) carries Shift in its key: only letters and named keys check it.
  const symbol = press.key.length === 1 && !/[a-z0-9 ]/i.test(press.key);
  return symbol || wanted.shift === press.shiftKey;
}

/** True when the key press is one of the shortcut's combos. */
export function matchesShortcut(id: ShortcutId, press: KeyPress): boolean {
  const shortcut = SHORTCUTS.find((s) => s.id === id);
  return shortcut?.keys.some((combo) => comboMatches(combo, press)) ?? false;
}

const NAMES: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc',
  Delete: 'Delete',
  Backspace: 'Backspace',
  ContextMenu: 'Menu key',
  PageUp: 'Page Up',
  PageDown: 'Page Down',
  Plus: '+',
  Minus: '−',
};

/** The keys of a combo as the sheet prints them, e.g. ["⌘", "⇧", "Z"] on a Mac, ["Ctrl", "Shift", "Z"] elsewhere. */
export function comboLabel(combo: string, mac: boolean): string[] {
  const { mod, ctrl, shift, alt, key } = parse(combo);
  const parts: string[] = [];
  if (ctrl) parts.push(mac ? '⌃' : 'Ctrl');
  if (mod) parts.push(mac ? '⌘' : 'Ctrl');
  if (alt) parts.push(mac ? '⌥' : 'Alt');
  if (shift) parts.push(mac ? '⇧' : 'Shift');
  parts.push(NAMES[key] ?? (key.length === 1 ? key.toUpperCase() : key));
  return parts;
}

/** The shortcuts of one group, in the registry's order. */
export function shortcutsIn(group: ShortcutGroup): readonly Shortcut[] {
  return SHORTCUTS.filter((s) => s.group === group);
}
