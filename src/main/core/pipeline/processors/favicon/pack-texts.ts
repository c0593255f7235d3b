import type { FaviconProfileName, IconTarget } from './profiles.ts';

/** The text files of a favicon pack: site.webmanifest, browserconfig.xml, README.txt with the HTML snippet. */
export interface PackTextInput {
  readonly profile: FaviconProfileName;
  readonly appName: string;
  readonly shortName: string;
  readonly themeColor: string;
  readonly backgroundColor: string;
  /** URL prefix of the files, ending in '/'. */
  readonly basePath: string;
  readonly icons: readonly IconTarget[];
  readonly icoSizes: readonly number[];
  readonly hasSvg: boolean;
  readonly darkVariant: boolean;
  readonly extraSizes: readonly number[];
  readonly notes: readonly string[];
}

export function webManifest(input: PackTextInput): string {
  const icons = input.icons
    .filter((icon) => icon.manifest)
    .map((icon) => ({
      src: `${input.basePath}${icon.path}`,
      sizes: `${icon.width}x${icon.height}`,
      type: 'image/png',
      purpose: icon.manifest,
    }));
  const manifest = {
    name: input.appName,
    short_name: input.shortName,
    icons,
    theme_color: input.themeColor,
    background_color: input.backgroundColor,
    display: 'standalone',
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function browserConfig(input: PackTextInput): string {
  const tile = (name: string, file: string) => `      <${name} src="${input.basePath}${file}"/>`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<browserconfig>',
    '  <msapplication>',
    '    <tile>',
    tile('square70x70logo', 'mstile-70x70.png'),
    tile('square150x150logo', 'mstile-150x150.png'),
    tile('wide310x150logo', 'mstile-310x150.png'),
    tile('square310x310logo', 'mstile-310x310.png'),
    `      <TileColor>${input.themeColor}</TileColor>`,
    '    </tile>',
    '  </msapplication>',
    '</browserconfig>',
    '',
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The tags for the page's <head>, in the order RealFaviconGenerator recommends. */
export function htmlSnippet(input: PackTextInput): string {
  const base = input.basePath;
  const has = (path: string) => input.icons.some((icon) => icon.path === path);
  const lines: string[] = [];
  if (has('favicon-96x96.png'))
    lines.push(`<link rel="icon" type="image/png" href="${base}favicon-96x96.png" sizes="96x96" />`);
  for (const size of input.extraSizes) {
    lines.push(
      `<link rel="icon" type="image/png" href="${base}favicon-${size}x${size}.png" sizes="${size}x${size}" />`,
    );
  }
  if (input.hasSvg) lines.push(`<link rel="icon" type="image/svg+xml" href="${base}favicon.svg" />`);
  lines.push(
    `<link rel="icon" href="${base}favicon.ico" sizes="${Math.max(...input.icoSizes)}x${Math.max(...input.icoSizes)}" />`,
  );
  if (has('apple-touch-icon.png')) {
    lines.push(`<link rel="apple-touch-icon" sizes="180x180" href="${base}apple-touch-icon.png" />`);
    lines.push(`<meta name="apple-mobile-web-app-title" content="${escapeHtml(input.shortName)}" />`);
  }
  if (input.profile !== 'custom') lines.push(`<link rel="manifest" href="${base}site.webmanifest" />`);
  if (input.profile === 'extended') {
    lines.push(`<meta name="msapplication-config" content="${base}browserconfig.xml" />`);
    lines.push(`<meta name="theme-color" content="${input.themeColor}" />`);
  }
  return lines.join('\n');
}

export function readme(input: PackTextInput, files: readonly string[]): string {
  const describe = (path: string): string => {
    if (path === 'favicon.ico')
      return `classic icon for every browser; frames ${input.icoSizes.join(', ')} px (largest first)`;
    if (path === 'favicon.svg')
      return input.darkVariant
        ? 'scalable icon; switches to a light version on dark browser themes'
        : 'scalable icon for modern browsers';
    if (path === 'site.webmanifest') return 'web app manifest: name, icons and colours for "Add to home screen"';
    if (path === 'browserconfig.xml') return 'Windows pinned-site tiles (legacy)';
    if (path === 'README.txt') return 'this file';
    const icon = input.icons.find((i) => i.path === path);
    if (!icon) return 'small browser icon';
    switch (icon.kind) {
      case 'apple':
        return 'iOS home screen icon (opaque, padded; iOS rounds the corners)';
      case 'maskable':
        return 'Android adaptive icon: the mark stays inside the central safe circle whatever mask is applied';
      case 'tile':
        return 'Windows tile (legacy)';
      case 'plain':
        return icon.manifest
          ? 'app icon listed in site.webmanifest'
          : `PNG icon ${icon.width}x${icon.height} (browser tabs, bookmarks, search results)`;
    }
  };
  return [
    `Favicon pack for ${input.appName} (${input.profile} profile)`,
    '',
    'Copy every file to the root of the website (or to the folder the paths below point at),',
    'then paste these lines into the <head> of every page:',
    '',
    htmlSnippet(input),
    '',
    'Files',
    ...files.map((file) => `  ${file.padEnd(40)} ${describe(file)}`),
    '',
    `Colours: theme ${input.themeColor}, background ${input.backgroundColor}.`,
    ...(input.notes.length ? ['', 'Notes', ...input.notes.map((note) => `  - ${note}`)] : []),
    '',
  ].join('\n');
}
