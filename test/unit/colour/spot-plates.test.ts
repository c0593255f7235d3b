import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessorResult } from '../../../src/main/core/pipeline/processor.ts';
import { pdf } from '../../../src/main/core/pipeline/processors/pdf/pdf-processor.ts';
import { separations } from '../../../src/main/core/pipeline/processors/separations/separations-processor.ts';
import { deltaE76, hexToRgb, isPaperWhite, rgbToLab, toHex } from '../../../src/shared/colour.ts';
import { DEFAULT_PRINT_SETUP } from '../../../src/shared/print.ts';
import { scaled } from '../../helpers/scale.ts';
import { context, svgInput } from '../processors/helpers.ts';

const run = promisify(execFile);

/** Every `count`-th item, evenly spread: the artwork sweep's seeded choice. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, k) => items[Math.floor(k * step)] as T);
}

/**
 * The artwork corpus of the sweep (artwork-sweep.slow.test.ts): 24 flag-icons flags and 16 devicon
 * colour marks, spread evenly, as paths under node_modules.
 */
function artworkCorpus(): string[] {
  const flags = readdirSync('node_modules/flag-icons/flags/4x3')
    .filter((file) => file.endsWith('.svg'))
    .sort();
  const marks = readdirSync('node_modules/devicon/icons')
    .sort()
    .map((name) => `devicon/icons/${name}/${name}-original.svg`)
    .filter((path) => existsSync(join('node_modules', path)));
  return [...spread(flags, 24).map((file) => `flag-icons/flags/4x3/${file}`), ...spread(marks, 16)];
}

/** The flags and marks a printer named in the review, always; the whole artwork corpus in the slow project. */
const NAMED = [
  'flag-icons/flags/4x3/mx.svg',
  'flag-icons/flags/4x3/br.svg',
  'flag-icons/flags/4x3/za.svg',
  'devicon/icons/html5/html5-original.svg',
  'devicon/icons/slack/slack-original.svg',
  'devicon/icons/typescript/typescript-original.svg',
];
const LOGOS = scaled(NAMED, [...new Set([...NAMED, ...artworkCorpus()])]);
const DPI = 72;

interface Ink {
  readonly name: string;
  readonly hex: string;
  readonly coverage: number;
}
interface Merge {
  readonly hex: string;
  readonly into: string;
  readonly deltaE: number;
  readonly coverage: number;
  readonly reason: string;
}
type Plate = { name: string; page: number; ink: Uint8Array; width: number; height: number };

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'marque-plates-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Ghostscript's tiffsep: one 8-bit file per plate (process and every Separation), 255 = no ink. */
async function tiffsep(bytes: Uint8Array, name: string, dpi = DPI): Promise<Plate[]> {
  const folder = await mkdtemp(join(dir, `${name}-`));
  await writeFile(join(folder, 'in.pdf'), bytes);
  await run(
    'gs',
    ['-q', '-dSAFER', '-dBATCH', '-dNOPAUSE', '-sDEVICE=tiffsep', `-r${dpi}`, '-o', 'out%d.tif', 'in.pdf'],
    {
      cwd: folder,
    },
  );
  const plates: Plate[] = [];
  for (const file of await readdir(folder)) {
    const match = /^out(\d+)\((.+)\)\.tif$/.exec(file);
    if (!match) continue;
    const { data, info } = await sharp(join(folder, file)).raw().toBuffer({ resolveWithObject: true });
    const ink = new Uint8Array(info.width * info.height);
    for (let i = 0; i < ink.length; i++) ink[i] = 255 - (data[i * info.channels] as number);
    plates.push({ name: match[2] as string, page: Number(match[1]), ink, width: info.width, height: info.height });
  }
  return plates;
}

/** The ink (and strength, 5-95 %) whose tint on white paper is within dE76 3 of `lab`; null when none is. */
function tintOf(lab: ReturnType<typeof rgbToLab>, inks: readonly Ink[]): { ink: Ink; strength: number } | null {
  let best: { ink: Ink; strength: number; distance: number } | null = null;
  for (const ink of inks) {
    const rgb = hexToRgb(ink.hex);
    for (let strength = 0.05; strength <= 0.951; strength += 0.01) {
      const blend = rgb.map((v) => Math.round(v * strength + 255 * (1 - strength))) as [number, number, number];
      const distance = deltaE76(lab, rgbToLab(blend));
      if (distance < 3 && (!best || distance < best.distance)) best = { ink, strength, distance };
    }
  }
  return best && { ink: best.ink, strength: best.strength };
}

