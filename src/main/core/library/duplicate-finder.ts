import { existsSync } from 'node:fs';
import type { DuplicateGroup, DuplicateReport } from '../../../shared/contract/library.ts';
import type { Db } from '../database/database.ts';
import type { Log } from '../log/logger.ts';
import type { BlobStore } from '../store/blob-store.ts';
import type { DerivedCache } from '../store/derived-cache.ts';
import { LOGO_SELECT, type LogoRow, rowToLogo } from './logo-rows.ts';

interface Candidate {
  readonly id: string;
  readonly hash: string;
  readonly sourceHash: string | null;
  /** The perceptual hash, hex; null when it could not be measured. */
  readonly look: string | null;
  readonly measured: boolean;
}

/** 32-bit words of a 256-bit perceptual hash. */
const WORDS = 8;
/** 16-bit bands used as lookup keys: hashes at most 15 bits apart share at least one exactly. */
const BANDS = 16;
/**
 * A band value shared by more logos than this is common (a stroke at the same place in many
 * marks) and is not used as a key. Near-identical hashes (<= 15 bits apart) share at least
 * 16 - distance bands, so they still meet in a rarer one; this keeps 100,000 logos fast.
 */
const MAX_BUCKET = 256;
/** Room for the logo's index beside a band key in one sortable number (2 M logos). */
const INDEX_SPAN = 2 ** 21;
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

/** Bits set in a 32-bit word (SWAR). */
function popcount32(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Bits that differ between hashes `a` and `b`, stopping once past `limit`. */
function distance(words: Uint32Array, a: number, b: number, limit = Number.POSITIVE_INFINITY): number {
  let bits = 0;
  for (let w = 0; w < WORDS && bits <= limit; w++)
    bits += popcount32((words[a * WORDS + w] ?? 0) ^ (words[b * WORDS + w] ?? 0));
  return bits;
}

/** 64 hex digits into 8 words at `index`; false (all zero) when there is no hash. */
function parseHash(hex: string | null, words: Uint32Array, index: number): boolean {
  if (!hex || !/^[0-9a-f]{64}$/.test(hex)) return false;
  for (let w = 0; w < WORDS; w++) words[index * WORDS + w] = Number.parseInt(hex.slice(w * 8, w * 8 + 8), 16);
  return true;
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
    const { candidates, words } = this.#candidates();
    const groups = new Groups(candidates.length);
    const identical = new Set<number>();
    this.#joinIdentical(candidates, groups, identical);
    joinSimilar(candidates, words, groups, maxDistance);

    const members = new Map<number, number[]>();
    candidates.forEach((_, index) => {
      const root = groups.find(index);
      const list = members.get(root);
      if (list) list.push(index);
      else members.set(root, [index]);
    });
    const found: DuplicateGroup[] = [];
    for (const indexes of members.values()) {
      if (indexes.length < 2) continue;
      // Candidates come oldest first, so the group's first logo is the original.
      const first = indexes[0] as number;
      const spread = Math.max(
        ...indexes.map((i) => (candidates[first]?.measured && candidates[i]?.measured ? distance(words, first, i) : 0)),
      );
      const logos = this.#logos(indexes.map((i) => (candidates[i] as Candidate).id));
      found.push({
        kind: indexes.every((i) => identical.has(i)) ? 'identical' : 'similar',
        distance: spread,
        logos,
      });
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

  #candidates(): { candidates: Candidate[]; words: Uint32Array } {
    const rows = this.#deps.db
      .prepare(
        `SELECT l.id, l.hash, l.dhash, (SELECT s.hash FROM logo_sources s WHERE s.logo_id = l.id) AS source_hash
           FROM logos l WHERE l.deleted_at IS NULL ORDER BY l.imported_at, l.id`,
      )
      .all() as { id: string; hash: string; dhash: string | null; source_hash: string | null }[];
    const words = new Uint32Array(rows.length * WORDS);
    const candidates = rows.map((row, index) => ({
      id: row.id,
      hash: row.hash,
      sourceHash: row.source_hash,
      look: row.dhash,
      measured: parseHash(row.dhash, words, index),
    }));
    return { candidates, words };
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
    if (missing.length === 0) return 0;
    // Loaded only here: Electron main must not load sharp at start-up (bundles and start-up tests).
    const [{ default: sharp }, { perceptualHash }] = await Promise.all([
      import('sharp'),
      import('../intake/perceptual-hash.ts'),
    ]);
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

/**
 * Near-identical looks without comparing every pair: hashes within 15 bits share at least one of
 * 16 bands exactly (pigeonhole), so only logos in the same band bucket are compared. Blank bands
 * (paper) and very common ones are not keys; a near-identical pair shares several bands, so it
 * still meets in one of the others.
 */
function joinSimilar(candidates: readonly Candidate[], words: Uint32Array, groups: Groups, maxDistance: number): void {
  // Exact look-alikes first, however many: the band runs below skip very common values.
  const sameLook = new Map<string, number>();
  // One entry per (band value, logo), packed as key * 2^21 + index in a float64 (exact below
  // 2^53), sorted natively: equal keys end up side by side, with no map of 1.6 M arrays.
  const entries = new Float64Array(candidates.length * BANDS);
  let count = 0;
  candidates.forEach((candidate, index) => {
    if (!candidate.measured || !candidate.look) return;
    const twin = sameLook.get(candidate.look);
    if (twin === undefined) sameLook.set(candidate.look, index);
    else groups.join(twin, index);
    for (let band = 0; band < BANDS; band++) {
      const word = words[index * WORDS + (band >> 1)] ?? 0;
      const value = band & 1 ? word & 0xffff : word >>> 16;
      if (value !== 0) entries[count++] = (band * 0x10000 + value) * INDEX_SPAN + index;
    }
  });
  const sorted = entries.subarray(0, count).sort();
  for (let start = 0; start < count; ) {
    const key = Math.floor((sorted[start] ?? 0) / INDEX_SPAN);
    let end = start + 1;
    while (end < count && Math.floor((sorted[end] ?? 0) / INDEX_SPAN) === key) end++;
    if (end - start <= MAX_BUCKET) {
      for (let i = start; i < end; i++) {
        const a = (sorted[i] ?? 0) % INDEX_SPAN;
        for (let j = i + 1; j < end; j++) {
          const b = (sorted[j] ?? 0) % INDEX_SPAN;
          if (groups.find(a) !== groups.find(b) && distance(words, a, b, maxDistance) <= maxDistance) groups.join(a, b);
        }
      }
    }
    start = end;
  }
}
