import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { rememberFocus } from '../../components/focus-return.ts';
import { type KeyPress, matchesShortcut } from '../../components/shortcut-registry.ts';
import { useAppStore } from '../../stores/app-store.ts';
import { isContextMenuKey, menuPointFor } from '../../stores/context-menu-store.ts';
import { allIds, ensurePage, logoAt, PAGE_SIZE, useLibraryStore } from '../../stores/library-store.ts';
import { openQuickLook } from '../../stores/quick-look-store.ts';
import { selectAt, selectIds, setCursor, useSelectionStore } from '../../stores/selection-store.ts';
import { useViewStore } from '../../stores/view-store.ts';
import { LogoTile } from './LogoTile.tsx';
import { dragLogosOut, openLogoMenu } from './logo-menu.ts';

const GAP = 10;
const PADDING = 12;
const LABEL_HEIGHT = 46;

/** Puts the focus in the details panel's name field, text selected, once it is on screen. */
function focusNameField(tries = 60): void {
  // Enter or Escape in the field brings the focus back here (see focus-return.ts).
  if (tries === 60) rememberFocus();
  requestAnimationFrame(() => {
    // The panel may still be loading the logo the selection just moved to: wait for its field.
    const field = document.querySelector<HTMLInputElement>('.details__name-input');
    if (!field) {
      if (tries > 0) focusNameField(tries - 1);
      return;
    }
    field.focus();
    field.select();
  });
}

/** Grid geometry for a width: as many columns of at least `minTile` (the thumbnail size) as fit. */
function layout(width: number, minTile: number) {
  const inner = Math.max(0, width - PADDING * 2);
  const columns = Math.max(1, Math.floor((inner + GAP) / (minTile + GAP)));
  const tile = Math.floor((inner - GAP * (columns - 1)) / columns);
  return { columns, tile, rowHeight: tile + LABEL_HEIGHT + GAP };
}

/**
 * The library's virtualized grid: only the rows on screen exist in the DOM, and their pages are
 * fetched as they scroll in, so 10,000 logos scroll like 10. A listbox with an active descendant
 * keeps keyboard focus on the grid while the cursor moves across rows that come and go.
 */
