import { type ReactNode, useEffect, useLayoutEffect, useRef } from 'react';

interface DialogProps {
  /** The dialog's accessible name. */
  readonly label: string;
  readonly onClose: () => void;
  readonly className?: string;
  /**
   * Where the focus goes when the dialog closes; by default the element that had it when the
   * dialog opened (if it is still on the page).
   */
  readonly returnFocus?: () => HTMLElement | null;
  readonly onKeyDown?: (event: React.KeyboardEvent<HTMLDialogElement>) => void;
  readonly children: ReactNode;
}

/**
 * A modal dialog on the native <dialog>: the browser traps the focus, makes the page behind it
 * inert and closes it on Escape; this puts the focus back where the designer was afterwards.
 */
export function Dialog({ label, onClose, className, returnFocus, onKeyDown, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  const returnRef = useRef(returnFocus);
  returnRef.current = returnFocus;

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      const target = returnRef.current?.() ?? (opener?.isConnected ? opener : null);
      // After React removed the dialog: the element to return to may have re-rendered meanwhile.
      requestAnimationFrame(() => target?.focus({ preventScroll: true }));
    };
  }, []);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Escape: the browser fires cancel; the owner decides (it unmounts the dialog).
    const onCancel = (event: Event) => {
      event.preventDefault();
      closeRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => dialog.removeEventListener('cancel', onCancel);
  }, []);

  return (
    <dialog ref={ref} className={`dialog${className ? ` ${className}` : ''}`} aria-label={label} onKeyDown={onKeyDown}>
      {children}
    </dialog>
  );
}
