/**
 * The real-world corpus of issue 12 for the artwork bench: every flag of flag-icons (4x3), every
 * colour and wordmark variant of devicon, and 100 each of simple-icons (painted in their brand
 * colour) and the Iconify logos, spread evenly over their sorted names (both packages hold
 * thousands of near-alike marks; flags and devicon are where the hard cases are). A bench run
 * draws a seeded sample spread evenly over the four sources, or takes the whole corpus.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { corpusMarks } from '../test/helpers/corpus.ts';

export type CorpusSource = 'flag' | 'devicon' | 'simple-icons' | 'iconify';

export interface CorpusLogo {
  readonly name: string;
  readonly source: CorpusSource;
  readonly svg: string;
}

const require = createRequire(import.meta.url);

function flags(): CorpusLogo[] {
  const dir = join(dirname(require.resolve('flag-icons/package.json')), 'flags', '4x3');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.svg'))
    .sort()
    .map((file) => ({ name: `flag-${file.slice(0, -4)}`, source: 'flag', svg: readFileSync(join(dir, file), 'utf8') }));
}

function devicon(): CorpusLogo[] {
  const dir = join(dirname(require.resolve('devicon/package.json')), 'icons');
  return readdirSync(dir)
    .sort()
    .flatMap((icon) =>
      readdirSync(join(dir, icon))
        .filter((file) => /-(original|original-wordmark)\.svg$/.test(file))
        .sort()
        .map((file) => ({
          name: `devicon-${file.slice(0, -4)}`,
          source: 'devicon' as const,
          svg: readFileSync(join(dir, icon, file), 'utf8'),
        })),
    );
}

/** How many simple-icons and Iconify logos the corpus holds (each). */
const MARKS_PER_PACKAGE = 100;

function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, k) => items[Math.floor(k * step)] as T);
}

/** Every logo of the corpus, by source. */
export function corpusBySource(): Record<CorpusSource, CorpusLogo[]> {
  const marks = corpusMarks();
  return {
    flag: flags(),
    devicon: devicon(),
    'simple-icons': spread(
      marks.filter((m) => m.name.startsWith('si-')).sort((a, b) => a.name.localeCompare(b.name)),
      MARKS_PER_PACKAGE,
    ).map((m) => ({ name: m.name, source: 'simple-icons', svg: m.svg })),
    iconify: spread(
      marks.filter((m) => m.name.startsWith('logos-')).sort((a, b) => a.name.localeCompare(b.name)),
      MARKS_PER_PACKAGE,
    ).map((m) => ({ name: m.name, source: 'iconify', svg: m.svg })),
  };
}

/** mulberry32: a small seeded generator, so a sample is the same on every machine. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` logos (a quarter from each source), drawn with `seed`; every logo when count is Infinity. */
export function corpusSample(count: number, seed = 12): CorpusLogo[] {
  const bySource = corpusBySource();
  const random = seeded(seed);
  const out: CorpusLogo[] = [];
  const sources = Object.values(bySource);
  for (const [k, logos] of sources.entries()) {
    const share = Math.ceil((count - out.length) / (sources.length - k));
    const shuffled = [...logos];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j] as CorpusLogo, shuffled[i] as CorpusLogo];
    }
    out.push(...shuffled.slice(0, Number.isFinite(share) ? share : shuffled.length));
  }
  return out;
}

/**
 * The logos a bench run measures: MARQUE_ARTWORK_ONLY (names, comma-separated) or
 * MARQUE_ARTWORK_LOGOS (a sample size; unset or "all" is the whole corpus).
 */
export function selectedLogos(env: NodeJS.ProcessEnv = process.env): CorpusLogo[] {
  const only = env.MARQUE_ARTWORK_ONLY?.split(',').filter(Boolean);
  if (only) return corpusSample(Number.POSITIVE_INFINITY).filter((logo) => only.includes(logo.name));
  const setting = env.MARQUE_ARTWORK_LOGOS ?? 'all';
  return corpusSample(setting === 'all' ? Number.POSITIVE_INFINITY : Number(setting));
}
