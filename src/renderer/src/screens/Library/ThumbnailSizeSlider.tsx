import { setThumbSize, THUMB_SIZE, useViewStore } from '../../stores/view-store.ts';

/** The grid's thumbnail size (also Cmd/Ctrl + and -), remembered. */
export function ThumbnailSizeSlider() {
  const size = useViewStore((state) => state.thumbSize);
  return (
    <input
      type="range"
      className="size-slider"
      aria-label="Thumbnail size"
      aria-keyshortcuts="Control+Plus Control+Minus Meta+Plus Meta+Minus"
      aria-valuetext={`${size} pixels`}
      title="Thumbnail size (Ctrl/Cmd + and −)"
      min={THUMB_SIZE.min}
      max={THUMB_SIZE.max}
      step={THUMB_SIZE.step}
      value={size}
      onChange={(event) => setThumbSize(Number(event.target.value))}
    />
  );
}
