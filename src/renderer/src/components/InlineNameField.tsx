import { useRef, useState } from 'react';

interface InlineNameFieldProps {
  /** The field's accessible name ("Rename collection Clients", "New collection name"). */
  readonly label: string;
  readonly initial: string;
  /** Called with the trimmed name on Enter or blur (not when empty or unchanged). */
  readonly onCommit: (name: string) => void;
  /** Called after a commit, on Escape and on an empty or unchanged name: the field goes away. */
  readonly onDone: () => void;
  readonly placeholder?: string;
}

/** An in-place name field (rename with F2, a new item's name): Enter or blur saves, Escape cancels. */
export function InlineNameField({ label, initial, onCommit, onDone, placeholder }: InlineNameFieldProps) {
  const [value, setValue] = useState(initial);
  // Enter then the blur of the field going away must commit once.
  const settled = useRef(false);
  const finish = (save: boolean) => {
    if (settled.current) return;
    settled.current = true;
    const name = value.trim();
    if (save && name && name !== initial) onCommit(name);
    onDone();
  };
  return (
    <input
      className="input inline-name"
      aria-label={label}
      value={value}
      placeholder={placeholder}
      maxLength={200}
      // biome-ignore lint/a11y/noAutofocus: the field appears because the user asked for it (F2, New).
      autoFocus
      onFocus={(event) => event.currentTarget.select()}
      onChange={(event) => setValue(event.target.value)}
      onBlur={() => finish(true)}
      onKeyDown={(event) => {
        // Keys typed here must not reach the grid or the window's shortcuts (Delete, 0-5, Escape).
        event.stopPropagation();
        if (event.key === 'Enter') finish(true);
        if (event.key === 'Escape') finish(false);
      }}
    />
  );
}
