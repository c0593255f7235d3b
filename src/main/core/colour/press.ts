import { readFile } from 'node:fs/promises';
import { type Cmyk, type Rgb, rgbToLab } from '../../../shared/colour.ts';
import { MarqueError } from '../../../shared/errors.ts';
import type { PrintSetup } from '../../../shared/print.ts';
import { builtinCmykProfile, limitCoverage, type PressTransform, pressTransform } from './icc.ts';

/** Pure process black: one ink, sharp edges whatever the registration. */
export const PURE_BLACK: Cmyk = [0, 0, 0, 100];

/**
 * A press as print output sees it: the ICC transform of the chosen profile and intent, the total
 * area coverage limit and the rich-black rule, applied to every CMYK value written.
 */
export interface Press {
  readonly setup: PrintSetup;
  readonly transform: PressTransform;
  /**
   * The CMYK build of an sRGB colour within the coverage limit. `shortSideMm` is the painted
   * shape's smaller printed dimension when known: with the 'auto' rule, blacks narrower than the
   * rich-black threshold (text, hairlines) print as pure K, larger areas as rich black.
   */
  cmyk(rgb: Rgb, shortSideMm?: number): Cmyk;
}

/** A colour the eye reads as black: L* under 10 with almost no chroma (#000001, #0a0a0a). */
export function isBlack(rgb: Rgb): boolean {
  const [l, a, b] = rgbToLab(rgb);
  return l < 10 && Math.hypot(a, b) < 5;
}

/** Loads the setup's profile (the built-in one or a file the user added) and builds its transform. */
export async function openPress(setup: PrintSetup): Promise<Press> {
  let bytes: Uint8Array;
  if (setup.profile.path === null) bytes = await builtinCmykProfile();
  else {
    try {
      bytes = new Uint8Array(await readFile(setup.profile.path));
    } catch (error) {
      throw new MarqueError(
        'NOT_FOUND',
        `Press profile "${setup.profile.name}" (${setup.profile.path}) cannot be read: ${(error as Error).message}`,
      );
    }
  }
  const transform = await pressTransform(bytes, setup.intent, setup.blackPointCompensation);
  const rich = limitCoverage(transform.toCmyk([0, 0, 0]), setup.coverageLimit);
  return {
    setup,
    transform,
    cmyk(rgb, shortSideMm) {
      if (isBlack(rgb)) {
        if (setup.richBlack === 'pure-k') return PURE_BLACK;
        if (setup.richBlack === 'rich') return rich;
        return shortSideMm !== undefined && shortSideMm >= setup.richBlackMinMm ? rich : PURE_BLACK;
      }
      return limitCoverage(transform.toCmyk(rgb), setup.coverageLimit);
    },
  };
}
