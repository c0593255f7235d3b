import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareJobs } from '../../../src/main/core/pipeline/job-requests.ts';
import { loadRegistry } from '../../../src/main/core/pipeline/registry.ts';
import { fontFingerprint, TextFonts } from '../../../src/main/core/pipeline/text-fonts.ts';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const DEJAVU = '/usr/share/fonts/truetype/dejavu';
const WITH_TEXT = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80" viewBox="0 0 200 80">
  <rect width="60" height="60" x="10" y="10" fill="#1b2a4a"/><text x="80" y="50" font-family="Brand Sans">Acme</text></svg>`;
const WITHOUT_TEXT = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80" viewBox="0 0 200 80">
  <rect width="60" height="60" x="10" y="10" fill="#1b2a4a"/><circle cx="120" cy="40" r="30" fill="#e30613"/></svg>`;

describe('installed fonts in the cache key of jobs on SVGs with text', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let studio: Studio;
  let fonts: string;

  beforeEach(async () => {
    dir = await tempDir('marque-text-fonts-');
    fonts = join(dir.path, 'fonts');
    await mkdir(fonts);
    await copyFile(join(DEJAVU, 'DejaVuSans.ttf'), join(fonts, 'DejaVuSans.ttf'));
    studio = await createStudio({
      dataDir: join(dir.path, 'data'),
      intakeProcesses: 1,
      pipeline: { workers: 1, scope: 'own' },
    });
  });
  afterEach(async () => {
    await studio.close();
    await dir.cleanup();
  });

  it('fingerprints the font files: same folder, same print; a font added, another', async () => {
    const before = await fontFingerprint([fonts, join(dir.path, 'no-such-folder')]);
    expect(await fontFingerprint([fonts])).toBe(before);
    await copyFile(join(DEJAVU, 'DejaVuSans-Bold.ttf'), join(fonts, 'DejaVuSans-Bold.ttf'));
    expect(await fontFingerprint([fonts])).not.toBe(before);
  });

  it('a new font gives every recipe a new key for a logo with text, and changes nothing else', async () => {
    await writeFile(join(dir.path, 'with-text.svg'), WITH_TEXT);
    await writeFile(join(dir.path, 'without-text.svg'), WITHOUT_TEXT);
    const report = await studio.library.importPaths([
      join(dir.path, 'with-text.svg'),
      join(dir.path, 'without-text.svg'),
    ]);
    const [text, plain] = report.outcomes.map((outcome) => {
      if (outcome.status !== 'imported') throw new Error(`not imported: ${outcome.status}`);
      return outcome.logo.id;
    });
    if (!text || !plain) throw new Error('two logos expected');
    const registry = await loadRegistry();
    const textFonts = new TextFonts({
      masterPath: (hash) => studio.store.pathOf(hash),
      dirs: () => [fonts],
      maxAgeMs: 0,
    });
    await textFonts.refresh();
    const fontsOf = textFonts.fontsOf;
    const sources = { registry, logoOf: (id: string) => studio.library.get(id), fontsOf };
    const key = (logoId: string, recipe: string, from: Parameters<typeof prepareJobs>[1] = sources) =>
      prepareJobs({ logoIds: [logoId], recipe }, from)[0]?.cacheKey;

    const before = { pdf: key(text, 'pdf'), separations: key(text, 'separations'), trace: key(text, 'trace') };
    const plainPdf = key(plain, 'pdf');
    // Keys of logos without text are the ones jobs had before fonts were ever part of a key.
    expect(key(plain, 'pdf', { registry, logoOf: sources.logoOf })).toBe(plainPdf);
    expect(key(text, 'pdf', { registry, logoOf: sources.logoOf })).not.toBe(before.pdf);

    await copyFile(join(DEJAVU, 'DejaVuSans-Bold.ttf'), join(fonts, 'DejaVuSans-Bold.ttf'));
    // Queuing never walks the font folders itself: it keys by the last walk and starts a new one.
    expect(key(text, 'pdf')).toBe(before.pdf);
    await textFonts.refresh();
    expect(key(text, 'pdf')).not.toBe(before.pdf);
    expect(key(text, 'separations')).not.toBe(before.separations);
    // Pixel recipes render the text with librsvg, which sets it in the installed fonts too.
    expect(key(text, 'trace')).not.toBe(before.trace);
    expect(key(plain, 'pdf')).toBe(plainPdf);
  });

  it('before the first walk, a logo with text gets a key of this process alone (never a stale cache hit)', async () => {
    await writeFile(join(dir.path, 'with-text.svg'), WITH_TEXT);
    const report = await studio.library.importPaths([join(dir.path, 'with-text.svg')]);
    const outcome = report.outcomes[0];
    if (outcome?.status !== 'imported') throw new Error('not imported');
    const options = { masterPath: (hash: string) => studio.store.pathOf(hash), dirs: () => [fonts] };
    const first = new TextFonts(options);
    const second = new TextFonts(options);
    const unscanned = first.fontsOf(outcome.logo);
    expect(unscanned).toMatch(/^unscanned-/);
    expect(second.fontsOf(outcome.logo)).not.toBe(unscanned);
    // The call above started the walk; once it ends the key is the fonts' fingerprint.
    expect(await first.refresh()).toBe(await fontFingerprint([fonts]));
    expect(first.fontsOf(outcome.logo)).toBe(await fontFingerprint([fonts]));
  });

  it('a refresh asked for while a walk is under way still sees a font added meanwhile', async () => {
    const textFonts = new TextFonts({ masterPath: () => join(dir.path, 'none.svg'), dirs: () => [fonts] });
    const running = textFonts.refresh();
    await copyFile(join(DEJAVU, 'DejaVuSans-Bold.ttf'), join(fonts, 'DejaVuSans-Bold.ttf'));
    const after = await textFonts.refresh();
    await running;
    expect(after).toBe(await fontFingerprint([fonts]));
  });
});
