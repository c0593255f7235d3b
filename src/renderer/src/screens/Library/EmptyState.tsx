import { Icon } from '../../components/Icon.tsx';
import { openImportDialog } from '../../components/import-picker.ts';
import { resetFilters } from '../../stores/library-store.ts';

const MOD = navigator.platform.startsWith('Mac') ? '⌘' : 'Ctrl+';

/** What an empty view says: how to start (drag-and-drop), that nothing matches, or that the Trash is empty. */
export function EmptyState({ reason, canEdit }: { reason: 'library' | 'filtered' | 'trash'; canEdit: boolean }) {
  if (reason === 'filtered') {
    return (
      <div className="empty">
        <Icon name="search" size={40} />
        <h2>No logos match</h2>
        <p>Try other words, or clear the filters.</p>
        <button type="button" className="button" onClick={resetFilters}>
          Clear filters
        </button>
      </div>
    );
  }
  if (reason === 'trash') {
    return (
      <div className="empty">
        <Icon name="trash" size={40} />
        <h2>The Trash is empty</h2>
        <p>Logos you delete wait here until you empty the Trash.</p>
      </div>
    );
  }
  if (!canEdit) {
    return (
      <div className="empty">
        <Icon name="library" size={40} />
        <h2>No logos shared yet</h2>
        <p>The library you are viewing is empty.</p>
      </div>
    );
  }
  return (
    <div className="empty empty--drop" data-testid="empty-library">
      <div className="empty__drop-target">
        <Icon name="upload" size={44} />
        <h2>Drop logos here to start your library</h2>
        <p>Drag files or whole folders from your desktop onto this window.</p>
        <p className="muted">PNG, JPEG, WebP, GIF, TIFF, AVIF, SVG and PDF</p>
        <button type="button" className="button button--primary" onClick={openImportDialog}>
          <Icon name="plus" size={16} />
          Choose files…
        </button>
        <p className="muted empty__shortcut">or press {MOD}O</p>
      </div>
    </div>
  );
}
