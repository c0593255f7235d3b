import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { type Font, openSync } from 'fontkit';
import { configuredFontDirs, listFontFiles } from './font-files.ts';

/** Finds installed font files for CSS font-family lists, the way a browser would, without fontconfig. */

export type FontSlant = 'normal' | 'italic' | 'oblique';

export interface FontFace {
  readonly file: string;
  readonly postscriptName: string;
  /** The family name as the font spells it (for warnings). */
  readonly family: string;
  /** Lower-cased names the face answers to (typographic and legacy family, PostScript name). */
  readonly names: readonly string[];
  readonly weight: number;
  readonly width: number;
  readonly slant: FontSlant;
}

export interface FontChoice {
  readonly face: FontFace;
  readonly font: Font;
  /** The first named family of the request when it is not the one used (it is not installed). */
  readonly missing: string | null;
  /** Italic or oblique was asked for and the family has no such face: slant the upright one. */
  readonly synthesizeOblique: boolean;
}

export interface FontFinder {
  find(familyList: string, weight: number, slant: FontSlant): FontChoice | null;
}

const MAX_FONT_BYTES = 64 * 1024 * 1024;
const OPEN_FONTS = 16;

const SANS = ['Helvetica', 'Arial', 'Liberation Sans', 'Arimo', 'DejaVu Sans', 'Noto Sans', 'Roboto', 'Segoe UI'];
const SERIF = ['Times New Roman', 'Times', 'Liberation Serif', 'Tinos', 'DejaVu Serif', 'Noto Serif', 'Georgia'];
const MONO = ['Courier New', 'Courier', 'Liberation Mono', 'Cousine', 'DejaVu Sans Mono', 'Noto Sans Mono', 'Menlo'];
const GENERIC: Readonly<Record<string, readonly string[]>> = {
  'sans-serif': SANS,
  'system-ui': ['San Francisco', 'Segoe UI', ...SANS],
  serif: SERIF,
  monospace: MONO,
  cursive: ['Comic Sans MS', ...SANS],
  fantasy: SANS,
};
/** Metric-compatible stand-ins, as fontconfig binds them: same advances, so layout keeps its width. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  arial: ['Liberation Sans', 'Arimo', 'Helvetica', 'Arial'],
  helvetica: ['Liberation Sans', 'Arimo', 'Arial', 'Helvetica'],
  'helvetica neue': ['Helvetica', 'Liberation Sans', 'Arimo', 'Arial'],
  'times new roman': ['Liberation Serif', 'Tinos', 'Times'],
  times: ['Liberation Serif', 'Tinos', 'Times New Roman'],
  'courier new': ['Liberation Mono', 'Cousine', 'Courier'],
  courier: ['Liberation Mono', 'Cousine', 'Courier New'],
};

function describe(font: Font, file: string): FontFace | null {
  const postscriptName = font.postscriptName;
  const legacy = font.familyName;
  if (!postscriptName || !legacy) return null;
  const typographic = font.getName('preferredFamily');
  const os2 = font['OS/2'];
  const subfamily = (font.subfamilyName ?? '').toLowerCase();
  let weight = os2?.usWeightClass ?? (subfamily.includes('bold') ? 700 : 400);
  if (weight > 0 && weight < 10) weight *= 100; // a few old fonts store 1-9
  const slant: FontSlant =
    os2?.fsSelection?.oblique || subfamily.includes('oblique')
      ? 'oblique'
      : os2?.fsSelection?.italic || subfamily.includes('italic') || font.italicAngle !== 0
        ? 'italic'
        : 'normal';
  // Illustrator writes the PostScript name first (font-family="MyriadPro-Bold, Myriad Pro"): answer to it too.
  const names = [...new Set([typographic, legacy, postscriptName].filter((name): name is string => !!name).map(lower))];
  return {
    file,
    postscriptName,
    family: typographic ?? legacy,
    names,
    weight: Math.min(1000, Math.max(1, weight || 400)),
    width: os2?.usWidthClass || 5,
    slant,
  };
}

/** The faces of one font file or collection; a file fontkit cannot read yields none. */
function readFaces(file: string): FontFace[] {
  try {
    if (statSync(file).size > MAX_FONT_BYTES) return [];
    const opened = openSync(file);
    const fonts = 'fonts' in opened ? opened.fonts : [opened];
    return fonts.map((font) => describe(font, file)).filter((face): face is FontFace => face !== null);
  } catch {
    return [];
  }
}

