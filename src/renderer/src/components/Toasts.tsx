import { dismissAllToasts, dismissToast, type Toast, useToastStore, VISIBLE_TOASTS } from '../stores/toast-store.ts';
import { returnFocus } from './focus-return.ts';
import { Icon } from './Icon.tsx';

/** Closes a toast; if the focus was on it (its Undo, its close button), it goes back to the work. */
function closeToast(id: number, element: HTMLElement): void {
  const hadFocus = element.closest('.toast')?.contains(document.activeElement) === true;
  dismissToast(id);
  if (hadFocus) requestAnimationFrame(() => returnFocus());
}

function ToastCard({ toast }: { toast: Toast }) {
  const failed = toast.tone === 'error';
  return (
    <div className={`toast toast--${toast.tone}`} role={failed ? 'alert' : 'status'}>
      {failed && (
        <span className="toast__icon">
          <Icon name="alert" size={18} />
        </span>
      )}
      <div className="toast__body">
        <p className="toast__message">{toast.message}</p>
        {toast.details && toast.details.length > 0 && (
          <ul className="toast__details">
            {toast.details.slice(0, 6).map((line) => (
              <li key={line}>{line}</li>
            ))}
            {toast.details.length > 6 && <li>and {toast.details.length - 6} more</li>}
          </ul>
        )}
      </div>
      {toast.action && (
        <button
          type="button"
          className="button button--ghost toast__action"
          onClick={(event) => {
            toast.action?.run();
            closeToast(toast.id, event.currentTarget);
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss notification"
        onClick={(event) => closeToast(toast.id, event.currentTarget)}
      >
        <Icon name="close" size={16} />
      </button>
    </div>
  );
}

/**
 * The newest toasts, never more than three over the grid: older ones fold into one "+N more"
 * line, and come back as newer ones are dismissed.
 */
export function Toasts() {
  const toasts = useToastStore((state) => state.toasts);
  const folded = toasts.length > VISIBLE_TOASTS ? toasts.length - (VISIBLE_TOASTS - 1) : 0;
  const shown = folded > 0 ? toasts.slice(folded) : toasts;
  return (
    <section className="toasts" aria-label="Notifications" aria-live="polite">
      {folded > 0 && (
        <div className="toast toast--more" data-testid="toasts-more">
          <p className="toast__body toast__message">+{folded} more</p>
          <button type="button" className="button button--ghost toast__action" onClick={dismissAllToasts}>
            Dismiss all
          </button>
        </div>
      )}
      {shown.map((toast) => (
        <ToastCard key={toast.id} toast={toast} />
      ))}
    </section>
  );
}
