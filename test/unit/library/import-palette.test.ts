import { readFileSync } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMarque } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const require = createRequire(import.meta.url);
const BITCOIN_ORANGE = '#f7931a';
const BRAZIL_YELLOW = '#f8e509';

let dir: { path: string; cleanup: () => Promise<void> };
let dataDir: string;

/** Runs `marque` on the test's library; it must succeed. Returns what it printed. */
function marque(...args: string[]): string {
  const { code, stdout, stderr } = runMarque([...args, '--data-dir', dataDir]);
  expect(code, stderr).toBe(0);
  return stdout;
}

interface ListReply {
  total: number;
  logos: { id: string; name: string }[];
}

function namesWithColour(hex: string, tolerance?: string): string[] {
  const extra = tolerance ? ['--tolerance', tolerance] : [];
  const reply = JSON.parse(marque('list', '--color', hex, ...extra, '--json')) as ListReply;
  return reply.logos.map((logo) => logo.name).sort();
}

beforeAll(async () => {
  dir = await tempDir();
  dataDir = join(dir.path, 'data');
  // Real art: the Bitcoin mark in its brand orange (SVG, and a JPEG of it on white paper),
  // Brazil's flag (a full-bleed green field) and a black GitHub mark.
  const bitcoinPath = /<path d="([^"]+)"/.exec(readFileSync(require.resolve('simple-icons/icons/bitcoin.svg'), 'utf8'));
  const bitcoin = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="${BITCOIN_ORANGE}" d="${bitcoinPath?.[1]}"/></svg>`;
  await writeFile(join(dir.path, 'bitcoin.svg'), bitcoin);
  await sharp(Buffer.from(bitcoin), { density: 1200 })
    .resize(400, 400, { fit: 'contain', background: '#ffffff' })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 90 })
    .toFile(join(dir.path, 'bitcoin-on-white.jpg'));
  await copyFile(require.resolve('flag-icons/flags/4x3/br.svg'), join(dir.path, 'brazil.svg'));
  await copyFile(require.resolve('simple-icons/icons/github.svg'), join(dir.path, 'github.svg'));
  marque('import', dir.path);
});

afterAll(async () => {
  await dir?.cleanup();
});

describe('colour search works on a fresh library (palette measured at import)', () => {
  it('finds each logo by its dominant colour without running any recipe', () => {
    expect(namesWithColour(BITCOIN_ORANGE)).toEqual(['bitcoin', 'bitcoin-on-white']);
    expect(namesWithColour(BRAZIL_YELLOW)).toEqual(['brazil']);
    expect(namesWithColour('#000000')).toContain('github');
    // Paper is not a brand colour: the JPEG on white is not found by white.
    expect(namesWithColour('#ffffff', '4')).not.toContain('bitcoin-on-white');
    // A brand colour typed short (#rgb): #e80 is ΔE76 4.2 from Bitcoin orange, inside the default
    // tolerance, outside a tolerance of 2.
    expect(namesWithColour('#e80')).toEqual(['bitcoin', 'bitcoin-on-white']);
    expect(namesWithColour('e80', '2')).toEqual([]);
    // No job was queued or run to get there.
    const jobs = JSON.parse(marque('jobs', '--json')) as { jobs?: unknown[]; total?: number };
    expect(jobs.jobs?.length ?? jobs.total ?? 0).toBe(0);
  });
});
