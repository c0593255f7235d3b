import type { Logo } from '../../../../shared/domain.ts';
import {
  copyPaths,
  download,
  dragOut,
  isDesktop,
  logoDownload,
  openFile,
  originalRef,
  REVEAL_LABEL,
  revealFile,
} from '../../api/file-actions.ts';
import { plural } from '../../components/format.ts';
import { canEdit, showScreen } from '../../stores/app-store.ts';
import { type MenuItem, openContextMenu } from '../../stores/context-menu-store.ts';
import { restoreLogos, trashLogos } from '../../stores/library-actions.ts';
import { logoAt, useLibraryStore } from '../../stores/library-store.ts';
import { startLogoDrag } from '../../stores/logo-drag.ts';
import { selectAt, selectIds, useSelectionStore } from '../../stores/selection-store.ts';
import { openStudioFor } from '../FaviconStudio/StudioButton.tsx';
import { openProof } from '../Proof/proof-store.ts';

/**
 * The logos a gesture on a tile acts on: the whole selection when the tile is part of it, else
 * the tile alone (which becomes the selection, as in Finder and Explorer).
 */
export function targetsOf(index: number): Logo[] {
  const logo = logoAt(index);
  if (!logo) return [];
  const { selected } = useSelectionStore.getState();
  if (!selected.has(logo.id)) {
    selectAt(index, 'replace');
    return [logo];
  }
  const { pages } = useLibraryStore.getState();
  const loaded = Object.values(pages)
    .flat()
    .filter((l) => selected.has(l.id));
  // The tile first: Open acts on the one under the pointer or cursor.
  return [logo, ...loaded.filter((l) => l.id !== logo.id)];
}

/** The tile's menu: open, reveal, copy path, export, proof, and Trash (or Restore in the Trash). */
export function openLogoMenu(index: number, point: { x: number; y: number }, returnFocus: HTMLElement | null): void {
  const logos = targetsOf(index);
  const [first] = logos;
  if (!first) return;
  const ids = logos.map((logo) => logo.id);
  const many = logos.length > 1;
  const items: MenuItem[] = [];
  if (!canEdit()) {
    // A teammate on the share: the file itself is all there is to take.
    const { url, filename } = logoDownload(first);
    items.push({ label: 'Download original', run: () => download(url, filename) });
  } else {
    items.push({ label: many ? `Open “${first.name}”` : 'Open', run: () => void openFile(originalRef(first.id)) });
    if (isDesktop()) items.push({ label: REVEAL_LABEL, run: () => void revealFile(originalRef(first.id)) });
    items.push({
      label: many ? `Copy ${plural(logos.length, 'path')}` : 'Copy path',
      run: () => void copyPaths(ids.map(originalRef)),
    });
    items.push({
      label: many ? `Export ${plural(logos.length, 'logo')}…` : 'Export…',
      run: () => {
        selectIds(ids);
        showScreen('export');
      },
    });
    const trashed = useLibraryStore.getState().filters.trashed;
    const targets = logos.map(({ id, name }) => ({ id, name }));
    if (!trashed)
      items.push({
        label: many ? `Proof ${plural(logos.length, 'logo')}…` : 'Proof…',
        run: () => openProof(targets, returnFocus),
      });
    if (!many && !trashed) items.push({ label: 'Favicon studio…', run: () => openStudioFor(first, returnFocus) });
    items.push(
      trashed
        ? { label: 'Restore', run: () => void restoreLogos(ids), separated: true }
        : {
            label: many ? `Move ${plural(logos.length, 'logo')} to the Trash` : 'Move to the Trash',
            run: () => void trashLogos(ids),
            danger: true,
            separated: true,
          },
    );
  }
  openContextMenu({ label: many ? `${plural(logos.length, 'logo')}` : first.name, ...point, items, returnFocus });
}

/** Drags the tile's logos (or the selection it belongs to) out as files. */
export function dragLogosOut(index: number, event: React.DragEvent): void {
  if (!canEdit()) return;
  const logos = targetsOf(index);
  // Also a drag onto a collection in the sidebar.
  startLogoDrag(
    logos.map((logo) => logo.id),
    event.dataTransfer,
  );
  dragOut(
    event,
    logos.map((logo) => originalRef(logo.id)),
    logos.map(logoDownload),
  );
}
