import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { PackCheck, PackReport } from '../../../../../shared/favicon.ts';
import { splitSvg } from '../artwork/svg-frame.ts';
import { decodeIco } from './ico.ts';

export type { PackCheck, PackReport } from '../../../../../shared/favicon.ts';

interface PackFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/**
 * Verifies a favicon pack offline (for the UI, the CLI and our tests): favicon.svg is square,
 * favicon.ico parses with PNG/BMP frames that decode at their declared sizes (and has a 48 px
 * frame), apple-touch-icon.png is 180 px and opaque, site.webmanifest is valid JSON whose icons
 * exist at their declared sizes with a valid purpose, including at least one maskable icon.
 * `basePath` is the URL prefix the manifest uses for the files.
 */
export async function checkFaviconPack(files: readonly PackFile[], basePath = '/'): Promise<PackReport> {
  const checks: PackCheck[] = [];
  const byPath = new Map(files.map((f) => [f.path, f.bytes]));
  const pass = (file: string, message: string) => checks.push({ file, ok: true, message });
  const fail = (file: string, message: string) => checks.push({ file, ok: false, message });

  const svg = byPath.get('favicon.svg');
  if (svg) {
    try {
      const { viewBox } = splitSvg(new TextDecoder().decode(svg), { width: 0, height: 0 }, 'favicon.svg');
      if (Math.abs(viewBox.width - viewBox.height) < 1e-6 * viewBox.width)
        pass('favicon.svg', `square (${viewBox.width} units)`);
      else fail('favicon.svg', `not square: ${viewBox.width} x ${viewBox.height}`);
    } catch (error) {
      fail('favicon.svg', (error as Error).message);
    }
  }

  const ico = byPath.get('favicon.ico');
  if (!ico) fail('favicon.ico', 'missing');
  else await checkIco(ico, pass, fail);

  const apple = byPath.get('apple-touch-icon.png');
  if (apple) {
    const facts = await imageFacts(apple);
    if (!facts) fail('apple-touch-icon.png', 'does not decode');
    else if (facts.width !== 180 || facts.height !== 180)
      fail('apple-touch-icon.png', `${facts.width}x${facts.height}, expected 180x180`);
    else if (!facts.opaque) fail('apple-touch-icon.png', 'has transparent pixels (iOS shows them black)');
    else pass('apple-touch-icon.png', '180x180, opaque');
  }

  const manifest = byPath.get('site.webmanifest');
  if (manifest) await checkManifest(manifest, byPath, basePath, pass, fail);
  return { ok: checks.every((c) => c.ok), checks };
}

/** checkFaviconPack on a folder as deployed (the files at its top level), for the CLI and the UI. */
export async function checkFaviconFolder(folder: string, basePath = '/'): Promise<PackReport> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => ({ path: entry.name, bytes: new Uint8Array(await readFile(join(folder, entry.name))) })),
  );
  return checkFaviconPack(files, basePath);
}

type Verdict = (file: string, message: string) => void;

async function checkIco(bytes: Uint8Array, pass: Verdict, fail: Verdict): Promise<void> {
  let entries: ReturnType<typeof decodeIco>;
  try {
    entries = decodeIco(bytes);
  } catch (error) {
    fail('favicon.ico', (error as Error).message);
    return;
  }
  const sizes = entries.map((e) => e.width);
  for (const [index, entry] of entries.entries()) {
    if (entry.kind === 'bmp') {
      pass('favicon.ico', `frame ${index + 1}: ${entry.width}x${entry.height} BMP (not decoded)`);
      continue;
    }
    const facts = await imageFacts(entry.data);
    if (!facts) fail('favicon.ico', `frame ${index + 1} (${entry.width}x${entry.height}) does not decode`);
    else if (facts.width !== entry.width || facts.height !== entry.height) {
      fail(
        'favicon.ico',
        `frame ${index + 1} declares ${entry.width}x${entry.height} but holds ${facts.width}x${facts.height}`,
      );
    }
  }
  if (!sizes.includes(48))
    fail('favicon.ico', `no 48 px frame (frames: ${sizes.join(', ')}); Firefox needs it for in-site PDFs`);
  const ascending = sizes.length > 1 && sizes.every((s, i) => i === 0 || s > (sizes[i - 1] as number));
  if (ascending)
    fail(
      'favicon.ico',
      `frames in ascending order (${sizes.join(', ')}): Chrome can show them corrupted; write largest first`,
    );
  else pass('favicon.ico', `frames ${sizes.join(', ')}`);
}

async function checkManifest(
  bytes: Uint8Array,
  byPath: ReadonlyMap<string, Uint8Array>,
  basePath: string,
  pass: Verdict,
  fail: Verdict,
): Promise<void> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    fail('site.webmanifest', `not valid JSON (${(error as Error).message})`);
    return;
  }
  const m = manifest as { name?: unknown; icons?: unknown; theme_color?: unknown; background_color?: unknown };
  if (typeof m.name !== 'string' || !m.name) fail('site.webmanifest', 'no name');
  for (const key of ['theme_color', 'background_color'] as const) {
    if (typeof m[key] !== 'string' || !/^#[0-9a-f]{6}$/i.test(m[key] as string))
      fail('site.webmanifest', `${key} is not a #rrggbb colour`);
  }
  if (!Array.isArray(m.icons) || m.icons.length === 0) {
    fail('site.webmanifest', 'no icons');
    return;
  }
  let maskable = 0;
  for (const icon of m.icons as { src?: unknown; sizes?: unknown; purpose?: unknown; type?: unknown }[]) {
    const src = typeof icon.src === 'string' ? icon.src : '';
    const path = src.startsWith(basePath) ? src.slice(basePath.length) : src;
    const size = typeof icon.sizes === 'string' ? /^(\d+)x(\d+)$/.exec(icon.sizes) : null;
    const purposes = typeof icon.purpose === 'string' ? icon.purpose.split(/\s+/) : ['any'];
    if (purposes.some((p) => !['any', 'maskable', 'monochrome'].includes(p)))
      fail('site.webmanifest', `${src}: unknown purpose "${icon.purpose}"`);
    if (purposes.includes('maskable')) maskable++;
    const file = byPath.get(path);
    if (!file) {
      fail('site.webmanifest', `${src || '(no src)'}: listed but not in the pack`);
      continue;
    }
    const facts = await imageFacts(file);
    if (!size) fail('site.webmanifest', `${src}: sizes "${icon.sizes}" is not WxH`);
    else if (!facts) fail(path, 'does not decode');
    else if (facts.width !== Number(size[1]) || facts.height !== Number(size[2])) {
      fail(path, `is ${facts.width}x${facts.height} but the manifest declares ${icon.sizes}`);
    } else pass(path, `${icon.sizes} as declared (${purposes.join(' ')})`);
  }
  if (maskable === 0) fail('site.webmanifest', 'no maskable icon');
}

async function imageFacts(bytes: Uint8Array) {
  try {
    const image = sharp(bytes);
    const [meta, stats] = await Promise.all([image.metadata(), image.stats()]);
    return { width: meta.width ?? 0, height: meta.height ?? 0, opaque: stats.isOpaque };
  } catch {
    return null;
  }
}
