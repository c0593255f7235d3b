import { MarqueError } from '../../../../../shared/errors.ts';
import type { OutputFile, Processor, ProcessorInput } from '../../processor.ts';
import { faintArtWarning } from '../artwork/background-decision.ts';
import { type Box, boxInCircle, drawMark, encodeJpeg, encodePng, inset } from '../artwork/canvas.ts';
import {
  brandColour,
  contrast,
  type Ink,
  paletteBrand,
  parseHex,
  type Rgb,
  toHex,
  vanishingShare,
} from '../artwork/colour.ts';
import { isLightDetail, needsKnockout } from '../artwork/knockout.ts';
import { loadMark, type Mark, markSource } from '../artwork/mark.ts';
import { oneColourPixels } from '../package/one-colour.ts';
import { SOCIAL_PRESETS, type SocialPreset } from './presets.ts';
import { type SocialOptions, socialDescriptor, socialOptions } from './social-descriptor.ts';

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

/** Default padding by use: avatars lose their corners to the circle crop already. */
function defaultPadding(preset: SocialPreset): number {
  if (preset.safe === 'circle') return 0.14;
  if (preset.use === 'avatar' || preset.use === 'icon') return 0.16;
  if (preset.use === 'banner' || preset.use === 'cover') return 0.14;
  return 0.24;
}

/** The `social` recipe: the logo placed in each platform preset's safe area. */
export const socialProcessor: Processor<SocialOptions> = {
  ...socialDescriptor,
  async run(input, options, context) {
    return buildSocialSet(input, options, (done) => context.progress(done));
  },
};

export async function buildSocialSet(
  input: ProcessorInput,
  rawOptions: Partial<SocialOptions> = {},
  progress?: (percent: number) => void,
) {
  const options = socialOptions.parse(rawOptions);
  const presets = selectPresets(options);
  const mark = await loadMark(markSource(input), { trim: true });
  const chosen = chooseBackground(options.background, input, mark);
  const notes: string[] = [];
  let done = 0;
  const rendered = await Promise.all(
    presets.map(async (preset) => {
      const made = await renderPreset(mark, preset, chosen, options, input.artwork?.threshold ?? null);
      progress?.(Math.round((++done / presets.length) * 100));
      return made;
    }),
  );
  const files: OutputFile[] = rendered.map((r) => r.file);
  for (const r of rendered) if (r.note) notes.push(r.note);
  files.push({
    path: 'README.txt',
    bytes: new TextEncoder().encode(readme(input.name, rendered, notes)),
    mime: 'text/plain',
  });
  return {
    files,
    facts: {
      background: chosen.background ? toHex(chosen.background) : 'transparent',
      reversed: chosen.reversed,
      presets: rendered.map((r) => ({ id: r.preset.id, file: r.file.path, bytes: r.file.bytes.length })),
      notes,
      warnings: faintArtWarning(mark),
    },
  };
}

function selectPresets(options: SocialOptions): SocialPreset[] {
  if (!options.presets && !options.channels) return [...SOCIAL_PRESETS];
  const ids = new Set(options.presets ?? []);
  const channels = new Set((options.channels ?? []).map((c) => c.toLowerCase()));
  for (const id of ids) {
    if (!SOCIAL_PRESETS.some((p) => p.id === id))
      throw new MarqueError('INVALID_INPUT', `social: unknown preset "${id}"`);
  }
  const picked = SOCIAL_PRESETS.filter(
    (p) =>
      ids.has(p.id) ||
      channels.has(p.channel.toLowerCase()) ||
      channels.has(p.channel.split('-')[0]?.toLowerCase() ?? ''),
  );
  if (picked.length === 0)
    throw new MarqueError('INVALID_INPUT', `social: no preset matches channels ${[...channels].join(', ')}`);
  return picked;
}

interface ChosenBackground {
  /** null = transparent. */
  readonly background: Rgb | null;
  /** The mark drawn in one colour (white or black) because it would vanish on the background. */
  readonly reversed: Rgb | null;
}

function chooseBackground(choice: SocialOptions['background'], input: ProcessorInput, mark: Mark): ChosenBackground {
  let background: Rgb | null;
  if (choice === 'transparent') background = null;
  else if (choice === 'white') background = WHITE;
  else if (choice === 'black') background = BLACK;
  else if (choice === 'palette') background = paletteBrand(input.palette) ?? brandColour(mark.ink) ?? WHITE;
  else background = parseHex(choice) as Rgb;
  if (!background || !markVanishes(mark.ink, background, input.artwork?.threshold))
    return { background, reversed: null };
  // A brand-colour canvas with the mark in brand colour: draw the mark in white (or black), as designers do.
  const reversed = contrast(WHITE, background) >= contrast(BLACK, background) ? WHITE : BLACK;
  return { background, reversed };
}

