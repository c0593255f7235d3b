import type { Logo } from '../../../../shared/domain.ts';
import { client } from '../../api/client.ts';
import { errorMessage, showToast } from '../../stores/toast-store.ts';
import { useExportStore } from '../Export/export-store.ts';
import { openFaviconStudio } from './favicon-studio-store.ts';

/** Opens the studio on a logo, starting from the Export screen's favicon choices when there are any. */
export function openStudioFor(logo: Pick<Logo, 'id' | 'name' | 'width' | 'height'>, returnFocus?: HTMLElement | null) {
  const { id, name, width, height } = logo;
  openFaviconStudio({ id, name, width, height }, useExportStore.getState().recipes.favicon, returnFocus);
}

/** "Favicon studio…" on the Export screen: previews the first selected logo with the export's options. */
export function ExportStudioButton({ logoId }: { logoId: string }) {
  return (
    <button
      type="button"
      className="button"
      onClick={(event) => {
        const button = event.currentTarget;
        client.call('library.get', { id: logoId }).then(
          (logo) => openStudioFor(logo, button),
          (error: unknown) =>
            showToast({ tone: 'error', message: `Cannot open the favicon studio: ${errorMessage(error)}` }),
        );
      }}
    >
      Favicon studio…
    </button>
  );
}
