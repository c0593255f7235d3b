import { useCallback, useEffect, useRef, useState } from 'react';

export interface ZoomPan {
  /** 1 = one image pixel per CSS pixel. */
  readonly scale: number;
  /** The image centre's offset from the stage centre, in CSS pixels. */
  readonly x: number;
  readonly y: number;
  /** True while the view follows the stage size (after Fit, until the designer zooms or pans). */
  readonly fitted: boolean;
}

const MIN_SCALE = 0.02;
const MAX_SCALE = 64;
/** Room left around a fitted image. */
const FIT_MARGIN = 0.92;

const clampScale = (scale: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));

/**
 * Zoom (wheel around the pointer, buttons and keys around the centre), pan (drag) and fit for one
 * image on a stage element. `natural` is the image's own size once it loaded; `maxFit` caps the
 * fitted zoom (1 for pixels: a small raster shows sharp at its size rather than blurred up).
 */
export function useZoomPan(natural: { width: number; height: number } | null, maxFit = Number.POSITIVE_INFINITY) {
  const stageRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<ZoomPan>({ scale: 1, x: 0, y: 0, fitted: true });

  const fitToStage = useCallback(() => {
    const stage = stageRef.current;
    if (!stage || !natural || natural.width === 0 || natural.height === 0) return;
    const scale = clampScale(
      Math.min(maxFit, Math.min(stage.clientWidth / natural.width, stage.clientHeight / natural.height) * FIT_MARGIN),
    );
    setView({ scale, x: 0, y: 0, fitted: true });
  }, [natural, maxFit]);

  /** Multiplies the zoom by `factor`, keeping the point `at` (stage coordinates from its centre) still. */
  const zoomBy = useCallback((factor: number, at: { x: number; y: number } = { x: 0, y: 0 }) => {
    setView((current) => {
      const scale = clampScale(current.scale * factor);
      const ratio = scale / current.scale;
      return { scale, x: at.x - (at.x - current.x) * ratio, y: at.y - (at.y - current.y) * ratio, fitted: false };
    });
  }, []);

  /** 100 %: the master at its full size. */
  const actualSize = useCallback(() => setView({ scale: 1, x: 0, y: 0, fitted: false }), []);

  // A new image fits at once; a stage that changes size refits while the view is fitted.
  const fittedRef = useRef(view.fitted);
  fittedRef.current = view.fitted;
  useEffect(() => {
    fitToStage();
    const stage = stageRef.current;
    if (!stage) return;
    const observer = new ResizeObserver(() => {
      if (fittedRef.current) fitToStage();
    });
    observer.observe(stage);
    return () => observer.disconnect();
  }, [fitToStage]);

  // The wheel zooms around the pointer; a non-passive listener so the page itself never scrolls.
  useEffect(() => {
    const stage = stageRef.current;
    if (!stage) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = stage.getBoundingClientRect();
      const at = { x: event.clientX - rect.left - rect.width / 2, y: event.clientY - rect.top - rect.height / 2 };
      zoomBy(Math.exp(-event.deltaY * 0.0015), at);
    };
    stage.addEventListener('wheel', onWheel, { passive: false });
    return () => stage.removeEventListener('wheel', onWheel);
  }, [zoomBy]);

  // Drag to pan, with the pointer captured so a drag that leaves the stage keeps going.
  const drag = useRef<{ id: number; x: number; y: number } | null>(null);
  const onPointerDown = (event: React.PointerEvent) => {
    if (event.button !== 0) return;
    drag.current = { id: event.pointerId, x: event.clientX, y: event.clientY };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: React.PointerEvent) => {
    const start = drag.current;
    if (!start || start.id !== event.pointerId) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    drag.current = { id: event.pointerId, x: event.clientX, y: event.clientY };
    setView((current) => ({ ...current, x: current.x + dx, y: current.y + dy, fitted: false }));
  };
  const onPointerUp = (event: React.PointerEvent) => {
    if (drag.current?.id === event.pointerId) drag.current = null;
  };

  return {
    stageRef,
    view,
    fitToStage,
    zoomBy,
    actualSize,
    stageHandlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp },
  };
}
