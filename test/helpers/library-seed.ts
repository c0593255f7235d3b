/**
 * Fills a library database with logo rows directly (no intake, no files): for search tests and
 * the search benchmark, which measure queries, not imports. Names are real brand titles from
 * simple-icons; tags and palettes are drawn from a seeded generator, so runs are repeatable.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Db } from '../../src/main/core/database/database.ts';
import { writePalette } from '../../src/main/core/library/palette-rows.ts';

export const SEED_TAGS = [
  'client',
  'archive',
  'wip',
  'approved',
  'print',
  'web',
  'mono',
  'colour',
  'agency',
  'internal',
  'sport',
  'food',
];
const FORMATS = ['svg', 'png', 'png', 'jpeg', 'webp', 'pdf'] as const;

const require = createRequire(import.meta.url);
let titles: string[] | null = null;

export function brandTitles(): string[] {
  if (titles) return titles;
  const data = JSON.parse(readFileSync(require.resolve('simple-icons/icons.json'), 'utf8')) as { title: string }[];
  titles = data.map((icon) => icon.title);
  return titles;
}

/** Mulberry32: a small seeded generator. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeededLogo {
  readonly id: string;
  readonly name: string;
  readonly tags: readonly string[];
  readonly colors: readonly string[];
}

/** Inserts `count` logos (with tags and 1-5 palette colours each) in one transaction. */
export function seedLogos(db: Db, count: number, seed = 1): SeededLogo[] {
  const random = seeded(seed);
  const names = brandTitles();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const hex = () =>
    `#${Math.floor(random() * 0xffffff)
      .toString(16)
      .padStart(6, '0')}`;
  const logos: SeededLogo[] = [];
  const insertBlob = db.prepare('INSERT INTO blobs (hash, byte_size, created_at) VALUES (?, ?, ?)');
  const insertLogo = db.prepare(
    `INSERT INTO logos (id, name, format, is_vector, width, height, has_alpha, byte_size, hash, source_path, imported_at, updated_at, favorite)
     VALUES (@id, @name, @format, @isVector, @width, @height, 1, @size, @hash, NULL, @at, @at, @favorite)`,
  );
  const insertTag = db.prepare('INSERT OR IGNORE INTO logo_tags (logo_id, tag) VALUES (?, ?)');
  const start = Date.parse('2024-01-01T00:00:00Z');
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = `seed${seed}x${i.toString(36).padStart(5, '0')}`;
      const base = names[i % names.length] as string;
      const name = i < names.length ? base : `${base} ${Math.floor(i / names.length) + 1}`;
      const hash = createHash('sha256').update(id).digest('hex');
      const format = pick(FORMATS);
      const size = 2_000 + Math.floor(random() * 400_000);
      const at = new Date(start + i * 60_000).toISOString();
      insertBlob.run(hash, size, at);
      insertLogo.run({
        id,
        name,
        format,
        isVector: format === 'svg' || format === 'pdf' ? 1 : 0,
        width: 256,
        height: 256,
        size,
        hash,
        at,
        favorite: random() < 0.1 ? 1 : 0,
      });
      const tags = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(SEED_TAGS)))];
      for (const tag of tags) insertTag.run(id, tag);
      const colors = Array.from({ length: 1 + Math.floor(random() * 5) }, hex);
      writePalette(
        db,
        id,
        colors.map((c, n) => ({ hex: c, share: 1 / (n + 1) })),
        false,
      );
      logos.push({ id, name, tags, colors });
    }
  })();
  return logos;
}
