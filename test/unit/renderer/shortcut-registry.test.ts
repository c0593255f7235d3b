import { describe, expect, it } from 'vitest';
import {
  comboLabel,
  comboMatches,
  type KeyPress,
  matchesShortcut,
  SHORTCUT_GROUPS,
  SHORTCUTS,
  shortcutsIn,
} from '../../../src/renderer/src/components/shortcut-registry.ts';

const press = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('the shortcut registry', () => {
  it('gives every shortcut a unique id, a group the sheet shows and at least one combo', () => {
    const ids = SHORTCUTS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(SHORTCUT_GROUPS.flatMap((group) => shortcutsIn(group)).length).toBe(SHORTCUTS.length);
    for (const shortcut of SHORTCUTS) expect(shortcut.keys.length).toBeGreaterThan(0);
  });

  it('matches Cmd or Ctrl for Mod, and refuses extra modifiers', () => {
    expect(matchesShortcut('undo', press('z', { ctrlKey: true }))).toBe(true);
    expect(matchesShortcut('undo', press('z', { metaKey: true }))).toBe(true);
    expect(matchesShortcut('undo', press('z'))).toBe(false);
    expect(matchesShortcut('undo', press('Z', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(matchesShortcut('undo', press('z', { ctrlKey: true, altKey: true }))).toBe(false);
  });

  it('binds redo to Mod+Shift+Z and to Ctrl+Y (not Cmd+Y)', () => {
    expect(matchesShortcut('redo', press('Z', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(matchesShortcut('redo', press('z', { metaKey: true, shiftKey: true }))).toBe(true);
    expect(matchesShortcut('redo', press('y', { ctrlKey: true }))).toBe(true);
    expect(matchesShortcut('redo', press('y', { metaKey: true }))).toBe(false);
  });

  it('reads symbols typed with Shift as their key: ? and Ctrl with + or =', () => {
    expect(matchesShortcut('help', press('?', { shiftKey: true }))).toBe(true);
    expect(matchesShortcut('help', press('?', { ctrlKey: true }))).toBe(false);
    expect(matchesShortcut('thumbs.bigger', press('=', { ctrlKey: true }))).toBe(true);
    expect(matchesShortcut('thumbs.bigger', press('+', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(matchesShortcut('thumbs.smaller', press('-', { metaKey: true }))).toBe(true);
  });

  it('tells Space (Quick Look) from Mod+Space (toggle) and Shift+Space (range)', () => {
    expect(matchesShortcut('grid.quickLook', press(' '))).toBe(true);
    expect(matchesShortcut('grid.quickLook', press(' ', { ctrlKey: true }))).toBe(false);
    expect(matchesShortcut('grid.toggle', press(' ', { ctrlKey: true }))).toBe(true);
    expect(matchesShortcut('grid.range', press(' ', { shiftKey: true }))).toBe(true);
    expect(matchesShortcut('grid.quickLook', press(' ', { shiftKey: true }))).toBe(false);
  });

  it('prints combos the way each platform names its keys', () => {
    expect(comboLabel('Mod+Shift+Z', false)).toEqual(['Ctrl', 'Shift', 'Z']);
    expect(comboLabel('Mod+Shift+Z', true)).toEqual(['⌘', '⇧', 'Z']);
    expect(comboLabel('Ctrl+Y', true)).toEqual(['⌃', 'Y']);
    expect(comboLabel('ArrowLeft', false)).toEqual(['←']);
    expect(comboMatches('Shift+F10', press('F10', { shiftKey: true }))).toBe(true);
  });
});
