import { memo } from 'react';
import { mediaPath } from '../../../../shared/client.ts';
import type { Logo } from '../../../../shared/domain.ts';
import { dimensions, formatLabel } from '../../components/format.ts';
import { Icon } from '../../components/Icon.tsx';
import { TileRating } from '../../components/RatingStars.tsx';
import { endLogoDrag } from '../../stores/logo-drag.ts';

interface TileProps {
  readonly index: number;
  /** Logos in the whole list: screen readers hear "3 of 10,000" though few tiles exist in the DOM. */
  readonly total: number;
  readonly logo: Logo | undefined;
  readonly selected: boolean;
  readonly cursor: boolean;
  readonly width: number;
  readonly onPick: (index: number, event: React.MouseEvent) => void;
  /** Right-click: the tile's context menu. */
  readonly onMenu: (index: number, event: React.MouseEvent) => void;
  /** Drag out to other apps (files in the desktop app, downloads in a browser); null: not draggable. */
  readonly onDragOut: ((index: number, event: React.DragEvent) => void) | null;
}

/** One logo in the grid: the thumbnail on a checkerboard, its name and format. */
export const LogoTile = memo(function LogoTile({
  index,
  total,
  logo,
  selected,
  cursor,
  width,
  onPick,
  onMenu,
  onDragOut,
}: TileProps) {
  if (!logo) {
    return (
      <div
        className="tile tile--loading"
        style={{ width }}
        role="option"
        tabIndex={-1}
        aria-posinset={index + 1}
        aria-setsize={total}
        aria-selected={false}
        aria-label="Loading"
        id={`logo-tile-${index}`}
      />
    );
  }
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox handles the keyboard (arrows, Space) for its options.
    <div
      className={`tile${selected ? ' tile--selected' : ''}${cursor ? ' tile--cursor' : ''}`}
      style={{ width }}
      role="option"
      tabIndex={-1}
      aria-posinset={index + 1}
      aria-setsize={total}
      id={`logo-tile-${index}`}
      aria-selected={selected}
      data-logo-name={logo.name}
      // The full name on hover: long names are cut with an ellipsis.
      title={logo.name}
      onClick={(event) => onPick(index, event)}
      onContextMenu={(event) => onMenu(index, event)}
      draggable={onDragOut !== null}
      onDragStart={onDragOut ? (event) => onDragOut(index, event) : undefined}
      onDragEnd={onDragOut ? endLogoDrag : undefined}
    >
      <div className="tile__art checkerboard" style={{ height: width }}>
        <img src={mediaPath('thumb', logo.id)} alt={logo.name} decoding="async" draggable={false} />
        {logo.favorite && (
          <span className="tile__favorite" title="Favourite">
            <Icon name="star" size={14} filled />
          </span>
        )}
        <TileRating logo={logo} />
      </div>
      <div className="tile__label" aria-hidden="true">
        <span className="tile__name">{logo.name}</span>
        <span className="tile__meta">
          {formatLabel(logo)} · {logo.isVector ? 'Vector' : dimensions(logo)}
        </span>
      </div>
    </div>
  );
});
