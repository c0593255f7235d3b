/**
 * The favicon profiles as data. Sources (checked 2026-01):
 * - modern: RealFaviconGenerator's open-source engine (github.com/RealFaviconGenerator/core, 2024+):
 *   favicon.ico 48/32/16 in that order, favicon.svg, favicon-96x96.png, apple-touch-icon.png 180,
 *   web-app-manifest-192x192.png / -512x512.png, site.webmanifest.
 * - maskable safe zone: W3C manifest spec (w3c/manifest#657): keep the mark within a circle of
 *   radius 0.40 x width from the centre.
 * - extended: the legacy set of the `favicons` npm package 7.x (itgalaxy/favicons): ICO
 *   16/24/32/48/64, PNG 16/32/48, Apple 57-1024, Android 36-512, Windows tiles + browserconfig.xml.
 */

export type IconKind =
  /** Transparent, the mark filling the square (favicons, "any" manifest icons). */
  | 'plain'
  /** Opaque, padded: iOS adds its own rounded mask and shows transparency as black. */
  | 'apple'
  /** Opaque background, mark inside the central safe circle. */
  | 'maskable'
  /** Windows tile: transparent, mark small in the middle (the tile colour comes from browserconfig). */
  | 'tile';

export interface IconTarget {
  readonly path: string;
  readonly width: number;
  readonly height: number;
  readonly kind: IconKind;
  /** Listed in site.webmanifest with this purpose. */
  readonly manifest?: 'any' | 'maskable';
}

export interface FaviconProfile {
  readonly ico: readonly number[];
  readonly icons: readonly IconTarget[];
  readonly browserconfig: boolean;
  readonly manifest: boolean;
}

const square = (path: string, size: number, kind: IconKind, manifest?: 'any' | 'maskable'): IconTarget => ({
  path,
  width: size,
  height: size,
  kind,
  ...(manifest ? { manifest } : {}),
});

const MODERN_ICONS: readonly IconTarget[] = [
  square('favicon-96x96.png', 96, 'plain'),
  square('apple-touch-icon.png', 180, 'apple'),
  square('web-app-manifest-192x192.png', 192, 'plain', 'any'),
  square('web-app-manifest-512x512.png', 512, 'plain', 'any'),
  square('web-app-manifest-maskable-192x192.png', 192, 'maskable', 'maskable'),
  square('web-app-manifest-maskable-512x512.png', 512, 'maskable', 'maskable'),
];

const APPLE_SIZES = [57, 60, 72, 76, 114, 120, 144, 152, 167, 180, 1024];
const ANDROID_SIZES = [36, 48, 72, 96, 144, 192, 256, 384, 512];

const LEGACY_ICONS: readonly IconTarget[] = [
  ...[16, 32, 48].map((size) => square(`favicon-${size}x${size}.png`, size, 'plain')),
  ...APPLE_SIZES.map((size) => square(`apple-touch-icon-${size}x${size}.png`, size, 'apple')),
  square('apple-touch-icon-precomposed.png', 180, 'apple'),
  ...ANDROID_SIZES.map((size) => square(`android-chrome-${size}x${size}.png`, size, 'plain')),
  ...[70, 144, 150, 310].map((size) => square(`mstile-${size}x${size}.png`, size, 'tile')),
  { path: 'mstile-310x150.png', width: 310, height: 150, kind: 'tile' },
];

export const FAVICON_PROFILES = {
  modern: { ico: [48, 32, 16], icons: MODERN_ICONS, browserconfig: false, manifest: true },
  extended: {
    ico: [64, 48, 32, 24, 16],
    icons: [...MODERN_ICONS, ...LEGACY_ICONS],
    browserconfig: true,
    manifest: true,
  },
  custom: { ico: [48, 32, 16], icons: [], browserconfig: false, manifest: false },
} as const satisfies Record<string, FaviconProfile>;

export type FaviconProfileName = keyof typeof FAVICON_PROFILES;

/** Padding of each kind, as a fraction of the icon's smaller side on every edge. */
export const PADDING: Readonly<Record<IconKind, number>> = { plain: 0, apple: 0.12, maskable: 0, tile: 0.22 };

/** The maskable safe circle: radius as a fraction of the icon width (w3c/manifest#657). */
export const MASKABLE_SAFE_RADIUS = 0.4;
