import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { parseHex, toHex } from '../../../../shared/colour.ts';
import { Icon } from '../../components/Icon.tsx';
import { setFilters, useLibraryStore } from '../../stores/library-store.ts';

/** The slider's range in Delta E CIE76: 1 is one exact shade, 50 is a whole hue family. */
const TOLERANCE_MIN = 1;
const TOLERANCE_MAX = 50;

/**
 * Colour search in the toolbar: a picker, a field for a brand colour typed as hex (#rrggbb or
 * #rgb, applied as soon as it is a colour) and, once a colour is chosen, how close a logo's
 * palette must come to it (ΔE).
 */
export function ColourFilter() {
  const { color, tolerance } = useLibraryStore(
    useShallow((state) => ({ color: state.filters.color, tolerance: state.filters.colorTolerance })),
  );
  const [typed, setTyped] = useState(color ?? '');
  // Follow a colour chosen elsewhere (picker, swatch, clear), but never rewrite what is being
  // typed: "#e80" on its way to "#e80a1b" already searches, and must stay as typed.
  useEffect(
    () =>
      setTyped((current) => {
        const rgb = parseHex(current);
        return rgb && toHex(rgb) === color ? current : (color ?? '');
      }),
    [color],
  );
  const invalid = typed.trim() !== '' && parseHex(typed) === null;

  const applyTyped = (text: string) => {
    setTyped(text);
    const rgb = parseHex(text);
    if (rgb && toHex(rgb) !== color) setFilters({ color: toHex(rgb) });
  };

  return (
    <span className="colour-filter">
      <label className="chip chip--color" title="Logos that use a colour close to this one">
        <span
          className={color ? 'chip__swatch' : 'chip__swatch chip__swatch--empty'}
          style={color ? { background: color } : undefined}
        />
        <span className="colour-filter__label">Colour</span>
        <input
          type="color"
          className="visually-hidden"
          aria-label="Filter by colour"
          value={color ?? '#4f46e5'}
          onChange={(event) => setFilters({ color: event.target.value })}
        />
      </label>
      <input
        type="text"
        className="colour-filter__hex"
        aria-label="Brand colour (hex)"
        placeholder="#rrggbb"
        spellCheck={false}
        autoComplete="off"
        maxLength={7}
        aria-invalid={invalid || undefined}
        value={typed}
        onChange={(event) => applyTyped(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && typed) {
            event.stopPropagation();
            setTyped(color ?? '');
          }
        }}
      />
      {color && (
        <>
          <input
            type="range"
            className="colour-filter__tolerance"
            aria-label="Colour tolerance"
            aria-valuetext={`ΔE ${tolerance}`}
            title={`Colour tolerance: ΔE ${tolerance}`}
            min={TOLERANCE_MIN}
            max={TOLERANCE_MAX}
            step={1}
            value={tolerance}
            onChange={(event) => setFilters({ colorTolerance: Number(event.target.value) })}
          />
          <span className="colour-filter__value" aria-hidden="true">
            ΔE {tolerance}
          </span>
          <button
            type="button"
            className="icon-button"
            aria-label="Clear colour filter"
            onClick={() => setFilters({ color: null })}
          >
            <Icon name="close" size={14} />
          </button>
        </>
      )}
    </span>
  );
}
