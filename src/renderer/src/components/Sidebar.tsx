import { useShallow } from 'zustand/react/shallow';
import { type Screen, showScreen, useAppStore } from '../stores/app-store.ts';
import { isActive, useJobsStore } from '../stores/jobs-store.ts';
import { setFilters, useLibraryStore } from '../stores/library-store.ts';
import { clearSelection } from '../stores/selection-store.ts';
import { useViewStore } from '../stores/view-store.ts';
import { CollectionsNav } from './CollectionsNav.tsx';
import { Icon, type IconName } from './Icon.tsx';
import { SidebarToggle } from './SidebarToggle.tsx';
import { SmartCollectionsNav } from './SmartCollectionsNav.tsx';

interface NavItem {
  readonly screen: Screen;
  readonly label: string;
  readonly icon: IconName;
  readonly trash?: boolean;
  /** Shown to teammates through the share too. */
  readonly viewer: boolean;
}

const ITEMS: readonly NavItem[] = [
  { screen: 'library', label: 'Library', icon: 'library', viewer: true },
  { screen: 'library', label: 'Trash', icon: 'trash', trash: true, viewer: false },
  { screen: 'queue', label: 'Queue', icon: 'queue', viewer: false },
  { screen: 'export', label: 'Export', icon: 'export', viewer: false },
  { screen: 'settings', label: 'Share & Settings', icon: 'settings', viewer: false },
];

/** A quiet count after a nav label (hidden when zero or unknown). */
function SidebarCount({ value }: { value: number | null }) {
  if (!value) return null;
  return (
    <span className="sidebar__count" aria-hidden="true">
      {value.toLocaleString()}
    </span>
  );
}

export function Sidebar() {
  const { screen, canEdit, mode } = useAppStore(
    useShallow((state) => ({ screen: state.screen, canEdit: state.info?.canEdit === true, mode: state.info?.mode })),
  );
  const trashed = useLibraryStore((state) => state.filters.trashed);
  // A collection open in the grid is current in the Collections list, not "Library".
  const inCollection = useLibraryStore((state) => state.filters.collection !== null);
  const counts = useLibraryStore(useShallow((state) => ({ library: state.libraryTotal, trash: state.trashTotal })));
  const activeJobs = useJobsStore((state) => [...state.jobs.values()].filter(isActive).length);
  const collapsed = useViewStore((state) => state.sidebarCollapsed);
  const items = ITEMS.filter((item) => canEdit || item.viewer);

  return (
    <nav className={`sidebar${collapsed ? ' sidebar--collapsed' : ''}`} aria-label="Main">
      <div className="sidebar__brand">
        <span className="sidebar__mark" aria-hidden="true">
          M
        </span>
        <span className="sidebar__name">Marque</span>
        <SidebarToggle />
      </div>
      <ul className="sidebar__list">
        {items.map((item) => {
          const current =
            item.screen === screen &&
            (item.screen !== 'library' || (Boolean(item.trash) === trashed && (trashed || !inCollection)));
          return (
            <li key={item.label}>
              <button
                type="button"
                className={`sidebar__item${item.trash ? ' sidebar__item--sub' : ''}`}
                aria-current={current ? 'page' : undefined}
                title={collapsed ? item.label : undefined}
                onClick={() => {
                  showScreen(item.screen);
                  if (item.screen === 'library' && (Boolean(item.trash) !== trashed || inCollection)) {
                    clearSelection();
                    setFilters({ trashed: Boolean(item.trash), collection: null });
                  }
                }}
              >
                <Icon name={item.icon} />
                <span>{item.label}</span>
                <SidebarCount
                  value={
                    item.screen === 'library'
                      ? item.trash
                        ? counts.trash
                        : counts.library
                      : item.screen === 'queue'
                        ? activeJobs
                        : null
                  }
                />
              </button>
            </li>
          );
        })}
      </ul>
      {/* Folded to icons, the sidebar has no room for names: collections come back when it unfolds. */}
      {!collapsed && (
        <div className="sidebar__scroll">
          <CollectionsNav />
          <SmartCollectionsNav />
        </div>
      )}
      {/* data-app-mode appears once app.info is in: what this client may do is known from then on. */}
      <div className="sidebar__footer" data-app-mode={mode ?? undefined}>
        {mode === 'share' && <span className="badge">Viewing a shared library</span>}
        {mode === 'browser' && <span className="badge">Browser mode</span>}
      </div>
    </nav>
  );
}