const coverageOf = (plate: Plate): number => plate.ink.reduce((sum, v) => sum + v, 0) / 255 / plate.ink.length;

describe('spot inks on real logos, checked on Ghostscript tiffsep plates', () => {
  for (const logo of LOGOS) {
    it(`${logo}: one plate per visible colour, each colour on its nearest ink's plate`, async () => {
      const svg = await readFile(join('node_modules', logo), 'utf8');
      const input = await svgInput(svg, logo);
      const result = await pdf.run(
        input,
        pdf.options.parse({ variants: ['full-color'], color: 'spot', widthMm: 100 }),
        context(),
      );
      const inks = result.facts?.inks as Ink[];
      const merges = result.facts?.merges as Merge[];
      const plates = await tiffsep(result.files[0]?.bytes as Uint8Array, logo.replace(/\W/g, '_'));
      // An ink named Black is the process black plate (PDF reserves the process names).
      const spot = plates.filter((plate) => inks.some((ink) => ink.name === plate.name));
      // Exactly the inks the facts list, each printing at least 0.1 % of the page.
      expect(spot.map((plate) => plate.name).sort()).toEqual(inks.map((ink) => ink.name).sort());
      const others = plates.filter((plate) => !spot.includes(plate));
      // Gradients print in process CMYK, with a warning (issue 13, item 4): only then may C, M, Y, K carry ink.
      const warnings = (result.facts?.warnings ?? []) as string[];
      const gradientsInProcess = warnings.some((warning) => warning.startsWith('Gradients'));
      if (!gradientsInProcess)
        for (const plate of others) expect(coverageOf(plate), `${plate.name} (process, unused)`).toBeLessThan(0.01);
      // 72 dpi film drops thin lines: a plate near the floor is measured again at 200 dpi.
      const thin = spot.filter((plate) => coverageOf(plate) < 0.001).map((plate) => plate.name);
      const fine =
        thin.length > 0
          ? await tiffsep(result.files[0]?.bytes as Uint8Array, `${logo.replace(/\W/g, '_')}-fine`, 200)
          : [];
      for (const plate of [...spot.filter((p) => !thin.includes(p.name)), ...fine.filter((p) => thin.includes(p.name))])
        expect(coverageOf(plate), plate.name).toBeGreaterThanOrEqual(0.001);
      expect(fine.filter((plate) => thin.includes(plate.name))).toHaveLength(thin.length);
      const inProcess = (i: number): boolean => others.some((plate) => (plate.ink[i] as number) >= 32);

      // The artwork as the screen shows it, at the plates' size.
      const { width, height } = (spot[0] ?? plates[0]) as Plate;
      const { data } = await sharp(Buffer.from(svg))
        .resize(width, height, { fit: 'fill' })
        .flatten({ background: '#ffffff' })
        .raw()
        .toBuffer({ resolveWithObject: true });
      // Interior pixels only: an edge at a fixed sub-pixel offset blends to one colour all along it.
      const interior = (i: number): boolean => {
        const x = i % width;
        const y = Math.floor(i / width);
        if (x === 0 || y === 0 || x === width - 1 || y === height - 1) return false;
        for (const d of [-1, 1, -width, width, -width - 1, -width + 1, width - 1, width + 1])
          for (let c = 0; c < 3; c++) if (data[(i + d) * 3 + c] !== data[i * 3 + c]) return false;
        return true;
      };
      // Every colour covering at least 0.1 % of the page has a plate within dE76 3, or is a merge the facts report.
      const counts = new Map<number, number>();
      for (let i = 0; i < width * height; i++) {
        if (!interior(i) || (gradientsInProcess && inProcess(i))) continue;
        const key = ((data[i * 3] as number) << 16) | ((data[i * 3 + 1] as number) << 8) | (data[i * 3 + 2] as number);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      for (const [key, n] of counts) {
        const rgb = [key >> 16, (key >> 8) & 255, key & 255] as const;
        if (n / (width * height) < 0.001 || isPaperWhite(rgb)) continue;
        const lab = rgbToLab(rgb);
        const near = Math.min(...inks.map((ink) => deltaE76(lab, rgbToLab(hexToRgb(ink.hex)))));
        const merged = merges.some((merge) => deltaE76(lab, rgbToLab(hexToRgb(merge.hex))) < 3);
        if (near < 3 || merged) continue;
        // A translucent ink over paper is a tint of that ink, printed on its plate at that strength.
        const tint = tintOf(lab, inks);
        const what = `${toHex(rgb)} (${((100 * n) / (width * height)).toFixed(2)} %)`;
        expect(tint, `${what}: no ink, merge or tint of an ink within dE76 3`).not.toBeNull();
        const { ink, strength } = tint as { ink: Ink; strength: number };
        const plate = spot.find((candidate) => candidate.name === ink.name) as Plate;
        let sum = 0;
        let pixels = 0;
        for (let i = 0; i < width * height; i++) {
          if (
            !interior(i) ||
            ((data[i * 3] as number) << 16) + ((data[i * 3 + 1] as number) << 8) + (data[i * 3 + 2] as number) !== key
          )
            continue;
          sum += (plate.ink[i] as number) / 255;
          pixels++;
        }
        expect(
          Math.abs(sum / pixels - strength),
          `${what} as a ${Math.round(strength * 100)} % tint of ${ink.name}`,
        ).toBeLessThan(0.15);
      }
      // Each ink's own colour prints on its plate and on no other spot plate (knockout).
      for (const ink of inks) {
        const plate = spot.find((candidate) => candidate.name === ink.name) as Plate;
        const lab = rgbToLab(hexToRgb(ink.hex));
        let pixels = 0;
        let onPlate = 0;
        let elsewhere = 0;
        for (let i = 0; i < width * height; i++) {
          // Interior pixels only, as above: the two renderers (librsvg, Ghostscript) place edges apart.
          if (!interior(i) || (gradientsInProcess && inProcess(i))) continue;
          if (
            deltaE76(rgbToLab([data[i * 3] as number, data[i * 3 + 1] as number, data[i * 3 + 2] as number]), lab) >= 1
          )
            continue;
          pixels++;
          if ((plate.ink[i] as number) >= 128) onPlate++;
          if (spot.some((other) => other !== plate && (other.ink[i] as number) >= 128)) elsewhere++;
        }
        if (pixels < 20) continue; // fine detail: anti-aliasing leaves no pure pixel to test
        expect(onPlate / pixels, `${ink.name} on its plate`).toBeGreaterThan(0.95);
        expect(elsewhere / pixels, `${ink.name} on another plate`).toBeLessThan(0.05);
      }
    });
  }

  it('a mark drawn in gradients with only slivers of flat colour gets no empty spot plate: all process, said so', async () => {
    const svg = await readFile('node_modules/devicon/icons/maven/maven-original.svg', 'utf8');
    const result = await pdf.run(
      await svgInput(svg, 'maven'),
      pdf.options.parse({ variants: ['full-color'], color: 'spot', widthMm: 100 }),
      context(),
    );
    expect(result.facts?.inks).toEqual([]);
    expect(result.facts?.merges).toContainEqual(
      expect.objectContaining({ hex: '#be202e', into: 'process CMYK', reason: 'invisible' }),
    );
    expect(((result.facts?.warnings ?? []) as string[]).some((warning) => warning.startsWith('Gradients'))).toBe(true);
  });

  it('the Mexican flag prints its green and red bands on their own inks, emblem colours merged and reported', async () => {
    const svg = await readFile('node_modules/flag-icons/flags/4x3/mx.svg', 'utf8');
    const result = await pdf.run(
      await svgInput(svg, 'mx'),
      pdf.options.parse({ variants: ['full-color'], color: 'spot', maxInks: 3 }),
      context(),
    );
    const inks = result.facts?.inks as Ink[];
    const merges = result.facts?.merges as Merge[];
    expect(inks.slice(0, 2).map((ink) => ink.hex)).toEqual(['#006847', '#ce1126']);
    expect(inks[0]?.coverage).toBeGreaterThan(0.3);
    expect(inks).toHaveLength(3);
    // The user allowed 3 inks: the facts say which colours went where and how far they moved.
    const limited = merges.filter((merge) => merge.reason === 'ink-limit');
    expect(limited.length).toBeGreaterThan(0);
    for (const merge of limited) {
      expect(inks.map((ink) => ink.name)).toContain(merge.into);
      expect(merge.deltaE).toBeGreaterThan(0);
    }
    expect(result.facts?.paper).toEqual(['#ffffff']);
  });

  it('the designer splits a merged colour off: it gets its own ink and plate, the ink limit still holds', async () => {
    const svg = await readFile('node_modules/flag-icons/flags/4x3/mx.svg', 'utf8');
    const options = { variants: ['full-color'], color: 'spot', maxInks: 3 } as const;
    const before = await pdf.run(await svgInput(svg, 'mx'), pdf.options.parse(options), context());
    // The largest colour the ink limit merged away.
    const split = ((before.facts?.merges ?? []) as Merge[])
      .filter((merge) => merge.reason === 'ink-limit')
      .sort((a, b) => b.coverage - a.coverage)[0];
    if (!split) throw new Error('no ink-limit merge to split');
    const result = await pdf.run(
      await svgInput(svg, 'mx'),
      pdf.options.parse({ ...options, keepInks: [split.hex] }),
      context(),
    );
    const inks = result.facts?.inks as Ink[];
    const merges = result.facts?.merges as Merge[];
    expect(inks).toHaveLength(3);
    const own = inks.find((ink) => ink.hex === split.hex) as Ink;
    expect(own, `${split.hex} has an ink of its own`).toBeDefined();
    expect(merges.map((merge) => merge.hex)).not.toContain(split.hex);
    // On film: the colour's plate carries ink.
    const plates = await tiffsep(result.files[0]?.bytes as Uint8Array, 'mx-split');
    const plate = plates.find((candidate) => candidate.name === own.name) as Plate;
    expect(plate).toBeDefined();
    expect(coverageOf(plate)).toBeGreaterThan(0);
  });

  it('the designer renames an ink and reassigns a colour to another ink; the plates follow', async () => {
    const svg = await readFile('node_modules/flag-icons/flags/4x3/za.svg', 'utf8');
    const result = await pdf.run(
      await svgInput(svg, 'za'),
      pdf.options.parse({
        variants: ['full-color'],
        color: 'spot',
        widthMm: 100,
        inkNames: { '#007847': 'Springbok Green' },
        mergeInks: [{ from: '#ffb915', into: '#e1392d' }],
      }),
      context(),
    );
    const inks = result.facts?.inks as Ink[];
    const merges = result.facts?.merges as Merge[];
    expect(inks.map((ink) => ink.name)).toContain('Springbok Green');
    expect(inks.map((ink) => ink.hex)).not.toContain('#ffb915');
    const red = inks.find((ink) => ink.hex === '#e1392d') as Ink;
    expect(merges).toContainEqual(expect.objectContaining({ hex: '#ffb915', into: red.name, reason: 'user' }));
    // The gold band prints on the red plate, as the designer asked.
    const plates = await tiffsep(result.files[0]?.bytes as Uint8Array, 'za-reassigned');
    const redPlate = plates.find((plate) => plate.name === red.name) as Plate;
    const { width, height } = redPlate;
    const { data } = await sharp(Buffer.from(svg)).resize(width, height, { fit: 'fill' }).flatten().raw().toBuffer({
      resolveWithObject: true,
    });
    let gold = 0;
    let onRed = 0;
    for (let i = 0; i < width * height; i++) {
      if (toHex([data[i * 3] as number, data[i * 3 + 1] as number, data[i * 3 + 2] as number]) !== '#ffb915') continue;
      gold++;
      if ((redPlate.ink[i] as number) >= 128) onRed++;
    }
    expect(gold).toBeGreaterThan(50);
    expect(onRed / gold).toBeGreaterThan(0.95);
    expect(plates.some((plate) => plate.name === 'Springbok Green')).toBe(true);
  });

  it('a two-ink gradient prints as two overprinting spot tints when asked, in process CMYK by default', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="20mm" viewBox="0 0 100 20"><linearGradient id="g">' +
      '<stop offset="0" stop-color="#e30613"/><stop offset="1" stop-color="#0055a4"/></linearGradient>' +
      '<rect width="100" height="20" fill="url(#g)"/></svg>';
    const process = await pdf.run(
      await svgInput(svg, 'blend'),
      pdf.options.parse({ variants: ['full-color'], color: 'spot' }),
      context(),
    );
    expect(((process.facts?.warnings as string[] | undefined) ?? []).join(' ')).toMatch(
      /Gradients .* print in process CMYK/,
    );
    const tints = await pdf.run(
      await svgInput(svg, 'blend'),
      pdf.options.parse({ variants: ['full-color'], color: 'spot', gradients: 'spot-tints' }),
      context(),
    );
    const inks = tints.facts?.inks as Ink[];
    expect(inks.map((ink) => ink.hex).sort()).toEqual(['#0055a4', '#e30613']);
    const plates = await tiffsep(tints.files[0]?.bytes as Uint8Array, 'blend');
    const red = plates.find((plate) => plate.name === 'Spot E30613') as Plate;
    const blue = plates.find((plate) => plate.name === 'Spot 0055A4') as Plate;
    const column = (plate: Plate, fraction: number): number => {
      const x = Math.round(fraction * (plate.width - 1));
      let sum = 0;
      for (let y = 0; y < plate.height; y++) sum += plate.ink[y * plate.width + x] as number;
      return sum / plate.height / 255;
    };
    // Red fades out left to right while blue fades in, both printing in the middle (overprint).
    expect(column(red, 0.02)).toBeGreaterThan(0.9);
    expect(column(red, 0.98)).toBeLessThan(0.1);
    expect(column(blue, 0.02)).toBeLessThan(0.1);
    expect(column(blue, 0.98)).toBeGreaterThan(0.9);
    expect(column(red, 0.5)).toBeGreaterThan(0.3);
    expect(column(blue, 0.5)).toBeGreaterThan(0.3);
    for (const name of ['Cyan', 'Magenta', 'Yellow', 'Black']) {
      const plate = plates.find((p) => p.name === name) as Plate;
      expect(coverageOf(plate), name).toBeLessThan(0.001);
    }
  });

  it('Brazil keeps its green field apart from the lettering green (dE76 5.6); near-white is paper', async () => {
    const svg = await readFile('node_modules/flag-icons/flags/4x3/br.svg', 'utf8');
    const result = await pdf.run(
      await svgInput(svg, 'br'),
      pdf.options.parse({ variants: ['full-color'], color: 'spot' }),
      context(),
    );
    const hexes = ((result.facts?.inks as Ink[] | undefined) ?? []).map((ink) => ink.hex);
    expect(hexes).toContain('#229e45');
    expect(hexes).toContain('#309e3a');
    expect(result.facts?.paper).toContain('#ffffef');
    expect(hexes).not.toContain('#ffffef');
  });

  it('CMYK output stays within the coverage limit on every pixel (South Africa’s #000001 field)', async () => {
    const svg = await readFile('node_modules/flag-icons/flags/4x3/za.svg', 'utf8');
    for (const limit of [300, 260]) {
      const input = { ...(await svgInput(svg, 'za')), print: { ...DEFAULT_PRINT_SETUP, coverageLimit: limit } };
      const result: ProcessorResult = await pdf.run(
        input,
        pdf.options.parse({ variants: ['full-color'], color: 'cmyk', widthMm: 100 }),
        context(),
      );
      const plates = await tiffsep(result.files[0]?.bytes as Uint8Array, `za-cmyk-${limit}`);
      const process = ['Cyan', 'Magenta', 'Yellow', 'Black'].map(
        (name) => plates.find((p) => p.name === name) as Plate,
      );
      let worst = 0;
      for (let i = 0; i < (process[0] as Plate).ink.length; i++) {
        const total = process.reduce((sum, plate) => sum + (plate.ink[i] as number), 0) / 2.55;
        worst = Math.max(worst, total);
      }
      // 8-bit plates round each ink by up to 0.2 %.
      expect(worst).toBeLessThanOrEqual(limit + 1);
      // The black field is a large area: rich black, not 300 % of C+M+K as the old formula gave.
      expect(worst).toBeGreaterThan(100);
    }
  });

  it('separations: trap on by default for spot inks (width in the facts), no empty plates', async () => {
    const svg = await readFile('node_modules/flag-icons/flags/4x3/za.svg', 'utf8');
    const result = await separations.run(
      await svgInput(svg, 'za'),
      separations.options.parse({ dpi: 300, printWidthMm: 200, halftone: false }),
      context(),
    );
    const trap = result.facts?.trap as { pt: number; auto: boolean; filmPx: number };
    expect(trap.auto).toBe(true);
    expect(trap.pt).toBe(0.5);
    expect(trap.filmPx).toBeGreaterThan(1);
    const plates = await tiffsep(
      (result.files.find((file) => file.path === 'separations.pdf') as { bytes: Uint8Array }).bytes,
      'za-seps',
    );
    const names = ((result.facts?.plates as { name: string }[] | undefined) ?? []).map((plate) => plate.name);
    expect(names).toHaveLength(5);
    names.forEach((name, index) => {
      // Plate pages carry their ink (and the marks): the art makes each well over 0.1 % of the page.
      const plate = plates.find((p) => p.name === name && p.page === index + 1) as Plate;
      expect(coverageOf(plate), name).toBeGreaterThan(0.01);
    });
  });
});
