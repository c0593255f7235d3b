import type { Job } from '../../../shared/contract/jobs.ts';
import type { Palette, PaletteColor } from '../../../shared/palette.ts';
import type { LibraryService } from '../library/library-service.ts';

/**
 * Where the pipeline meets the library's palette storage (helper A2's part). The library
 * methods are looked up by name so the pipeline works before and after they land:
 *  - `recordExtractedPalette(logoId, colors)`: stores the palette a 'palette' job found (it must
 *    leave a palette the designer locked alone);
 *  - `paletteOf(logoId)`: the palette processors with `usesPalette` receive.
 * HOOK: when the library names them differently, change only this file.
 */
interface PaletteLibrary {
  recordExtractedPalette?: (logoId: string, colors: readonly PaletteColor[]) => unknown;
  paletteOf?: (logoId: string) => Palette | null;
}

/** After a job is done: a 'palette' job's facts go into the library (colour search). */
export function recordJobFacts(library: LibraryService, job: Job): void {
  if (job.recipe !== 'palette' || !job.facts) return;
  const colors =
    (job.facts as { palette?: { colors?: unknown } }).palette?.colors ?? (job.facts as { colors?: unknown }).colors;
  const record = (library as unknown as PaletteLibrary).recordExtractedPalette;
  if (Array.isArray(colors) && typeof record === 'function') record.call(library, job.logoId, colors as PaletteColor[]);
}

/** The logo's stored palette for processors that use it, or null until the library stores palettes. */
export function paletteFromLibrary(library: LibraryService, logoId: string): Palette | null {
  const read = (library as unknown as PaletteLibrary).paletteOf;
  return typeof read === 'function' ? (read.call(library, logoId) ?? null) : null;
}
