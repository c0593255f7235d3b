import { type ReactNode, useEffect, useId, useRef, useState } from 'react';

interface PopoverProps {
  /** The panel's accessible name (and the button's text when `button` is not given). */
  readonly label: string;
  /** What the button shows (defaults to the label). */
  readonly button?: ReactNode;
  /** The button's accessible name and tooltip, for a button that shows only an icon. */
  readonly buttonLabel?: string;
  readonly buttonClassName?: string;
  /** The panel opens from the button's right edge (for buttons at the end of a row). */
  readonly alignEnd?: boolean;
  readonly children: ReactNode;
}

/**
 * A button that shows a small panel of controls under it (the disclosure pattern, not a modal):
 * Escape or a click elsewhere closes it, and Escape puts the focus back on the button.
 */
export function Popover({
  label,
  button,
  buttonLabel,
  buttonClassName = 'button',
  alignEnd = false,
  children,
}: PopoverProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    // Escape inside closes it and returns the focus to the button (and goes no further).
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !rootRef.current?.contains(event.target as Node)) return;
      event.stopPropagation();
      event.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer, true);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  return (
    <div ref={rootRef} className="popover">
      <button
        ref={buttonRef}
        type="button"
        className={buttonClassName}
        aria-expanded={open}
        aria-label={buttonLabel}
        title={buttonLabel}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((was) => !was)}
      >
        {button ?? label}
      </button>
      {open && (
        <fieldset id={panelId} className={`popover__panel${alignEnd ? ' popover__panel--end' : ''}`} aria-label={label}>
          {children}
        </fieldset>
      )}
    </div>
  );
}
