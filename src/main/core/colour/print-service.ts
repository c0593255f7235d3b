import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { type Rgb, toHex } from '../../../shared/colour.ts';
import { MarqueError } from '../../../shared/errors.ts';
import {
  BUILTIN_PROFILE_NAME,
  DEFAULT_PRINT_SETUP,
  type NamedInk,
  type PrintSetup,
  type PrintStatus,
  printSetup,
} from '../../../shared/print.ts';
import { writeBytesAtomic } from '../files/atomic-write.ts';
import { type Settings, setting } from '../settings.ts';
import { readAse, type Swatch } from './ase.ts';
import { builtinCmykProfile, inspectCmykProfile, type PressTransform, pressTransform } from './icc.ts';

/** What Settings keeps: the setup jobs get, plus every profile and book the user added. */
const storedPrint = z
  .object({
    setup: printSetup,
    profiles: z.array(
      z.object({ id: z.string(), name: z.string(), fileName: z.string(), coverageLimit: z.number() }).strict(),
    ),
    builtinCoverageLimit: z.number(),
    books: z.array(z.object({ id: z.string(), name: z.string(), inks: z.number() }).strict()),
  })
  .strict();
type StoredPrint = z.output<typeof storedPrint>;

const EMPTY: StoredPrint = { setup: DEFAULT_PRINT_SETUP, profiles: [], builtinCoverageLimit: 300, books: [] };

const SETTING = setting('print', storedPrint, EMPTY);

export interface PrintConfigure {
  readonly profileId?: string | undefined;
  readonly intent?: PrintSetup['intent'] | undefined;
  readonly blackPointCompensation?: boolean | undefined;
  readonly coverageLimit?: number | undefined;
  readonly richBlack?: PrintSetup['richBlack'] | undefined;
  readonly richBlackMinMm?: number | undefined;
}

/**
 * Print colour settings: the press profile (built in, or .icc files kept in `<data>/print/profiles`),
 * intent, coverage limit per profile, rich black, and swatch books parsed once into
 * `<data>/print/swatches/<sha>.json` (named inks as sRGB) for jobs to match against.
 */
export class PrintService {
  readonly #settings: Settings;
  readonly #profiles: string;
  readonly #swatches: string;

  constructor(settings: Settings, dataDir: string) {
    this.#settings = settings;
    this.#profiles = join(dataDir, 'print', 'profiles');
    this.#swatches = join(dataDir, 'print', 'swatches');
  }