export function LogoGrid() {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const total = useLibraryStore((state) => state.total ?? 0);
  const pages = useLibraryStore((state) => state.pages);
  const selected = useSelectionStore((state) => state.selected);
  const cursor = useSelectionStore((state) => state.cursor);
  const canEdit = useAppStore((state) => state.info?.canEdit === true);
  const thumbSize = useViewStore((state) => state.thumbSize);
  const background = useViewStore((state) => state.thumbBackground);
  const { columns, tile, rowHeight } = layout(width, thumbSize);
  const rows = Math.ceil(total / columns);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(element);
    setWidth(element.clientWidth);
    return () => observer.disconnect();
  }, []);

  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 2,
    // Let React batch scroll updates with the frame instead of rendering synchronously per scroll event.
    useFlushSync: false,
    paddingStart: PADDING,
    paddingEnd: PADDING,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new row height (window resized) must re-measure the rows.
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);

  // The cursor's row stays in view when the cursor moves from elsewhere (Quick Look's arrows) or
  // the columns change (a new thumbnail size, the details panel opening).
  // biome-ignore lint/correctness/useExhaustiveDependencies: columns is a trigger, the row follows it.
  useEffect(() => {
    if (total > 0) virtualizer.scrollToIndex(Math.floor(cursor / columns));
  }, [cursor, columns]);

  const virtualRows = virtualizer.getVirtualItems();
  const firstRow = virtualRows[0]?.index ?? 0;
  const lastRow = virtualRows[virtualRows.length - 1]?.index ?? 0;

  // Fetch the pages behind the rows on screen (and the overscan); again when a refresh dropped them.
  // biome-ignore lint/correctness/useExhaustiveDependencies: pages is the trigger, read through ensurePage.
  useEffect(() => {
    if (total === 0) return;
    const first = Math.floor((firstRow * columns) / PAGE_SIZE);
    const last = Math.floor(Math.min(total - 1, (lastRow + 1) * columns - 1) / PAGE_SIZE);
    for (let page = first; page <= last; page++) void ensurePage(page);
  }, [firstRow, lastRow, columns, total, pages]);

  const onPick = useCallback((index: number, event: React.MouseEvent) => {
    scrollRef.current?.focus({ preventScroll: true });
    selectAt(index, event.shiftKey ? 'range' : event.metaKey || event.ctrlKey ? 'toggle' : 'replace');
  }, []);

  const onMenu = useCallback((index: number, event: React.MouseEvent) => {
    event.preventDefault();
    scrollRef.current?.focus({ preventScroll: true });
    openLogoMenu(index, { x: event.clientX, y: event.clientY }, scrollRef.current);
  }, []);

  const moveTo = (index: number, extend: boolean) => {
    const next = Math.max(0, Math.min(total - 1, index));
    virtualizer.scrollToIndex(Math.floor(next / columns));
    if (extend) selectAt(next, 'range');
    else if (logoAt(next)) selectAt(next, 'replace');
    else setCursor(next);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (total === 0) return;
    const mod = event.metaKey || event.ctrlKey;
    const steps: Record<string, number> = {
      ArrowLeft: -1,
      ArrowRight: 1,
      ArrowUp: -columns,
      ArrowDown: columns,
      PageUp: -columns * 4,
      PageDown: columns * 4,
    };
    const step = steps[event.key];
    if (isContextMenuKey(event)) {
      // Shift+F10 or the context-menu key: the menu of the cell under the keyboard cursor.
      event.preventDefault();
      const tile = document.getElementById(`logo-tile-${cursor}`);
      if (tile && logoAt(cursor)) openLogoMenu(cursor, menuPointFor(tile), scrollRef.current);
    } else if (step !== undefined && mod) {
      // Ctrl/Cmd+arrow moves the cursor alone; Space then adds the cell to the selection.
      event.preventDefault();
      const next = Math.max(0, Math.min(total - 1, cursor + step));
      virtualizer.scrollToIndex(Math.floor(next / columns));
      setCursor(next);
    } else if (step !== undefined) {
      event.preventDefault();
      moveTo(cursor + step, event.shiftKey);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      moveTo(event.key === 'Home' ? 0 : total - 1, event.shiftKey);
    } else if (matchesShortcut('grid.quickLook', event as KeyPress)) {
      // Space looks, as in Finder and Eagle; Cmd/Ctrl+Space takes over Space's old job (toggle).
      event.preventDefault();
      openQuickLook(cursor);
    } else if (matchesShortcut('grid.toggle', event as KeyPress)) {
      event.preventDefault();
      selectAt(cursor, 'toggle');
    } else if (matchesShortcut('grid.range', event as KeyPress)) {
      event.preventDefault();
      selectAt(cursor, 'range');
    } else if (matchesShortcut('grid.select', event as KeyPress)) {
      event.preventDefault();
      selectAt(cursor, 'replace');
    } else if (event.key === 'F2') {
      // Rename, as in Finder/Explorer: the details panel's name field takes the focus.
      event.preventDefault();
      focusNameField();
    } else if (mod && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      void allIds().then(selectIds);
    }
  };

  const cursorRendered = virtualRows.some((row) => row.index === Math.floor(cursor / columns));

  return (
    <div
      ref={scrollRef}
      className={`grid grid--bg-${background}`}
      role="listbox"
      aria-label="Logos"
      aria-multiselectable="true"
      tabIndex={0}
      aria-activedescendant={cursorRendered && total > 0 ? `logo-tile-${cursor}` : undefined}
      data-columns={columns}
      onKeyDown={onKeyDown}
      onDoubleClick={(event) => {
        if ((event.target as HTMLElement).closest('[role=option][data-logo-name]')) focusNameField();
      }}
      data-testid="logo-grid"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualRows.map((row) => (
          <div
            key={row.key}
            role="presentation"
            className="grid__row"
            style={{ transform: `translateY(${row.start}px)`, gap: GAP, paddingInline: PADDING }}
          >
            {Array.from({ length: columns }, (_, column) => {
              const index = row.index * columns + column;
              if (index >= total) return null;
              const logo = logoAt(index);
              return (
                <LogoTile
                  key={index}
                  index={index}
                  total={total}
                  logo={logo}
                  width={tile}
                  selected={logo ? selected.has(logo.id) : false}
                  cursor={index === cursor}
                  onPick={onPick}
                  onMenu={onMenu}
                  onDragOut={canEdit ? dragLogosOut : null}
                />
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
