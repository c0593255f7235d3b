import type { Logo } from '../../../shared/domain.ts';
import { useAppStore } from '../stores/app-store.ts';
import { rateLogos } from '../stores/rating-actions.ts';
import { Icon } from './Icon.tsx';

const STARS = [1, 2, 3, 4, 5] as const;

/**
 * The details panel's rating: five buttons, the chosen one pressed; choosing it again clears.
 * Keys 0-5 do the same for every selected logo.
 */
export function RatingStars({ logo, canEdit }: { logo: Logo; canEdit: boolean }) {
  if (!canEdit) {
    return <span className="stars">{logo.rating > 0 ? `${logo.rating} of 5 stars` : 'Not rated'}</span>;
  }
  return (
    <fieldset className="stars" aria-label="Rating" aria-keyshortcuts="0 1 2 3 4 5">
      {STARS.map((n) => (
        <button
          key={n}
          type="button"
          className={`stars__star${n <= logo.rating ? ' stars__star--on' : ''}`}
          aria-label={`${n} ${n === 1 ? 'star' : 'stars'}`}
          aria-pressed={logo.rating === n}
          onClick={() => void rateLogos([logo.id], logo.rating === n ? 0 : n)}
        >
          <Icon name="star" size={18} filled={n <= logo.rating} />
        </button>
      ))}
    </fieldset>
  );
}

/**
 * The stars on a tile: shown on hover (always once rated). Pointer only and hidden from assistive
 * technology: a tile is an option of a listbox, which may not hold buttons; keys 0-5 rate.
 */
export function TileRating({ logo }: { logo: Logo }) {
  const canEdit = useAppStore((state) => state.info?.canEdit === true);
  if (!canEdit && logo.rating === 0) return null;
  // Two nodes, not five icons: a 100,000-logo grid keeps its DOM small and scrolls at full rate.
  // The star under the pointer is read from where the click landed.
  return (
    <span
      className={`tile__rating${logo.rating > 0 ? ' tile__rating--rated' : ''}`}
      aria-hidden="true"
      data-rating={logo.rating}
      onClick={
        canEdit
          ? (event) => {
              // Rating a tile must not change the selection under it.
              event.stopPropagation();
              const box = event.currentTarget.getBoundingClientRect();
              const n = Math.min(5, Math.max(1, Math.ceil(((event.clientX - box.left) / box.width) * 5)));
              void rateLogos([logo.id], logo.rating === n ? 0 : n);
            }
          : undefined
      }
    >
      <span className="tile__rating-stars" style={{ '--rating': logo.rating } as React.CSSProperties}>
        ★★★★★
      </span>
    </span>
  );
}
