import { closeShortcutSheet, useShortcutSheetStore } from '../stores/shortcut-sheet-store.ts';
import { Dialog } from './Dialog.tsx';
import { Icon } from './Icon.tsx';
import { comboLabel, SHORTCUT_GROUPS, shortcutsIn } from './shortcut-registry.ts';

const MAC = navigator.platform.startsWith('Mac');

function headingId(group: string): string {
  return `shortcuts-${group.toLowerCase().replace(/\s+/g, '-')}`;
}

/** One combo as key caps: Ctrl + Shift + Z. */
function Combo({ combo }: { combo: string }) {
  const keys = comboLabel(combo, MAC);
  return (
    <span className="keys">
      {keys.map((key, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a combo never repeats a key, but its caps are positional.
        <kbd key={i}>{key}</kbd>
      ))}
    </span>
  );
}

/** The "?" sheet: every shortcut of the registry, grouped as the registry groups them. */
export function ShortcutSheet() {
  const open = useShortcutSheetStore((state) => state.open);
  if (!open) return null;
  return (
    <Dialog label="Keyboard shortcuts" onClose={closeShortcutSheet} className="shortcut-sheet">
      <header className="dialog__header">
        <h2 className="dialog__title">Keyboard shortcuts</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={closeShortcutSheet}>
          <Icon name="close" size={16} />
        </button>
      </header>
      <div className="shortcut-sheet__groups">
        {SHORTCUT_GROUPS.map((group) => (
          <section key={group} className="shortcut-sheet__group" aria-labelledby={headingId(group)}>
            <h3 id={headingId(group)}>{group}</h3>
            <dl className="shortcut-sheet__list">
              {shortcutsIn(group).map((shortcut) => (
                <div key={shortcut.id} className="shortcut-sheet__row">
                  <dt>{shortcut.label}</dt>
                  <dd>
                    {shortcut.keys.map((combo, i) => (
                      <span key={combo}>
                        {i > 0 && <span className="shortcut-sheet__or"> or </span>}
                        <Combo combo={combo} />
                      </span>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
