import { toggleSidebar, useViewStore } from '../stores/view-store.ts';
import { Icon } from './Icon.tsx';

/** Folds the sidebar to its icons (Cmd/Ctrl+B), for more grid on a small screen; remembered. */
export function SidebarToggle() {
  const collapsed = useViewStore((state) => state.sidebarCollapsed);
  return (
    <button
      type="button"
      className="icon-button sidebar__toggle"
      aria-label={collapsed ? 'Expand sidebar' : 'Collapse sidebar'}
      title={collapsed ? 'Expand sidebar (Ctrl/Cmd+B)' : 'Collapse sidebar (Ctrl/Cmd+B)'}
      aria-keyshortcuts="Control+B Meta+B"
      onClick={toggleSidebar}
    >
      <Icon name="sidebar" size={16} />
    </button>
  );
}
