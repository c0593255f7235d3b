import { useEffect, useState } from 'react';
import { useAppStore } from '../stores/app-store.ts';
import { Icon } from './Icon.tsx';
import { importDataTransfer } from './import-picker.ts';

function carriesFiles(event: DragEvent): boolean {
  return [...(event.dataTransfer?.types ?? [])].includes('Files');
}

/** Files dropped anywhere on the window import; the overlay says so while they hover. */
export function DropOverlay() {
  const canEdit = useAppStore((state) => state.info?.canEdit === true);
  const [active, setActive] = useState(false);

  useEffect(() => {
    if (!canEdit) return;
    // dragenter/dragleave fire for every child crossed; a depth counter tells when the window is left.
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      setActive(true);
    };
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setActive(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setActive(false);
      if (event.dataTransfer) void importDataTransfer(event.dataTransfer);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [canEdit]);

  if (!active) return null;
  return (
    <div className="drop-overlay" role="status" aria-live="polite">
      <div className="drop-overlay__card">
        <Icon name="upload" size={40} />
        <p className="drop-overlay__title">Drop to add to your library</p>
        <p className="drop-overlay__hint">PNG, JPEG, WebP, GIF, TIFF, AVIF, SVG and PDF — files or whole folders</p>
      </div>
    </div>
  );
}
