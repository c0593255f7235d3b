import type { Migration } from './migration.ts';

/**
 * The perceptual hash (dHash, 256 bits as 64 hex digits) of each master, for the duplicate finder;
 * null for logos imported before it, filled in lazily. (Ratings and nested collections, which an
 * imported Eagle library also carries, come from migration 0028.)
 */
export const intakeExtras: Migration = {
  version: 29,
  name: 'intake-extras',
  up(db) {
    db.exec('ALTER TABLE logos ADD COLUMN dhash TEXT CHECK (dhash IS NULL OR length(dhash) = 64)');
  },
};
