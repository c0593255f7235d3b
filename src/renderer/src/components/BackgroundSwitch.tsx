import { THUMB_BACKGROUNDS, type ThumbBackground } from '../stores/view-store.ts';

const LABELS: Record<ThumbBackground, string> = { checker: 'Checker', light: 'Light', dark: 'Dark' };

/** Checker, light or dark behind a logo: a segmented switch of pressed buttons. */
export function BackgroundSwitch({
  label,
  value,
  onChange,
}: {
  label: string;
  value: ThumbBackground;
  onChange: (background: ThumbBackground) => void;
}) {
  return (
    <fieldset className="segmented" aria-label={label}>
      {THUMB_BACKGROUNDS.map((background) => (
        <button
          key={background}
          type="button"
          className="segmented__item"
          aria-pressed={value === background}
          onClick={() => onChange(background)}
        >
          {LABELS[background]}
        </button>
      ))}
    </fieldset>
  );
}

/** The class that paints a background behind artwork (tiles, Quick Look). */
export function backgroundClass(background: ThumbBackground): string {
  return background === 'checker' ? 'checkerboard' : `art-bg--${background}`;
}
