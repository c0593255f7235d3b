import type { Job } from '../../../shared/contract/jobs.ts';
import type { Palette, PaletteColor } from '../../../shared/palette.ts';
import type { LibraryService } from '../library/library-service.ts';

/** After a job is done: a 'palette' job's facts go into the library (colour search); a locked palette is kept there. */
export function recordJobFacts(library: LibraryService, job: Job): void {
  if (job.recipe !== 'palette' || !job.facts) return;
  const palette = (job.facts as { palette?: { colors?: unknown } }).palette;
  if (Array.isArray(palette?.colors)) library.recordExtractedPalette(job.logoId, palette.colors as PaletteColor[]);
}

/** The logo's stored palette (locked or extracted) for processors with `usesPalette`, or null. */
export function paletteFromLibrary(library: LibraryService, logoId: string): Palette | null {
  return library.paletteOf(logoId);
}
