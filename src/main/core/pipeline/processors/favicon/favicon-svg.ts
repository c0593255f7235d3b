import { svgForScheme } from '../../../../../shared/favicon.ts';
import { contrast, type Ink, type Rgb, vanishingShare } from '../artwork/colour.ts';
import { frameSvg, type SvgParts, type ViewBox } from '../artwork/svg-frame.ts';

/** Tab strip colours of dark browser themes (Chrome #202124 / active tab #35363a, Firefox #2b2a33). */
export const DARK_TABS: readonly Rgb[] = [
  [0x20, 0x21, 0x24],
  [0x35, 0x36, 0x3a],
  [0x2b, 0x2a, 0x33],
];

/** True when most of the mark's ink would not stand out on a dark tab strip. */
export function vanishesOnDark(ink: Ink): boolean {
  return Math.max(...DARK_TABS.map((tab) => vanishingShare(ink, tab, 2))) > 0.5;
}

/** Lightest contrast of the mark against the dark tabs, for the facts. */
export function darkTabContrast(ink: Ink): number {
  const main = ink.colours[0]?.rgb;
  return main ? Math.min(...DARK_TABS.map((tab) => contrast(main, tab))) : 1;
}

const DARK_FILTER_ID = 'marque-dark';

/**
 * The square favicon.svg: the mark's trimmed box centred in a square viewBox. With `dark`, a
 * `prefers-color-scheme: dark` rule inverts lightness while keeping hue (invert, then rotate hue
 * by 180°), so a black mark turns white and a dark-blue one light blue. The filter uses SVG 1.1
 * primitives only, which every SVG favicon renderer supports.
 */
export function faviconSvg(parts: SvgParts, box: ViewBox, dark: boolean): string {
  const side = Math.max(box.width, box.height);
  const viewBox = { x: box.x - (side - box.width) / 2, y: box.y - (side - box.height) / 2, width: side, height: side };
  if (!dark) return frameSvg(parts, { viewBox });
  const inner =
    `<style>@media (prefers-color-scheme: dark){#${DARK_FILTER_ID}-mark{filter:url(#${DARK_FILTER_ID})}}</style>` +
    `<filter id="${DARK_FILTER_ID}" color-interpolation-filters="sRGB">` +
    '<feColorMatrix type="matrix" values="-1 0 0 0 1 0 -1 0 0 1 0 0 -1 0 1 0 0 0 1 0"/>' +
    '<feColorMatrix type="hueRotate" values="180"/></filter>' +
    `<g id="${DARK_FILTER_ID}-mark">${parts.inner}</g>`;
  return frameSvg(parts, { viewBox, inner });
}

/** The dark rendering forced on (for checks and previews: renderers ignore the media query). */
export function forceDark(svg: string): string {
  return svgForScheme(svg, 'dark');
}