function lower(text: string): string {
  return text.trim().toLowerCase();
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** A face answers to a name, or to a PostScript-style name of its family ("MyriadPro-Regular" for "Myriad Pro"). */
function answersTo(face: FontFace, name: string): boolean {
  return face.names.includes(lower(name)) || squash(name).startsWith(squash(face.family));
}

/** Splits a CSS font-family list, dropping quotes (also XML-escaped ones) and blanks. */
export function parseFamilyList(list: string): string[] {
  return list
    .replace(/&quot;|&#34;|&#x22;/gi, '"')
    .replace(/&apos;|&#39;|&#x27;/gi, "'")
    .split(',')
    .map((part) =>
      part
        .trim()
        .replace(/^(["'])(.*)\1$/, '$2')
        .trim(),
    )
    .filter((part) => part.length > 0);
}

/** CSS Fonts 4 §5.2: the nearest weight, searching in the direction the requested weight implies. */
function weightOrder(wanted: number, weight: number): number {
  if (weight === wanted) return 0;
  if (wanted >= 400 && wanted <= 500) {
    if (weight > wanted && weight <= 500) return weight - wanted;
    if (weight < wanted) return 1000 + (wanted - weight);
    return 2000 + (weight - wanted);
  }
  if (wanted < 400) return weight < wanted ? wanted - weight : 1000 + (weight - wanted);
  return weight > wanted ? weight - wanted : 1000 + (wanted - weight);
}

const SLANT_ORDER: Readonly<Record<FontSlant, readonly FontSlant[]>> = {
  normal: ['normal', 'oblique', 'italic'],
  italic: ['italic', 'oblique', 'normal'],
  oblique: ['oblique', 'italic', 'normal'],
};

/** CSS font matching within a family: width (normal first), then slant, then weight. */
export function chooseFace(faces: readonly FontFace[], weight: number, slant: FontSlant): FontFace | null {
  const widthRank = (face: FontFace): number => (face.width <= 5 ? (5 - face.width) * 2 : (face.width - 5) * 2 + 1);
  const ranked = [...faces].sort(
    (a, b) =>
      widthRank(a) - widthRank(b) ||
      SLANT_ORDER[slant].indexOf(a.slant) - SLANT_ORDER[slant].indexOf(b.slant) ||
      weightOrder(weight, a.weight) - weightOrder(weight, b.weight) ||
      a.file.localeCompare(b.file) ||
      a.postscriptName.localeCompare(b.postscriptName),
  );
  return ranked[0] ?? null;
}

class FolderFontFinder implements FontFinder {
  private readonly dirs: readonly string[];
  private files: string[] | null = null;
  private readonly parsed = new Map<string, FontFace[]>();
  private byFamily: Map<string, FontFace[]> | null = null;
  private readonly open = new Map<string, Font>();

  constructor(dirs: readonly string[]) {
    this.dirs = dirs;
  }

  private facesIn(file: string): FontFace[] {
    let faces = this.parsed.get(file);
    if (!faces) {
      faces = readFaces(file);
      this.parsed.set(file, faces);
    }
    return faces;
  }

  /** Every face of a family: first from files named like it (cheap), else from one full scan. */
  private family(name: string): FontFace[] {
    const key = lower(name);
    if (this.byFamily) return this.byFamily.get(key) ?? [];
    this.files ??= listFontFiles(this.dirs);
    const stem = squash(name);
    if (stem.length > 0) {
      const likely = this.files.filter((file) => squash(basename(file)).includes(stem));
      const faces = likely.flatMap((file) => this.facesIn(file)).filter((face) => face.names.includes(key));
      if (faces.length > 0) return faces;
    }
    const index = new Map<string, FontFace[]>();
    for (const file of this.files)
      for (const face of this.facesIn(file))
        for (const faceName of face.names) index.set(faceName, [...(index.get(faceName) ?? []), face]);
    this.byFamily = index;
    return index.get(key) ?? [];
  }

  private load(face: FontFace): Font | null {
    const key = `${face.file}\n${face.postscriptName}`;
    const cached = this.open.get(key);
    if (cached) return cached;
    try {
      const opened = openSync(face.file);
      const font = 'fonts' in opened ? opened.fonts.find((f) => f.postscriptName === face.postscriptName) : opened;
      if (!font) return null;
      if (this.open.size >= OPEN_FONTS) this.open.delete(this.open.keys().next().value as string);
      this.open.set(key, font);
      return font;
    } catch {
      return null;
    }
  }

  find(familyList: string, weight: number, slant: FontSlant): FontChoice | null {
    const requested = parseFamilyList(familyList);
    const firstNamed = requested.find((name) => !(lower(name) in GENERIC)) ?? null;
    const candidates: string[] = [];
    for (const name of requested) {
      const generic = GENERIC[lower(name)];
      if (generic) candidates.push(...generic);
      else candidates.push(name, ...(ALIASES[lower(name)] ?? []));
    }
    candidates.push(...SANS, ...SERIF, ...MONO);
    const tried = new Set<string>();
    for (const candidate of candidates) {
      if (tried.has(lower(candidate))) continue;
      tried.add(lower(candidate));
      const face = chooseFace(this.family(candidate), weight, slant);
      const font = face ? this.load(face) : null;
      if (!face || !font) continue;
      const missing = firstNamed && !answersTo(face, firstNamed) ? firstNamed : null;
      return { face, font, missing, synthesizeOblique: slant !== 'normal' && face.slant === 'normal' };
    }
    return this.anyFace(weight, slant, firstNamed);
  }

  /** Last resort: whatever family is installed (sorted, so always the same one). */
  private anyFace(weight: number, slant: FontSlant, missing: string | null): FontChoice | null {
    this.family('');
    const families = [...(this.byFamily?.keys() ?? [])].sort();
    for (const family of families) {
      const face = chooseFace(this.byFamily?.get(family) ?? [], weight, slant);
      const font = face ? this.load(face) : null;
      if (face && font)
        return { face, font, missing, synthesizeOblique: slant !== 'normal' && face.slant === 'normal' };
    }
    return null;
  }
}

const finders = new Map<string, FontFinder>();

/**
 * A finder over the given folders (default: MARQUE_FONT_DIRS, else the platform's font folders),
 * built once per process per folder list so the scan and the parsed fonts are reused.
 */
export function fontFinder(dirs?: readonly string[]): FontFinder {
  const resolved = dirs ?? configuredFontDirs();
  const key = resolved.join('\n');
  let finder = finders.get(key);
  if (!finder) {
    finder = new FolderFontFinder(resolved);
    finders.set(key, finder);
  }
  return finder;
}
