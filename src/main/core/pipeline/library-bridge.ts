import { BACKGROUND_SETTINGS, type BackgroundDecision } from '../../../shared/artwork.ts';
import type { Job } from '../../../shared/contract/jobs.ts';
import type { Palette, PaletteColor } from '../../../shared/palette.ts';
import type { LibraryService } from '../library/library-service.ts';

/**
 * After a job is done: a 'palette' job's facts go into the library (colour search; a locked
 * palette is kept there); the background decision any recipe reports (artwork, remove-bg, the
 * traces, the package) is recorded for the details panel.
 */
export function recordJobFacts(library: LibraryService, job: Job): void {
  if (!job.facts) return;
  const facts = job.facts as { decision?: unknown; background?: unknown };
  const decision = isDecision(facts.decision) ? facts.decision : isDecision(facts.background) ? facts.background : null;
  if (decision) library.recordArtworkDecision(job.logoId, job.masterHash, decision);
  if (job.recipe !== 'palette') return;
  const palette = (job.facts as { palette?: { colors?: unknown } }).palette;
  if (Array.isArray(palette?.colors)) library.recordExtractedPalette(job.logoId, palette.colors as PaletteColor[]);
}

/** The logo's stored palette (locked or extracted) for processors with `usesPalette`, or null. */
export function paletteFromLibrary(library: LibraryService, logoId: string): Palette | null {
  return library.paletteOf(logoId);
}

/** Facts come back from a worker as JSON: a decision is recorded only when well formed. */
function isDecision(value: unknown): value is BackgroundDecision {
  if (!value || typeof value !== 'object') return false;
  const d = value as Record<string, unknown>;
  return (
    (d.kind === 'transparent' || d.kind === 'flat' || d.kind === 'none') &&
    (d.colour === null || (typeof d.colour === 'string' && /^#[0-9a-f]{6}$/i.test(d.colour))) &&
    typeof d.confidence === 'number' &&
    Number.isFinite(d.confidence) &&
    (BACKGROUND_SETTINGS as readonly unknown[]).includes(d.setting) &&
    typeof d.reason === 'string'
  );
}
