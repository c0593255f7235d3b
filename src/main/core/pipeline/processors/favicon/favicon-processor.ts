import sharp from 'sharp';
import { MarqueError } from '../../../../../shared/errors.ts';
import { defaultShortName } from '../../../../../shared/favicon.ts';
import type { OutputFile, Processor, ProcessorInput } from '../../processor.ts';
import { faintArtWarning } from '../artwork/background-decision.ts';
import { boxInCircle, encodePng, fullBox, inset, markPng } from '../artwork/canvas.ts';
import { brandColour, legibleBackground, paletteBrand, parseHex, type Rgb, toHex } from '../artwork/colour.ts';
import { loadMark, type Mark, markSource } from '../artwork/mark.ts';
import { traceColor } from '../trace-color.ts';
import { type FaviconOptions, faviconDescriptor, faviconOptions } from './favicon-descriptor.ts';
import { darkTabContrast, faviconSvg, vanishesOnDark } from './favicon-svg.ts';
import { encodeIco } from './ico.ts';
import { browserConfig, htmlSnippet, type PackTextInput, readme, webManifest } from './pack-texts.ts';
import { FAVICON_PROFILES, type IconTarget, MASKABLE_SAFE_RADIUS, PADDING } from './profiles.ts';

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

/** The `favicon` recipe: a favicon pack in the modern, extended or custom profile. */
export const faviconProcessor: Processor<FaviconOptions> = {
  ...faviconDescriptor,
  async run(input, options, context) {
    const result = await buildFaviconPack(input, options, context.signal);
    context.progress(100);
    return result;
  },
};

export async function buildFaviconPack(
  input: ProcessorInput,
  rawOptions: Partial<FaviconOptions> = {},
  signal: AbortSignal = new AbortController().signal,
) {
  const options = faviconOptions.parse(rawOptions);
  const mark = await loadMark(markSource(input), { trim: 'auto' });
  const profile = FAVICON_PROFILES[options.profile];
  const notes: string[] = [];
  if (mark.aspect > 2 || mark.aspect < 0.5) {
    notes.push(
      'The mark is far from square, so it is small in the icons; a square symbol (or the 16/32 px overrides) reads better.',
    );
  }

  const brand = paletteBrand(input.palette) ?? brandColour(mark.ink);
  const themeColor = options.themeColor ?? toHex(brand ?? mark.ink.colours[0]?.rgb ?? WHITE);
  const background: Rgb = options.backgroundColor
    ? (parseHex(options.backgroundColor) as Rgb)
    : (legibleBackground(mark.ink, [WHITE, ...(brand ? [brand] : []), BLACK]) ?? WHITE);

  const overrides = new Map<number, Uint8Array>();
  if (options.override16) overrides.set(16, await readOverride(options.override16, 16));
  if (options.override32) overrides.set(32, await readOverride(options.override32, 32));

  const icoSizes = options.profile === 'custom' && options.icoSizes ? options.icoSizes : profile.ico;
  const extraIcons = options.sizes
    .filter((size) => !profile.icons.some((icon) => icon.path === `favicon-${size}x${size}.png`))
    .map((size): IconTarget => ({ path: `favicon-${size}x${size}.png`, width: size, height: size, kind: 'plain' }));
  const icons = [...profile.icons, ...extraIcons];

  const smallPng = (size: number) =>
    overrides.get(size) ?? drawIcon(mark, { path: '', width: size, height: size, kind: 'plain' }, background);
  const [icoFrames, iconFiles] = await Promise.all([
    Promise.all(icoSizes.map(async (size) => ({ size, png: await smallPng(size) }))),
    Promise.all(
      icons.map(async (icon) => {
        const hand = icon.kind === 'plain' && icon.width === icon.height ? overrides.get(icon.width) : undefined;
        return file(icon.path, hand ?? (await drawIcon(mark, icon, background)), 'image/png');
      }),
    ),
  ]);

  const dark = options.darkMode === 'always' || (options.darkMode === 'auto' && vanishesOnDark(mark.ink));
  const vector = mark.vector ?? (options.traceRaster ? await tracedVector(input, signal) : null);
  const svg = vector ? faviconSvg(vector.parts, vector.box, dark) : null;
  if (!mark.vector && vector)
    notes.push('favicon.svg is a colour trace of the bitmap master: compare it with the PNGs before use.');
  if (!vector)
    notes.push('No favicon.svg: the master is a bitmap (choose "trace" to get one, or trace the logo first).');
  if (overrides.size) notes.push(`Hand-made ${[...overrides.keys()].join(' and ')} px icons were used as supplied.`);

  const appName = options.appName ?? input.name;
  const texts: PackTextInput = {
    profile: options.profile,
    appName,
    shortName: options.shortName ?? defaultShortName(appName),
    themeColor,
    backgroundColor: toHex(background),
    basePath: options.basePath.endsWith('/') ? options.basePath : `${options.basePath}/`,
    icons,
    icoSizes,
    hasSvg: svg !== null,
    darkVariant: svg !== null && dark,
    extraSizes: extraIcons.map((icon) => icon.width),
    notes,
  };
  const files: OutputFile[] = [file('favicon.ico', encodeIco(icoFrames), 'image/x-icon')];
  if (svg) files.push(file('favicon.svg', new TextEncoder().encode(svg), 'image/svg+xml'));
  files.push(...iconFiles);
  if (profile.manifest) files.push(text('site.webmanifest', webManifest(texts), 'application/manifest+json'));
  if (profile.browserconfig) files.push(text('browserconfig.xml', browserConfig(texts), 'application/xml'));
  files.push(text('README.txt', readme(texts, [...files.map((f) => f.path), 'README.txt']), 'text/plain'));
  return {
    files,
    facts: {
      profile: options.profile,
      icoSizes,
      darkVariant: texts.darkVariant,
      darkTabContrast: Math.round(darkTabContrast(mark.ink) * 100) / 100,
      themeColor,
      backgroundColor: texts.backgroundColor,
      appName: texts.appName,
      shortName: texts.shortName,
      overrides: [...overrides.keys()],
      warnings: faintArtWarning(mark),
      snippet: htmlSnippet(texts),
      notes,
    },
  };
}

