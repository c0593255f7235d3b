import { rgbToLab } from '../../../../../shared/colour.ts';
import type { Ink, PathOp } from '../svg/display-list.ts';
import type { ArtRaster } from './art-raster.ts';
import { dilate } from './distance.ts';
import type { Plate } from './plates.ts';

/** The spread overlaps the plate's own vector art by this much (and at least 2 px), so no hairline gap shows. */
const OVERLAP_PT = 0.3;

/** Each plate's visible area, rendered once per job and shared by every plate's trap. */
const plateMasks = new WeakMap<ArtRaster, Map<Plate, Promise<Uint8Array>>>();

function plateMask(raster: ArtRaster, plate: Plate): Promise<Uint8Array> {
  let masks = plateMasks.get(raster);
  if (!masks) {
    masks = new Map();
    plateMasks.set(raster, masks);
  }
  let mask = masks.get(plate);
  if (!mask) {
    mask = raster.mask((paint) => plate.amount(paint) > 0);
    masks.set(plate, mask);
  }
  return mask;
}

/**
 * Trap for one spot plate: where its visible ink meets a darker ink, it spreads `trapPt` under it,
 * so misregistration shows a thin overlap instead of paper. Lighter inks spread, darker ones keep
 * their edge (the usual rule: the darker colour defines the shape). Measured on what is visible
 * after knockouts, so hidden edges of covered shapes never trap.
 */
export async function trapOps(
  raster: ArtRaster,
  plate: Plate,
  plates: readonly Plate[],
  trapPt: number,
  ink: Ink,
): Promise<PathOp[]> {
  if (trapPt <= 0 || plate.kind !== 'spot') return [];
  const lightness = rgbToLab(plate.rgb)[0];
  const darker = plates.filter(
    (other) => other !== plate && other.kind === 'spot' && rgbToLab(other.rgb)[0] < lightness,
  );
  if (darker.length === 0) return [];
  const { width, height } = raster;
  const own = await plateMask(raster, plate);
  const under = new Uint8Array(own.length);
  for (const other of darker) {
    const mask = await plateMask(raster, other);
    for (let i = 0; i < under.length; i++) under[i] = under[i] || mask[i] ? 1 : 0;
  }
  const grown = dilate(own, width, height, trapPt * raster.pxPerPt);
  const spread = new Uint8Array(own.length);
  let any = false;
  for (let i = 0; i < spread.length; i++) {
    if (grown[i] && under[i] && !own[i]) {
      spread[i] = 1;
      any = true;
    }
  }
  if (!any) return [];
  const band = dilate(spread, width, height, Math.max(2, OVERLAP_PT * raster.pxPerPt));
  for (let i = 0; i < band.length; i++) band[i] = band[i] && (under[i] || own[i]) ? 1 : 0;
  return raster.toOps(band, ink);
}
