import { outputPath } from '../../../../shared/client.ts';
import type { JobOutputFile, LogoOutput } from '../../../../shared/contract/jobs.ts';
import {
  copyPaths,
  download,
  dragOut,
  isDesktop,
  openFile,
  outputRef,
  REVEAL_LABEL,
  revealFile,
} from '../../api/file-actions.ts';
import { plural } from '../../components/format.ts';
import { recipeLabel } from '../../components/recipes.ts';
import { canEdit, showScreen } from '../../stores/app-store.ts';
import { type MenuItem, openContextMenu } from '../../stores/context-menu-store.ts';
import { selectIds } from '../../stores/selection-store.ts';

const fileName = (file: JobOutputFile) => file.path.split('/').pop() ?? file.path;

/**
 * The menu of an output (its first file stands for it) or of one of its files: open, reveal,
 * copy path, export the logo with this recipe's screen, download.
 */
export function openOutputMenu(
  output: LogoOutput,
  file: JobOutputFile | null,
  point: { x: number; y: number },
  returnFocus: HTMLElement | null,
): void {
  const target = file ?? output.files[0];
  if (!target) return;
  const ref = outputRef(output.jobId, target.path);
  const name = fileName(target);
  const items: MenuItem[] = [];
  if (canEdit()) {
    items.push({ label: `Open ${name}`, run: () => void openFile(ref) });
    if (isDesktop()) items.push({ label: REVEAL_LABEL, run: () => void revealFile(ref) });
    const refs = file ? [ref] : output.files.map((f) => outputRef(output.jobId, f.path));
    items.push({
      label: refs.length > 1 ? `Copy ${plural(refs.length, 'path')}` : 'Copy path',
      run: () => void copyPaths(refs),
    });
    items.push({
      label: 'Export…',
      run: () => {
        selectIds([output.logoId]);
        showScreen('export');
      },
    });
  }
  items.push({
    label: `Download ${name}`,
    run: () => download(outputPath(output.jobId, target.path), name),
    separated: canEdit(),
  });
  openContextMenu({ label: file ? name : recipeLabel(output.recipe), ...point, items, returnFocus });
}

/** Drags output files out: the whole output from its row, one file from its preview. */
export function dragOutputOut(output: LogoOutput, files: readonly JobOutputFile[], event: React.DragEvent): void {
  if (!canEdit()) return;
  event.stopPropagation();
  dragOut(
    event,
    files.map((f) => outputRef(output.jobId, f.path)),
    files.map((f) => ({ url: outputPath(output.jobId, f.path), mime: f.mime, filename: fileName(f) })),
  );
}
