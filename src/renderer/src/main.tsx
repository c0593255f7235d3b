import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { client } from './api/client.ts';
import { showPendingOpenedFiles } from './components/import-picker.ts';
import { useAppStore } from './stores/app-store.ts';
import { wireEvents } from './stores/events.ts';
import { loadJobs } from './stores/jobs-store.ts';
import { refreshLibrary } from './stores/library-store.ts';
import './styles/app.css';
import { logQuietly } from './api/report-error.ts';

function Fatal({ message }: { message: string }) {
  return (
    <main className="fatal">
      <h1>Marque cannot reach its library</h1>
      <p>{message}</p>
      <button type="button" className="button button--primary" onClick={() => location.reload()}>
        Try again
      </button>
    </main>
  );
}

async function start(): Promise<void> {
  const element = document.getElementById('root');
  if (!element) return;
  const root = createRoot(element);
  try {
    const info = await client.call('app.info', {});
    useAppStore.setState({ info });
    document.title = info.mode === 'share' ? 'Marque — shared library' : 'Marque';
    wireEvents();
    void refreshLibrary();
    if (info.canEdit) void loadJobs();
    // Files double-clicked to start the app were imported before this window listened.
    void showPendingOpenedFiles();
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  } catch (error) {
    root.render(<Fatal message={error instanceof Error ? error.message : String(error)} />);
  }
}

// Failures outside React's render (event handlers, promises nobody awaited) go to the log too.
window.addEventListener('error', (event) =>
  logQuietly('an uncaught error in the window', event.error ?? event.message),
);
window.addEventListener('unhandledrejection', (event) =>
  logQuietly('an unhandled promise in the window', event.reason),
);

void start();