  #read(): StoredPrint {
    return this.#settings.get(SETTING);
  }

  /** The setup every print job gets (it joins their cache key). */
  setup(): PrintSetup {
    return this.#read().setup;
  }

  status(): PrintStatus {
    const stored = this.#read();
    return {
      setup: stored.setup,
      profiles: [
        { id: 'builtin', name: BUILTIN_PROFILE_NAME, fileName: null, coverageLimit: stored.builtinCoverageLimit },
        ...stored.profiles,
      ],
      swatchBooks: stored.books,
    };
  }

  configure(change: PrintConfigure): PrintStatus {
    const stored = this.#read();
    let setup = { ...stored.setup };
    let { profiles, builtinCoverageLimit } = stored;
    if (change.profileId !== undefined && change.profileId !== setup.profile.id) {
      const chosen = profiles.find((profile) => profile.id === change.profileId);
      if (change.profileId === 'builtin') {
        setup = { ...setup, profile: DEFAULT_PRINT_SETUP.profile, coverageLimit: builtinCoverageLimit };
      } else if (chosen) {
        setup = {
          ...setup,
          profile: { id: chosen.id, name: chosen.name, path: join(this.#profiles, `${chosen.id}.icc`) },
          coverageLimit: chosen.coverageLimit,
        };
      } else throw new MarqueError('NOT_FOUND', `No press profile with id ${change.profileId}`);
    }
    if (change.coverageLimit !== undefined) {
      setup.coverageLimit = change.coverageLimit;
      // The limit belongs to the press the profile describes: kept per profile.
      if (setup.profile.id === 'builtin') builtinCoverageLimit = change.coverageLimit;
      else
        profiles = profiles.map((profile) =>
          profile.id === setup.profile.id ? { ...profile, coverageLimit: change.coverageLimit as number } : profile,
        );
    }
    if (change.intent !== undefined) setup.intent = change.intent;
    if (change.blackPointCompensation !== undefined) setup.blackPointCompensation = change.blackPointCompensation;
    if (change.richBlack !== undefined) setup.richBlack = change.richBlack;
    if (change.richBlackMinMm !== undefined) setup.richBlackMinMm = change.richBlackMinMm;
    this.#settings.set(SETTING, { ...stored, setup, profiles, builtinCoverageLimit });
    return this.status();
  }

  async addProfile(fileName: string, bytes: Uint8Array): Promise<PrintStatus> {
    const info = await inspectCmykProfile(bytes, fileName);
    await mkdir(this.#profiles, { recursive: true });
    await writeBytesAtomic(join(this.#profiles, `${info.sha256}.icc`), bytes, true);
    const stored = this.#read();
    if (!stored.profiles.some((profile) => profile.id === info.sha256)) {
      const profiles = [...stored.profiles, { id: info.sha256, name: info.description, fileName, coverageLimit: 300 }];
      this.#settings.set(SETTING, { ...stored, profiles });
    }
    return this.configure({ profileId: info.sha256 });
  }

  async removeProfile(id: string): Promise<PrintStatus> {
    const stored = this.#read();
    if (!stored.profiles.some((profile) => profile.id === id))
      throw new MarqueError('NOT_FOUND', `No press profile with id ${id}`);
    if (stored.setup.profile.id === id) this.configure({ profileId: 'builtin' });
    const after = this.#read();
    this.#settings.set(SETTING, { ...after, profiles: after.profiles.filter((profile) => profile.id !== id) });
    await rm(join(this.#profiles, `${id}.icc`), { force: true });
    return this.status();
  }

  async addSwatchBook(fileName: string, bytes: Uint8Array): Promise<PrintStatus> {
    const swatches = readAse(bytes, fileName);
    const transform = await this.#transform();
    const inks = namedInks(swatches, fileName.replace(/\.ase$/i, ''), transform);
    if (inks.length === 0) throw new MarqueError('INVALID_INPUT', `${fileName}: the swatch book holds no colours`);
    const id = createHash('sha256').update(bytes).digest('hex');
    await mkdir(this.#swatches, { recursive: true });
    const path = join(this.#swatches, `${id}.json`);
    await writeBytesAtomic(path, new TextEncoder().encode(JSON.stringify(inks)), true);
    const stored = this.#read();
    const name = fileName.replace(/\.ase$/i, '');
    if (!stored.books.some((book) => book.id === id)) {
      this.#settings.set(SETTING, {
        ...stored,
        books: [...stored.books, { id, name, inks: inks.length }],
        setup: { ...stored.setup, swatchBooks: [...stored.setup.swatchBooks, { id, name, path }] },
      });
    }
    return this.status();
  }

  async removeSwatchBook(id: string): Promise<PrintStatus> {
    const stored = this.#read();
    if (!stored.books.some((book) => book.id === id))
      throw new MarqueError('NOT_FOUND', `No swatch book with id ${id}`);
    this.#settings.set(SETTING, {
      ...stored,
      books: stored.books.filter((book) => book.id !== id),
      setup: { ...stored.setup, swatchBooks: stored.setup.swatchBooks.filter((book) => book.id !== id) },
    });
    await rm(join(this.#swatches, `${id}.json`), { force: true });
    return this.status();
  }

  async #transform(): Promise<PressTransform> {
    const setup = this.setup();
    const bytes =
      setup.profile.path === null ? await builtinCmykProfile() : new Uint8Array(await readFile(setup.profile.path));
    return pressTransform(bytes, setup.intent, setup.blackPointCompensation);
  }
}

/** A book's swatches as named sRGB inks: Lab (D50) and CMYK through LittleCMS, the press profile for CMYK. */
export function namedInks(swatches: readonly Swatch[], book: string, transform: PressTransform): NamedInk[] {
  return swatches
    .filter((swatch) => swatch.name !== '')
    .map((swatch): NamedInk => {
      const v = swatch.values;
      let rgb: Rgb;
      if (swatch.model === 'RGB') rgb = [(v[0] ?? 0) * 255, (v[1] ?? 0) * 255, (v[2] ?? 0) * 255];
      else if (swatch.model === 'Gray') rgb = [(v[0] ?? 0) * 255, (v[0] ?? 0) * 255, (v[0] ?? 0) * 255];
      else if (swatch.model === 'LAB') rgb = transform.lab50ToRgb([v[0] ?? 0, v[1] ?? 0, v[2] ?? 0]);
      else rgb = transform.cmykToRgb([(v[0] ?? 0) * 100, (v[1] ?? 0) * 100, (v[2] ?? 0) * 100, (v[3] ?? 0) * 100]);
      return { name: swatch.name, hex: toHex(rgb), book };
    });
}

/** Reads the named inks of the setup's swatch books (in a worker, from the JSON the service wrote). */
export async function loadNamedInks(setup: PrintSetup): Promise<NamedInk[]> {
  const inks: NamedInk[] = [];
  for (const book of setup.swatchBooks) {
    try {
      inks.push(...(JSON.parse(await readFile(book.path, 'utf8')) as NamedInk[]));
    } catch (error) {
      throw new MarqueError('NOT_FOUND', `Swatch book "${book.name}" cannot be read: ${(error as Error).message}`);
    }
  }
  return inks;
}
