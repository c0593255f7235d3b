import type { BackgroundSetting, LogoArtwork } from '../../../shared/artwork.ts';
import type { EmptyTrashReport } from '../../../shared/contract/library.ts';
import type { LibraryChange } from '../../../shared/domain.ts';
import type { Palette } from '../../../shared/palette.ts';
import type { Db } from '../database/database.ts';
import type { EventHub } from '../events.ts';
import type { BlobStore } from '../store/blob-store.ts';
import type { DerivedCache } from '../store/derived-cache.ts';
import type { ActivityService } from './activity-service.ts';
import { readArtwork, writeArtworkSettings } from './artwork-rows.ts';
import { type LogoPatch, purgeTrash, setRating, setTags, setTrashed, updateLogo } from './logo-edits.ts';
import { type PaletteColorInput, readPalette, writePalette } from './palette-rows.ts';

interface OrganiseDeps {
  readonly db: Db;
  readonly store: BlobStore;
  readonly cache: DerivedCache;
  readonly events: EventHub;
  readonly activity: ActivityService;
}

/**
 * Organising logos: names, notes, favourites, ratings, tags, Trash and palettes. Each mutation commits
 * in one transaction, then announces 'library.changed'; deletions and purges are logged.
 */
export class OrganiseService {
  readonly #deps: OrganiseDeps;

  constructor(deps: OrganiseDeps) {
    this.#deps = deps;
  }

  update(id: string, patch: LogoPatch): void {
    updateLogo(this.#deps.db, id, patch);
    this.#changed('updated', [id]);
  }

  tag(ids: readonly string[], tags: readonly string[]): { updated: number } {
    const updated = setTags(this.#deps.db, ids, tags, true);
    this.#changed('updated', ids);
    return { updated };
  }

  untag(ids: readonly string[], tags: readonly string[]): { updated: number } {
    const updated = setTags(this.#deps.db, ids, tags, false);
    this.#changed('updated', ids);
    return { updated };
  }

  /** Star ratings, 0-5 (0 clears). */
  rate(ids: readonly string[], rating: number): { updated: number } {
    const updated = setRating(this.#deps.db, ids, rating);
    if (updated > 0) this.#changed('updated', ids);
    return { updated };
  }

  /** Moves logos to the Trash (soft delete). */
  trash(ids: readonly string[], clientAddress: string | null = null): { trashed: number } {
    return { trashed: this.#moveTrash(ids, true, clientAddress) };
  }

  restore(ids: readonly string[], clientAddress: string | null = null): { restored: number } {
    return { restored: this.#moveTrash(ids, false, clientAddress) };
  }

  /** Into or out of the Trash: one write, one log line, one event; returns how many moved. */
  #moveTrash(ids: readonly string[], trashed: boolean, clientAddress: string | null): number {
    const moved = setTrashed(this.#deps.db, ids, trashed);
    if (moved.length > 0) {
      this.#deps.activity.recordActivity({
        kind: trashed ? 'delete' : 'restore',
        logoIds: moved,
        clientAddress,
        detail: `${moved.length} ${trashed ? 'moved to' : 'restored from'} the Trash`,
      });
      this.#changed(trashed ? 'deleted' : 'restored', moved);
    }
    return moved.length;
  }

  /**
   * Deletes trashed logos for good. Rows go first (one transaction); then, without yielding, the
   * originals no other logo or version uses, so no import can adopt a blob between the two.
   * Their derived files (thumbnails, previews, outputs) follow.
   */
  emptyTrash(clientAddress: string | null = null): EmptyTrashReport {
    const { db, store, cache } = this.#deps;
    const plan = purgeTrash(db);
    for (const orphan of plan.orphans) store.removeSync(orphan.hash);
    for (const orphan of plan.orphans) cache.removeBySource(orphan.hash);
    const report: EmptyTrashReport = {
      purgedLogos: plan.logoIds.length,
      purgedOriginals: plan.orphans.length,
      freedBytes: plan.orphans.reduce((sum, orphan) => sum + orphan.byteSize, 0),
    };
    if (plan.logoIds.length > 0) {
      this.#deps.activity.recordActivity({
        kind: 'purge',
        logoIds: plan.logoIds,
        clientAddress,
        detail: `Trash emptied: ${report.purgedLogos} logo(s), ${report.purgedOriginals} original(s), ${report.freedBytes} bytes`,
      });
      this.#changed('purged', plan.logoIds);
    }
    return report;
  }

  palette(id: string): Palette | null {
    return readPalette(this.#deps.db, id);
  }

  /** The designer's palette: replaces whatever was there; `locked` keeps it from re-extraction. */
  setPalette(id: string, colors: readonly PaletteColorInput[], locked: boolean): Palette {
    writePalette(this.#deps.db, id, colors, locked);
    this.#changed('updated', [id]);
    return readPalette(this.#deps.db, id) ?? { colors: [], locked };
  }

  /** How the logo's artwork is read: the designer's override and the last background decision. */
  artwork(id: string): LogoArtwork {
    return readArtwork(this.#deps.db, id);
  }

  /** Sets the background override and/or one-colour threshold of many logos (their outputs are remade). */
  setArtwork(
    ids: readonly string[],
    patch: { readonly background?: BackgroundSetting; readonly threshold?: number | null },
  ): { updated: number } {
    const updated = writeArtworkSettings(this.#deps.db, ids, patch);
    if (updated > 0) this.#changed('updated', ids);
    return { updated };
  }

  #changed(kind: LibraryChange['kind'], ids: readonly string[]): void {
    this.#deps.events.emit('library.changed', { kind, ids: [...new Set(ids)] });
  }
}
