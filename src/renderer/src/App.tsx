import { useEffect } from 'react';
import { ContextMenuHost } from './components/ContextMenu.tsx';
import { DropOverlay } from './components/DropOverlay.tsx';
import { ACCEPT, importFileList, registerPicker } from './components/import-picker.ts';
import { installPasteImport } from './components/paste-import.ts';
import { ScreenBoundary } from './components/ScreenBoundary.tsx';
import { ShortcutSheet } from './components/ShortcutSheet.tsx';
import { Sidebar } from './components/Sidebar.tsx';
import { StatusBar } from './components/StatusBar.tsx';
import { useFocusAfterScreenChange } from './components/screen-focus.ts';
import { installShortcuts } from './components/shortcuts.ts';
import { Toasts } from './components/Toasts.tsx';
import { ExportScreen } from './screens/Export/ExportScreen.tsx';
import { FaviconStudio } from './screens/FaviconStudio/FaviconStudio.tsx';
import { LibraryScreen } from './screens/Library/LibraryScreen.tsx';
import { ProofDialog } from './screens/Proof/ProofDialog.tsx';
import { QueueScreen } from './screens/Queue/QueueScreen.tsx';
import { SettingsScreen } from './screens/Settings/SettingsScreen.tsx';
import { type Screen, useAppStore } from './stores/app-store.ts';
import { useViewStore } from './stores/view-store.ts';

const SCREEN_NAMES = { library: 'Library', queue: 'Queue', export: 'Export', settings: 'Settings' } as const;

/** The current screen inside its own error boundary (a new boundary per screen: leaving one resets it). */
function CurrentScreen() {
  const screen = useAppStore((state) => state.screen);
  const canEdit = useAppStore((state) => state.info?.canEdit === true);
  const shown = canEdit ? screen : 'library';
  useFocusAfterScreenChange(shown);
  return (
    <ScreenBoundary key={shown} screen={SCREEN_NAMES[shown]}>
      <ScreenContent screen={shown} />
    </ScreenBoundary>
  );
}

function ScreenContent({ screen }: { screen: Screen }) {
  switch (screen) {
    case 'library':
      return <LibraryScreen />;
    case 'queue':
      return <QueueScreen />;
    case 'export':
      return <ExportScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

export function App() {
  const canEdit = useAppStore((state) => state.info?.canEdit === true);
  const sidebarCollapsed = useViewStore((state) => state.sidebarCollapsed);
  useEffect(() => installShortcuts(), []);
  useEffect(() => installPasteImport(), []);
  return (
    <div className={`app${sidebarCollapsed ? ' app--sidebar-collapsed' : ''}`}>
      <Sidebar />
      <main className="screen">
        <CurrentScreen />
      </main>
      <StatusBar />
      <Toasts />
      <ContextMenuHost />
      {canEdit && <FaviconStudio />}
      <ProofDialog />
      <ShortcutSheet />
      <DropOverlay />
      {canEdit && (
        <input
          ref={registerPicker}
          type="file"
          multiple
          accept={ACCEPT}
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="import-input"
          onChange={(event) => {
            const input = event.currentTarget;
            void importFileList(input.files).finally(() => {
              input.value = '';
            });
          }}
        />
      )}
    </div>
  );
}
