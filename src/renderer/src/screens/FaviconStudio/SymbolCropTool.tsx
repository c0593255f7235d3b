import { useRef, useState } from 'react';
import { mediaPath } from '../../../../shared/client.ts';
import { errorMessage, showToast } from '../../stores/toast-store.ts';
import { clampCrop, cropExtent, cropToPng, type SymbolCrop } from './crop-icons.ts';
import { setFaviconOption } from './favicon-studio-store.ts';

const START: SymbolCrop = { x: 0, y: 0, size: 1 };

/**
 * Drag a square over the master (or move it with the arrow keys, + and − to resize) and make the
 * 16 and 32 px icons from it: a wordmark's symbol reads at tab size where the whole word cannot.
 */
export function SymbolCropTool({ logoId, logoName }: { logoId: string; logoName: string }) {
  const frame = useRef<HTMLDivElement>(null);
  const [aspect, setAspect] = useState(1);
  const [crop, setCrop] = useState<SymbolCrop>(START);
  const [busy, setBusy] = useState(false);
  const drag = useRef<{ pointer: number; x: number; y: number; start: SymbolCrop } | null>(null);
  const src = mediaPath('preview', logoId);
  const update = (next: SymbolCrop) => setCrop(clampCrop(next, aspect));
  const { w, h } = cropExtent(crop, aspect);

  const apply = async () => {
    setBusy(true);
    try {
      const reply = await fetch(src);
      if (!reply.ok) throw new Error(`the preview of ${logoName} is not available (${reply.status})`);
      const image = await reply.blob();
      const [small, large] = await Promise.all([cropToPng(image, crop, 16), cropToPng(image, crop, 32)]);
      setFaviconOption('override16', small);
      setFaviconOption('override32', large);
    } catch (error) {
      showToast({ tone: 'error', message: `Could not crop the symbol: ${errorMessage(error)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="fs-crop">
      <div className="fs-crop__frame checkerboard" ref={frame}>
        <img
          src={src}
          alt={`Master of ${logoName}`}
          draggable={false}
          onLoad={(event) => {
            const image = event.currentTarget;
            const next = image.naturalWidth / Math.max(1, image.naturalHeight);
            setAspect(next);
            // Start on the left square of a wide mark: where a symbol usually sits.
            setCrop(clampCrop({ x: 0, y: 0, size: 1 }, next));
          }}
        />
        <button
          type="button"
          className="fs-crop__square"
          aria-label="Crop square: arrow keys move it, + and − resize it"
          style={{ left: `${crop.x * 100}%`, top: `${crop.y * 100}%`, width: `${w * 100}%`, height: `${h * 100}%` }}
          onKeyDown={(event) => {
            const step = event.shiftKey ? 0.1 : 0.01;
            const moves: Record<string, [number, number, number]> = {
              ArrowLeft: [-step, 0, 0],
              ArrowRight: [step, 0, 0],
              ArrowUp: [0, -step, 0],
              ArrowDown: [0, step, 0],
              '+': [0, 0, step],
              '=': [0, 0, step],
              '-': [0, 0, -step],
            };
            const move = moves[event.key];
            if (!move) return;
            event.preventDefault();
            update({ x: crop.x + move[0], y: crop.y + move[1], size: crop.size + move[2] });
          }}
          onPointerDown={(event) => {
            event.currentTarget.setPointerCapture(event.pointerId);
            drag.current = { pointer: event.pointerId, x: event.clientX, y: event.clientY, start: crop };
          }}
          onPointerMove={(event) => {
            const from = drag.current;
            const box = frame.current?.getBoundingClientRect();
            if (!from || from.pointer !== event.pointerId || !box) return;
            update({
              ...from.start,
              x: from.start.x + (event.clientX - from.x) / box.width,
              y: from.start.y + (event.clientY - from.y) / box.height,
            });
          }}
          onPointerUp={() => {
            drag.current = null;
          }}
        />
      </div>
      <label className="field field--inline">
        <span>Crop size</span>
        <input
          type="range"
          min={5}
          max={100}
          value={Math.round(crop.size * 100)}
          onChange={(event) => update({ ...crop, size: Number(event.target.value) / 100 })}
        />
      </label>
      <button type="button" className="button" disabled={busy} onClick={() => void apply()}>
        {busy ? 'Cropping…' : 'Use crop for 16 and 32 px'}
      </button>
    </div>
  );
}
