import { createHash } from 'node:crypto';
import {
  cmsFLAGS_BLACKPOINTCOMPENSATION,
  cmsInfoDescription,
  INTENT_PERCEPTUAL,
  INTENT_RELATIVE_COLORIMETRIC,
  instantiate,
  type LcmsModule,
  TYPE_RGB_8,
} from 'lcms-wasm';
import type { Cmyk, Lab, Rgb } from '../../../shared/colour.ts';
import { MarqueError } from '../../../shared/errors.ts';

/**
 * Press CMYK through a real ICC transform: LittleCMS (lcms-wasm) from sRGB to the press profile,
 * the same engine Ghostscript and most RIPs use. The default press profile is the one libvips
 * builds in ("Chemical proof CMYK"), read out of sharp, so Marque ships no profile file of its own.
 */

export type RenderingIntent = 'relative' | 'perceptual';

// lcms pixel formats with 4-byte floats (lcms-wasm's own *_DBL formats are 8-byte doubles, which
// its cmsDoTransform cannot read): FLOAT_SH(1) | COLORSPACE_SH(pt) | CHANNELS_SH(n) | BYTES_SH(4).
const float32Format = (pixelType: number, channels: number): number =>
  (1 << 22) | (pixelType << 16) | (channels << 3) | 4;
const TYPE_CMYK_FLT = float32Format(6, 4);
const TYPE_LAB_FLT = float32Format(10, 3);

let lcmsModule: Promise<LcmsModule> | undefined;

function lcms(): Promise<LcmsModule> {
  lcmsModule ??= instantiate();
  return lcmsModule;
}

const builtins = new Map<'cmyk' | 'srgb', Promise<Uint8Array>>();

/** A profile libvips carries (attached by sharp to an image in that space), as ICC bytes. */
function libvipsProfile(space: 'cmyk' | 'srgb'): Promise<Uint8Array> {
  let bytes = builtins.get(space);
  if (!bytes) {
    bytes = (async () => {
      const { default: sharp } = await import('sharp');
      const pixel = sharp(Buffer.from([255, 255, 255]), { raw: { width: 1, height: 1, channels: 3 } });
      const image =
        space === 'cmyk'
          ? await pixel.toColourspace('cmyk').withIccProfile('cmyk').tiff().toBuffer()
          : await pixel.withIccProfile('srgb').png().toBuffer();
      const { icc } = await sharp(image).metadata();
      if (!icc) throw new MarqueError('INTERNAL', `libvips gave no built-in ${space} profile`);
      return new Uint8Array(icc);
    })();
    builtins.set(space, bytes);
  }
  return bytes;
}

/** The CMYK profile libvips carries ("Chemical proof CMYK"), the default press. */
export function builtinCmykProfile(): Promise<Uint8Array> {
  return libvipsProfile('cmyk');
}

/** The sRGB profile libvips carries: what PDFs tag RGB with where device RGB would be read otherwise. */
export function builtinSrgbProfile(): Promise<Uint8Array> {
  return libvipsProfile('srgb');
}

/** What a press profile is, read from its header by LittleCMS. */
export interface ProfileInfo {
  readonly description: string;
  readonly sha256: string;
}

/** Reads an .icc file's description; a clear error when it is not a CMYK output profile. */
export async function inspectCmykProfile(bytes: Uint8Array, fileName: string): Promise<ProfileInfo> {
  const cms = await lcms();
  const profile = cms.cmsOpenProfileFromMem(bytes, bytes.length);
  if (!profile) throw new MarqueError('INVALID_INPUT', `${fileName}: not an ICC profile LittleCMS can read`);
  try {
    const space = cms.cmsGetColorSpaceASCII(profile);
    if (space !== 'CMYK')
      throw new MarqueError('INVALID_INPUT', `${fileName}: a ${space ?? 'unknown'} profile; a press profile is CMYK`);
    const description = cms.cmsGetProfileInfoASCII(profile, cmsInfoDescription, 'en', 'US').trim() || fileName;
    return { description, sha256: createHash('sha256').update(bytes).digest('hex') };
  } finally {
    cms.cmsCloseProfile(profile);
  }
}

/** sRGB to one press profile, and the press's CMYK back to Lab (D50) to measure what it prints. */
export interface PressTransform {
  readonly description: string;
  readonly profile: Uint8Array;
  /** CMYK in percent (one decimal) for an sRGB colour, before any coverage limit. */
  toCmyk(rgb: Rgb): Cmyk;
  /** CMYK in percent, 4 floats a pixel, for packed sRGB pixels (3 bytes each): one transform for a bitmap. */
  toCmykPixels(rgb: Uint8Array): Float32Array;
  /** CIE Lab (D50, the ICC connection space) the press prints for a CMYK build. */
  cmykToLab(cmyk: Cmyk): Lab;
  /** CIE Lab (D50) of an sRGB colour, for comparing with cmykToLab. */
  rgbToLab50(rgb: Rgb): Lab;
  /** sRGB of a CIE Lab (D50) colour, e.g. a swatch book's ink. */
  lab50ToRgb(lab: Lab): Rgb;
  /** sRGB of what the press prints for a CMYK build, e.g. a swatch book's CMYK ink. */
  cmykToRgb(cmyk: Cmyk): Rgb;
}

const transforms = new Map<string, Promise<PressTransform>>();

/**
 * The transform for a profile and intent, cached per process (a worker makes each once).
 * Black point compensation maps the screen's black to the press's darkest black instead of
 * clipping shadows, which is what relative colorimetric needs for logos with dark tones.
 */
