import { mediaPath } from '../../../../shared/client.ts';
import { MEDIA_KINDS, type MediaKind } from '../../../../shared/contract/index.ts';
import type { Logo } from '../../../../shared/domain.ts';

/** Formats a browser draws itself; the others preview from their thumbnail. */
const INLINE = new Set(['png', 'jpeg', 'webp', 'gif', 'svg', 'avif']);

/** Large raster previews (PDF, TIFF) once the contract serves them; the thumbnail until then. */
const PREVIEW_KIND = (MEDIA_KINDS as readonly string[]).includes('preview') ? ('preview' as MediaKind) : 'thumb';

/** The largest picture of a logo's master a browser can show: the master itself where it can. */
export function previewSrc(logo: Logo): string {
  return INLINE.has(logo.format) ? mediaPath('original', logo.id) : mediaPath(PREVIEW_KIND, logo.id);
}
