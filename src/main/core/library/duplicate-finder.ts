import { existsSync } from 'node:fs';
import sharp from 'sharp';
import type { DuplicateGroup, DuplicateReport } from '../../../shared/contract/library.ts';
import type { Db } from '../database/database.ts';
import { perceptualHash } from '../intake/perceptual-hash.ts';
import type { Log } from '../log/logger.ts';
import type { BlobStore } from '../store/blob-store.ts';
import type { DerivedCache } from '../store/derived-cache.ts';
import { LOGO_SELECT, type LogoRow, rowToLogo } from './logo-rows.ts';

interface Candidate {
  readonly id: string;
  readonly hash: string;
  readonly sourceHash: string | null;
  readonly dhash: bigint | null;
}

/** 16-bit bands of the 256-bit hash used as lookup keys: hashes at most 15 bits apart share one. */
const BANDS = 16;
const BAND_BITS = 16n;
const BAND_MASK = 0xffffn;
/** A band with no edge in it (a flat run of paper) says nothing about the mark; it is not a key. */
const FLAT_BAND = 0n;
/** The largest master decoded to measure an older logo whose thumbnail is gone (pixels). */
const MAX_MEASURE_PIXELS = 50_000_000;

export interface DuplicateFinderDeps {
  readonly db: Db;
  readonly store: BlobStore;
  readonly cache: DerivedCache;
  /** Where the intake's thumbnail of a master is cached: (kind, key). */
  readonly thumbOf: (hash: string) => { kind: string; key: string };
  readonly log: Log;
}

/** Bits set in a hash. */
function popcount(value: bigint): number {
  let count = 0;
  let rest = value;
  while (rest) {
    rest &= rest - 1n;
    count++;
  }
  return count;
}

/** Union-find over candidate indexes: each duplicate pair joins two groups. */
class Groups {
  readonly #parent: number[];
  constructor(size: number) {
    this.#parent = Array.from({ length: size }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.#parent[root] !== root) root = this.#parent[root] as number;
    // Path compression keeps later finds flat.
    for (let node = i; this.#parent[node] !== root; ) {
      const next = this.#parent[node] as number;
      this.#parent[node] = root;
      node = next;
    }
    return root;
  }
  join(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.#parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * Finds logos that are the same file (equal master or kept-source bytes) or look the same (their
 * perceptual hashes at most `maxDistance` bits apart). Logos imported before perceptual hashes
 * are measured here first, from their cached thumbnail (else their master), and the hash stored.
 */
export class DuplicateFinder {
  readonly #deps: DuplicateFinderDeps;

  constructor(deps: DuplicateFinderDeps) {
    this.#deps = deps;
  }

  async find(maxDistance: number): Promise<DuplicateReport> {
    const unmeasured = await this.#measureMissing();
    const candidates = this.#candidates();
    const groups = new Groups(candidates.length);
    const identical = new Set<number>();
    this.#joinIdentical(candidates, groups, identical);
    this.#joinSimilar(candidates, groups, maxDistance);

    const members = new Map<number, number[]>();
    candidates.forEach((_, index) => {
      const root = groups.find(index);
      members.set(root, [...(members.get(root) ?? []), index]);
    });
    const found: DuplicateGroup[] = [];
    for (const indexes of members.values()) {
      if (indexes.length < 2) continue;
      // Candidates come oldest first, so the group's first logo is the original.
      const first = candidates[indexes[0] as number] as Candidate;
      const distance = Math.max(
        ...indexes.map((i) => {
          const other = candidates[i] as Candidate;
          return first.dhash !== null && other.dhash !== null ? popcount(first.dhash ^ other.dhash) : 0;
        }),
      );
      const logos = this.#logos(indexes.map((i) => (candidates[i] as Candidate).id));
      found.push({ kind: indexes.every((i) => identical.has(i)) ? 'identical' : 'similar', distance, logos });
    }
    found.sort((a, b) => b.logos.length - a.logos.length || a.distance - b.distance);
    return { groups: found, checked: candidates.length, unmeasured };
  }