/**
 * Whether the full-colour mark would not read on the canvas, so it goes one colour. Only the
 * mark's own colours count: light parts (a flag's white stripes, a white backing disc, paper)
 * melting into a white canvas is how the mark looks on white, not a reason to lose its colours.
 * A mark made only of light colours counts all of them (a white logo on white does vanish).
 */
function markVanishes(ink: Ink, background: Rgb, threshold?: number | null): boolean {
  const coloured = ink.colours.filter((colour) => !isLightDetail(colour.rgb, threshold));
  const colouredShare = coloured.reduce((sum, colour) => sum + colour.share, 0);
  if (colouredShare < 0.05) return vanishingShare(ink, background, 2) > 0.3;
  // Lenient as legibleBackground: an orange wedge still reads on white at 1.5:1.
  const normalised = { ...ink, colours: coloured.map((c) => ({ ...c, share: c.share / colouredShare })) };
  return vanishingShare(normalised, background, 1.5) > 0.3;
}

function safeBox(preset: SocialPreset, aspect: number, padding: number): Box {
  const { width, height } = preset;
  if (preset.safe === 'circle') {
    const radius = (Math.min(width, height) / 2) * (1 - padding);
    return boxInCircle(aspect, width / 2, height / 2, radius);
  }
  const safe = { x: (width - preset.safe.width) / 2, y: (height - preset.safe.height) / 2, ...preset.safe };
  return inset(safe, padding);
}

async function renderPreset(
  mark: Mark,
  preset: SocialPreset,
  chosen: ChosenBackground,
  options: SocialOptions,
  threshold: number | null,
) {
  let note: string | null = null;
  let background = chosen.background;
  if (!background && (!preset.transparent || options.format === 'jpeg')) {
    background = WHITE;
    note = `${preset.id}: the platform does not keep transparency, so the canvas is white.`;
  }
  const reversed = chosen.reversed;
  const { data, channels } = await drawMark(mark, {
    width: preset.width,
    height: preset.height,
    background,
    box: safeBox(preset, mark.aspect, options.padding ?? defaultPadding(preset)),
    ...(reversed
      ? { recolour: (rgba: Buffer) => oneColourPixels(rgba, reversed, needsKnockout(mark.ink, threshold), threshold) }
      : {}),
  });
  let bytes: Buffer | null =
    options.format === 'png' ? await encodePng(data, preset.width, preset.height, channels) : null;
  let ext = 'png';
  if (!bytes || bytes.length > preset.maxBytes) {
    if (channels === 4)
      throw new MarqueError('FILE_TOO_LARGE', `${preset.id}: a transparent PNG over ${preset.maxBytes} bytes`);
    ext = 'jpg';
    bytes = null;
    for (const quality of [92, 85, 78, 70, 60, 50, 40]) {
      bytes = await encodeJpeg(data, preset.width, preset.height, 3, quality);
      if (bytes.length <= preset.maxBytes) break;
    }
    if (!bytes || bytes.length > preset.maxBytes)
      throw new MarqueError('FILE_TOO_LARGE', `${preset.id}: cannot get under ${preset.maxBytes} bytes`);
  }
  const prefix = options.prefix ? `${options.prefix}-` : '';
  const path = `${prefix}${preset.channel}-${preset.width}x${preset.height}-${preset.use}.${ext}`;
  return { preset, file: { path, bytes, mime: ext === 'png' ? 'image/png' : 'image/jpeg' } satisfies OutputFile, note };
}

function readme(
  name: string,
  rendered: readonly { preset: SocialPreset; file: OutputFile }[],
  notes: readonly string[],
): string {
  const rows = rendered.map(({ preset, file }) => {
    const safe =
      preset.safe === 'circle'
        ? 'shown in a circle'
        : `logo kept inside the central ${preset.safe.width}x${preset.safe.height}`;
    return `  ${file.path.padEnd(44)} ${preset.channel} ${preset.use}; ${safe}; limit ${(preset.maxBytes / 1024 / 1024).toFixed(1)} MB (sizes checked ${preset.checked})`;
  });
  return [
    `Social media images for ${name}`,
    '',
    'Each file is already at the exact size its platform asks for; upload it as is.',
    'Avatars are cropped to a circle by the platform: the logo sits inside that circle.',
    '',
    ...rows,
    ...(notes.length ? ['', 'Notes', ...notes.map((n) => `  - ${n}`)] : []),
    '',
    'Sizes and their sources are listed in Marque (social presets); platforms change them from time to time.',
    '',
  ].join('\n');
}
