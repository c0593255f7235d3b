import { BackgroundSwitch } from '../../components/BackgroundSwitch.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Popover } from '../../components/Popover.tsx';
import { setThumbBackground, toggleDetails, toggleSidebar, useViewStore } from '../../stores/view-store.ts';

/** View options used now and then: what thumbnails sit on, which panels show. */
export function ViewMenu() {
  const background = useViewStore((state) => state.thumbBackground);
  const sidebar = useViewStore((state) => !state.sidebarCollapsed);
  const details = useViewStore((state) => !state.detailsCollapsed);
  return (
    <Popover
      label="View"
      buttonLabel="View"
      alignEnd
      button={<Icon name="view" size={16} />}
      buttonClassName="icon-button toolbar__view"
    >
      <div className="popover__field">
        <span className="popover__label" aria-hidden="true">
          Thumbnail background
        </span>
        <BackgroundSwitch label="Thumbnail background" value={background} onChange={setThumbBackground} />
      </div>
      <label className="check">
        <input type="checkbox" checked={sidebar} onChange={toggleSidebar} aria-keyshortcuts="Control+B Meta+B" />
        Show the sidebar
      </label>
      <label className="check">
        <input type="checkbox" checked={details} onChange={toggleDetails} aria-keyshortcuts="Control+I Meta+I" />
        Show the details panel
      </label>
    </Popover>
  );
}