  /** Same bytes: equal master hashes, or a kept source equal to another logo's source or master. */
  #joinIdentical(candidates: readonly Candidate[], groups: Groups, identical: Set<number>): void {
    const byBytes = new Map<string, number>();
    candidates.forEach((candidate, index) => {
      for (const hash of [candidate.hash, candidate.sourceHash]) {
        if (!hash) continue;
        const seen = byBytes.get(hash);
        if (seen === undefined) byBytes.set(hash, index);
        else {
          groups.join(seen, index);
          identical.add(seen).add(index);
        }
      }
    });
  }

  /**
   * Near-identical looks without comparing every pair: hashes within 15 bits share at least one of
   * 16 bands exactly (pigeonhole), so only logos in the same band bucket are compared. Blank
   * bands are not keys (most logos have blank paper rows), so a pair alike only in its blank rows
   * is not compared: such a pair differs in every row that holds the mark.
   */
  #joinSimilar(candidates: readonly Candidate[], groups: Groups, maxDistance: number): void {
    const buckets = new Map<string, number[]>();
    candidates.forEach((candidate, index) => {
      if (candidate.dhash === null || candidate.dhash === 0n) return;
      for (let band = 0; band < BANDS; band++) {
        const value = (candidate.dhash >> (BigInt(band) * BAND_BITS)) & BAND_MASK;
        if (value === FLAT_BAND) continue;
        const key = `${band}:${value}`;
        const bucket = buckets.get(key);
        if (bucket) bucket.push(index);
        else buckets.set(key, [index]);
      }
    });
    const compared = new Set<string>();
    for (const bucket of buckets.values()) {
      for (let i = 0; i < bucket.length; i++) {
        for (let j = i + 1; j < bucket.length; j++) {
          const a = bucket[i] as number;
          const b = bucket[j] as number;
          const pair = `${a}:${b}`;
          if (compared.has(pair)) continue;
          compared.add(pair);
          const ha = candidates[a]?.dhash as bigint;
          const hb = candidates[b]?.dhash as bigint;
          if (popcount(ha ^ hb) <= maxDistance) groups.join(a, b);
        }
      }
    }
  }

  #candidates(): Candidate[] {
    const rows = this.#deps.db
      .prepare(
        `SELECT l.id, l.hash, l.dhash, (SELECT s.hash FROM logo_sources s WHERE s.logo_id = l.id) AS source_hash
           FROM logos l WHERE l.deleted_at IS NULL ORDER BY l.imported_at, l.id`,
      )
      .all() as { id: string; hash: string; dhash: string | null; source_hash: string | null }[];
    return rows.map((row) => ({
      id: row.id,
      hash: row.hash,
      sourceHash: row.source_hash,
      dhash: row.dhash ? BigInt(`0x${row.dhash}`) : null,
    }));
  }

  #logos(ids: readonly string[]) {
    const rows = this.#deps.db
      .prepare(`${LOGO_SELECT} WHERE l.id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as LogoRow[];
    const byId = new Map(rows.map((row) => [row.id, rowToLogo(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Hashes logos imported before perceptual hashes existed; returns how many could not be read. */
  async #measureMissing(): Promise<number> {
    const { db, store, cache, thumbOf, log } = this.#deps;
    const missing = db.prepare('SELECT id, hash FROM logos WHERE dhash IS NULL AND deleted_at IS NULL').all() as {
      id: string;
      hash: string;
    }[];
    const save = db.prepare('UPDATE logos SET dhash = ? WHERE id = ? AND hash = ?');
    let unreadable = 0;
    for (const { id, hash } of missing) {
      const thumb = thumbOf(hash);
      const thumbPath = cache.pathOf(thumb.kind, thumb.key);
      // The thumbnail is the intake's own rendering of the sanitized master; the master (trusted
      // once sanitized) is the fallback when the cache was cleared. sharp decodes off the JS thread.
      const file = existsSync(thumbPath) ? thumbPath : store.pathOf(hash);
      try {
        save.run(await perceptualHash(sharp(file, { limitInputPixels: MAX_MEASURE_PIXELS, pages: 1 })), id, hash);
      } catch (error) {
        unreadable++;
        log.warn({ err: error, logo: id }, 'perceptual hash not measured');
      }
    }
    return unreadable;
  }
}
