import { Component, type ErrorInfo, type ReactNode } from 'react';
import { client } from '../api/client.ts';
import { useAppStore } from '../stores/app-store.ts';

interface Props {
  /** The screen's name as the sidebar shows it ("Library", "Queue"…). */
  readonly screen: string;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
  readonly componentStack: string;
  readonly copied: 'idle' | 'done' | 'failed';
}

/** What a bug report needs, as plain text: the screen, the error, where it happened, the app. */
export function errorDetails(screen: string, error: Error, componentStack: string): string {
  const info = useAppStore.getState().info;
  return [
    `Marque ${info?.version ?? '?'} (${info?.mode ?? '?'}, ${info?.platform ?? '?'}), ${new Date().toISOString()}`,
    `Screen: ${screen}`,
    `${error.name}: ${error.message}`,
    '',
    error.stack ?? '(no stack)',
    '',
    `Components:${componentStack}`,
    '',
    `Browser: ${navigator.userAgent}`,
  ].join('\n');
}

/**
 * One screen's failure stays in that screen: the sidebar and the other screens keep working, the
 * designer sees what failed with a "Copy details" button for a bug report, and the error goes to
 * the app's log (app.logError) beside everything else that happened.
 */
export class ScreenBoundary extends Component<Props, State> {
  override state: State = { error: null, componentStack: '', copied: 'idle' };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)), copied: 'idle' };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    const componentStack = info.componentStack ?? '';
    this.setState({ componentStack });
    const failure = error instanceof Error ? error : new Error(String(error));
    // Teammates on the share cannot write to the log; the screen still shows the details to copy.
    if (useAppStore.getState().info?.canEdit)
      client
        .call('app.logError', {
          where: `${this.props.screen} screen`,
          message: failure.message.slice(0, 2000),
          stack: failure.stack?.slice(0, 20_000),
          componentStack: componentStack.slice(0, 20_000),
        })
        .catch((logError: unknown) => console.error('Marque: the error could not be logged', logError));
  }

  #copy = () => {
    const { error, componentStack } = this.state;
    if (!error) return;
    navigator.clipboard
      .writeText(errorDetails(this.props.screen, error, componentStack))
      .then(() => this.setState({ copied: 'done' }))
      .catch(() => this.setState({ copied: 'failed' }));
  };

  override render(): ReactNode {
    const { error, copied } = this.state;
    if (!error) return this.props.children;
    const headingId = `screen-error-${this.props.screen.toLowerCase()}`;
    return (
      <section className="screen-error" role="alert" aria-labelledby={headingId}>
        <h1 id={headingId}>The {this.props.screen} screen stopped working</h1>
        <p>
          Something went wrong while showing it. Your library is safe: nothing was changed. The other screens still
          work.
        </p>
        <pre className="screen-error__message">
          {error.name}: {error.message}
        </pre>
        <div className="screen-error__actions">
          <button type="button" className="button button--primary" onClick={this.#copy}>
            Copy details
          </button>
          <button
            type="button"
            className="button"
            onClick={() => this.setState({ error: null, componentStack: '', copied: 'idle' })}
          >
            Try again
          </button>
        </div>
        <p className="muted" aria-live="polite">
          {copied === 'done'
            ? 'Details copied: paste them into your bug report.'
            : copied === 'failed'
              ? 'The clipboard is not available here; select the message above instead.'
              : window.marque
                ? 'The details are also in the log (Help › Show Logs).'
                : 'The details are also in the log (marque logs).'}
        </p>
      </section>
    );
  }
}
