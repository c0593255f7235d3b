import { dismissToast, useToastStore } from '../stores/toast-store.ts';
import { Icon } from './Icon.tsx';

export function Toasts() {
  const toasts = useToastStore((state) => state.toasts);
  return (
    <section className="toasts" aria-label="Notifications" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast--${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
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
              onClick={() => {
                toast.action?.run();
                dismissToast(toast.id);
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss notification"
            onClick={() => dismissToast(toast.id)}
          >
            <Icon name="close" size={16} />
          </button>
        </div>
      ))}
    </section>
  );
}
