import { useEffect, useState } from 'react';
import { outputPath } from '../../../../shared/client.ts';
import type { LogoOutput } from '../../../../shared/contract/jobs.ts';
import type { Logo } from '../../../../shared/domain.ts';
import { BackgroundSwitch, backgroundClass } from '../../components/BackgroundSwitch.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { recipeLabel } from '../../components/recipes.ts';
import { type KeyPress, matchesShortcut } from '../../components/shortcut-registry.ts';
import { useZoomPan } from '../../components/use-zoom-pan.ts';
import { PAGE_SIZE, useLibraryStore } from '../../stores/library-store.ts';
import { closeQuickLook, stepQuickLook, useQuickLookStore } from '../../stores/quick-look-store.ts';
import { type ThumbBackground, useViewStore } from '../../stores/view-store.ts';
import { previewSrc } from './preview-src.ts';

/** Output files a browser can draw. */
const PICTURE = /^image\/(png|jpeg|webp|gif|svg\+xml|avif)$/;
const MASTER = 'master';

interface Shown {
  readonly value: string;
  readonly label: string;
  readonly src: string;
  /** Vectors fit at any zoom; pixels fit at 100 % at most. */
  readonly vector: boolean;
}

/** The master first, then every picture among the logo's outputs. */
function choices(logo: Logo, outputs: readonly LogoOutput[]): Shown[] {
  const shown: Shown[] = [{ value: MASTER, label: 'Master', src: previewSrc(logo), vector: logo.format === 'svg' }];
  for (const output of outputs) {
    if (!output.available) continue;
    for (const file of output.files) {
      if (!PICTURE.test(file.mime)) continue;
      shown.push({
        value: `${output.jobId}/${file.path}`,
        label: `${recipeLabel(output.recipe)} · ${file.path}`,
        src: outputPath(output.jobId, file.path),
        vector: file.mime === 'image/svg+xml',
      });
    }
  }
  return shown;
}

const ZOOM_STEP = 1.25;

function QuickLookView({ index, logo }: { index: number; logo: Logo }) {
  const total = useLibraryStore((state) => state.total ?? 0);
  const outputs = useQuickLookStore((state) => state.outputs);
  const gridBackground = useViewStore((state) => state.thumbBackground);
  const [background, setBackground] = useState<ThumbBackground>(gridBackground);
  const [picked, setPicked] = useState(MASTER);
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const options = choices(logo, outputs);
  const shown = options.find((option) => option.value === picked) ?? (options[0] as Shown);
  const { stageRef, view, fitToStage, zoomBy, actualSize, stageHandlers } = useZoomPan(
    natural,
    shown.vector ? Number.POSITIVE_INFINITY : 1,
  );
  // Another logo starts on its master.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the logo id is the trigger.
  useEffect(() => setPicked(MASTER), [logo.id]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new picture waits for its own size.
  useEffect(() => setNatural(null), [shown.src]);
  // The stage takes the focus, so arrows and Space work at once (not a button's Space).
  useEffect(() => stageRef.current?.focus(), [stageRef]);

  const onKeyDown = (event: React.KeyboardEvent<HTMLDialogElement>) => {
    const target = event.target as HTMLElement;
    // A focused control keeps its own keys (a select's arrows, a button's Space).
    const onControl = target.closest('button, select, input') !== null;
    const is = (id: Parameters<typeof matchesShortcut>[0]) => matchesShortcut(id, event as KeyPress);
    if (onControl && (event.key === ' ' || event.key.startsWith('Arrow') || event.key === 'Enter')) return;
    if (is('quickLook.step')) {
      event.preventDefault();
      stepQuickLook(event.key === 'ArrowLeft' ? -1 : 1);
    } else if (is('quickLook.zoomIn') || is('quickLook.zoomOut')) {
      event.preventDefault();
      zoomBy(is('quickLook.zoomIn') ? ZOOM_STEP : 1 / ZOOM_STEP);
    } else if (is('quickLook.fit')) {
      event.preventDefault();
      fitToStage();
    } else if (event.key === ' ') {
      event.preventDefault();
      closeQuickLook();
    }
  };

  const percent = `${Math.round(view.scale * 100)}%`;
  return (
    <Dialog
      label={logo.name}
      onClose={closeQuickLook}
      className="quicklook"
      onKeyDown={onKeyDown}
      returnFocus={() => document.querySelector<HTMLElement>('[data-testid="logo-grid"]')}
    >
      <header className="dialog__header quicklook__header">
        <h2 className="dialog__title quicklook__title" title={logo.name}>
          {logo.name}
        </h2>
        <span className="muted quicklook__position">
          {(index + 1).toLocaleString()} of {total.toLocaleString()}
        </span>
        <span className="select">
          <select aria-label="Show" value={shown.value} onChange={(event) => setPicked(event.target.value)}>
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </span>
        <BackgroundSwitch label="Background" value={background} onChange={setBackground} />
        <span className="quicklook__zoom">
          <button type="button" className="icon-button" aria-label="Zoom out" onClick={() => zoomBy(1 / ZOOM_STEP)}>
            <Icon name="zoomOut" size={16} />
          </button>
          <output className="quicklook__percent" aria-label="Zoom">
            {percent}
          </output>
          <button type="button" className="icon-button" aria-label="Zoom in" onClick={() => zoomBy(ZOOM_STEP)}>
            <Icon name="zoomIn" size={16} />
          </button>
          <button type="button" className="button button--ghost" onClick={fitToStage}>
            Fit
          </button>
          <button type="button" className="button button--ghost" title="Actual size (100%)" onClick={actualSize}>
            1:1
          </button>
        </span>
        <span className="quicklook__nav">
          <button
            type="button"
            className="icon-button"
            aria-label="Previous logo"
            disabled={index === 0}
            onClick={() => stepQuickLook(-1)}
          >
            <Icon name="chevronLeft" size={16} />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Next logo"
            disabled={index >= total - 1}
            onClick={() => stepQuickLook(1)}
          >
            <Icon name="chevronRight" size={16} />
          </button>
          <button type="button" className="icon-button" aria-label="Close" onClick={closeQuickLook}>
            <Icon name="close" size={16} />
          </button>
        </span>
      </header>
      <div
        ref={stageRef}
        className={`quicklook__stage ${backgroundClass(background)}`}
        role="img"
        aria-label={`${shown.label === 'Master' ? logo.name : shown.label} at ${percent}`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the stage takes arrow, zoom and pan keys.
        tabIndex={0}
        data-testid="quicklook-stage"
        {...stageHandlers}
      >
        <img
          key={shown.src}
          src={shown.src}
          alt=""
          draggable={false}
          className="quicklook__image"
          style={
            natural
              ? {
                  width: natural.width,
                  height: natural.height,
                  transform: `translate(-50%, -50%) translate(${view.x}px, ${view.y}px) scale(${view.scale})`,
                }
              : { visibility: 'hidden' }
          }
          onLoad={(event) => {
            const image = event.currentTarget;
            setNatural({ width: image.naturalWidth || 512, height: image.naturalHeight || 512 });
          }}
        />
      </div>
    </Dialog>
  );
}

/** Quick Look (Space on the grid): the master, or any output, large, zoomable, on a chosen background. */
export function QuickLook() {
  const index = useQuickLookStore((state) => state.index);
  // Read through the pages so a page that arrives (stepping past the loaded ones) re-renders.
  const logo = useLibraryStore((state) =>
    index === null ? undefined : state.pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE],
  );
  if (index === null || !logo) return null;
  return <QuickLookView index={index} logo={logo} />;
}