export function pressTransform(
  profile: Uint8Array,
  intent: RenderingIntent,
  blackPointCompensation: boolean,
): Promise<PressTransform> {
  const key = `${createHash('sha256').update(profile).digest('hex')}:${intent}:${blackPointCompensation}`;
  let transform = transforms.get(key);
  if (!transform) {
    transform = makeTransform(profile, intent, blackPointCompensation);
    transforms.set(key, transform);
    transform.catch(() => transforms.delete(key));
  }
  return transform;
}

async function makeTransform(
  bytes: Uint8Array,
  intent: RenderingIntent,
  blackPointCompensation: boolean,
): Promise<PressTransform> {
  const cms = await lcms();
  const press = cms.cmsOpenProfileFromMem(bytes, bytes.length);
  if (!press || cms.cmsGetColorSpaceASCII(press) !== 'CMYK')
    throw new MarqueError('INVALID_INPUT', 'The press profile is not a CMYK ICC profile LittleCMS can read');
  const srgb = cms.cmsCreate_sRGBProfile();
  const lab = cms.cmsCreateLab4Profile(null);
  const flags = blackPointCompensation ? cmsFLAGS_BLACKPOINTCOMPENSATION : 0;
  const lcmsIntent = intent === 'perceptual' ? INTENT_PERCEPTUAL : INTENT_RELATIVE_COLORIMETRIC;
  const toCmyk = cms.cmsCreateTransform(srgb, TYPE_RGB_8, press, TYPE_CMYK_FLT, lcmsIntent, flags);
  const toLab = cms.cmsCreateTransform(press, TYPE_CMYK_FLT, lab, TYPE_LAB_FLT, INTENT_RELATIVE_COLORIMETRIC, 0);
  const srgbToLab = cms.cmsCreateTransform(srgb, TYPE_RGB_8, lab, TYPE_LAB_FLT, INTENT_RELATIVE_COLORIMETRIC, 0);
  const labToSrgb = cms.cmsCreateTransform(lab, TYPE_LAB_FLT, srgb, TYPE_RGB_8, INTENT_RELATIVE_COLORIMETRIC, 0);
  const cmykToSrgb = cms.cmsCreateTransform(press, TYPE_CMYK_FLT, srgb, TYPE_RGB_8, INTENT_RELATIVE_COLORIMETRIC, 0);
  if (!toCmyk || !toLab || !srgbToLab || !labToSrgb || !cmykToSrgb)
    throw new MarqueError('INVALID_INPUT', 'The press profile cannot make an sRGB to CMYK transform');
  const description = cms.cmsGetProfileInfoASCII(press, cmsInfoDescription, 'en', 'US').trim();
  // Logos have few colours and ask for each many times (per shape, per plate): cache by value.
  const cmykCache = new Map<number, Cmyk>();
  const oneDecimal = (value: number): number => Math.round(Math.min(100, Math.max(0, value)) * 10) / 10;
  return {
    description,
    profile: bytes,
    toCmyk(rgb) {
      const key = (rgb[0] << 16) | (rgb[1] << 8) | rgb[2];
      let cmyk = cmykCache.get(key);
      if (!cmyk) {
        const out = cms.cmsDoTransform(
          toCmyk,
          rgb.map((c) => Math.round(c)),
          1,
        );
        cmyk = [oneDecimal(out[0] ?? 0), oneDecimal(out[1] ?? 0), oneDecimal(out[2] ?? 0), oneDecimal(out[3] ?? 0)];
        cmykCache.set(key, cmyk);
      }
      return cmyk;
    },
    toCmykPixels(rgb) {
      return Float32Array.from(cms.cmsDoTransform(toCmyk, rgb, Math.floor(rgb.length / 3)));
    },
    cmykToLab(cmyk) {
      const out = cms.cmsDoTransform(toLab, new Float32Array(cmyk), 1);
      return [out[0] ?? 0, out[1] ?? 0, out[2] ?? 0];
    },
    rgbToLab50(rgb) {
      const out = cms.cmsDoTransform(
        srgbToLab,
        rgb.map((c) => Math.round(c)),
        1,
      );
      return [out[0] ?? 0, out[1] ?? 0, out[2] ?? 0];
    },
    lab50ToRgb(value) {
      const out = cms.cmsDoTransform(labToSrgb, new Float32Array(value), 1);
      return [out[0] ?? 0, out[1] ?? 0, out[2] ?? 0];
    },
    cmykToRgb(cmyk) {
      const out = cms.cmsDoTransform(cmykToSrgb, new Float32Array(cmyk), 1);
      return [out[0] ?? 0, out[1] ?? 0, out[2] ?? 0];
    },
  };
}

/** Total area coverage: the sum of the four inks in percent. */
export function totalCoverage(cmyk: Cmyk): number {
  return cmyk[0] + cmyk[1] + cmyk[2] + cmyk[3];
}

/**
 * Holds a build to the press's total area coverage: black is kept (it carries the darkness),
 * C, M and Y shrink in proportion until the sum fits. Rounded down so the sum never creeps over.
 */
export function limitCoverage(cmyk: Cmyk, limitPercent: number): Cmyk {
  const total = totalCoverage(cmyk);
  if (total <= limitPercent) return cmyk;
  const [c, m, y, k] = cmyk;
  const colour = c + m + y;
  const room = Math.max(0, limitPercent - k);
  const factor = colour > 0 ? room / colour : 0;
  const down = (value: number): number => Math.floor(value * factor * 10) / 10;
  return [down(c), down(m), down(y), Math.min(k, limitPercent)];
}