/** The trimmed vector of a full-colour trace of a bitmap master. */
async function tracedVector(input: ProcessorInput, signal: AbortSignal) {
  const traced = await traceColor.run(input, traceColor.options.parse({}), { signal, progress: () => {} });
  const file = traced.files.find((f) => f.path.endsWith('.svg'));
  if (!file) throw new MarqueError('INTERNAL', `${input.name}: the trace wrote no SVG`);
  const text = new TextDecoder().decode(file.bytes);
  return (
    await loadMark({ kind: 'svg', text, width: input.width, height: input.height, name: input.name }, { trim: true })
  ).vector;
}

/** Draws one icon at its exact size from the mark (vector marks rendered at that size). */
function drawIcon(mark: Mark, icon: IconTarget, background: Rgb): Promise<Buffer> {
  const { width, height } = icon;
  switch (icon.kind) {
    case 'plain':
    case 'tile':
      return markPng(mark, { width, height, background: null, box: inset(fullBox(width, height), PADDING[icon.kind]) });
    case 'apple':
      return markPng(mark, { width, height, background, box: inset(fullBox(width, height), PADDING.apple) });
    case 'maskable': {
      // 90 % of the safe radius: the corners of the mark's box sit just inside the circle.
      const radius = MASKABLE_SAFE_RADIUS * width * 0.9;
      return markPng(mark, { width, height, background, box: boxInCircle(mark.aspect, width / 2, height / 2, radius) });
    }
  }
}

async function readOverride(value: string, size: number): Promise<Buffer> {
  const bytes = Buffer.from(value.replace(/^data:[^,]*,/, ''), 'base64');
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: 1 << 20 })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.width !== size || info.height !== size) {
      throw new MarqueError(
        'INVALID_INPUT',
        `override${size}: the hand-made icon is ${info.width}x${info.height}, expected ${size}x${size}`,
      );
    }
    return encodePng(data, size, size, 4);
  } catch (error) {
    if (error instanceof MarqueError) throw error;
    throw new MarqueError('DECODE_FAILED', `override${size}: not a readable image (${(error as Error).message})`, {
      cause: error,
    });
  }
}

function file(path: string, bytes: Uint8Array, mime: string): OutputFile {
  return { path, bytes, mime };
}

function text(path: string, body: string, mime: string): OutputFile {
  return { path, bytes: new TextEncoder().encode(body), mime };
}
