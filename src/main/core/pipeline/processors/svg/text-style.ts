import type { FontSlant } from './font-finder.ts';
import type { Attributes } from './xml.ts';

/** The inherited font properties of SVG text, in user units. */
export interface FontStyle {
  readonly family: string;
  readonly size: number;
  readonly weight: number;
  readonly slant: FontSlant;
  readonly anchor: 'start' | 'middle' | 'end';
  /** Raw, since `em` values resolve against the element's own font size. */
  readonly letterSpacing: string;
  readonly wordSpacing: string;
  readonly preserveSpace: boolean;
}

/** What librsvg starts from: a serif face at 16 px (its default family is Times New Roman). */
export const INITIAL_FONT: FontStyle = {
  family: 'serif',
  size: 16,
  weight: 400,
  slant: 'normal',
  anchor: 'start',
  letterSpacing: 'normal',
  wordSpacing: 'normal',
  preserveSpace: false,
};

/** Bounds for hostile sizes: still far beyond any logo, but finite and small enough for path data. */
export const MAX_FONT_SIZE = 1_000_000;

const FONT_KEYS = [
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'letter-spacing',
  'word-spacing',
  'xml:space',
  'white-space',
];
const KEYWORD_SIZES: Readonly<Record<string, number>> = {
  'xx-small': 9,
  'x-small': 10,
  small: 13,
  medium: 16,
  large: 18,
  'x-large': 24,
  'xx-large': 32,
  'xxx-large': 48,
};
/** CSS absolute units in px (= SVG user units). */
const UNIT_PX: Readonly<Record<string, number>> = {
  '': 1,
  px: 1,
  pt: 4 / 3,
  pc: 16,
  mm: 96 / 25.4,
  cm: 96 / 2.54,
  in: 96,
  q: 96 / 101.6,
};

/** A CSS length in user units; `em` and `%` are relative to `em`. Null when unreadable. */
export function cssLength(text: string, em: number): number | null {
  const match = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-z%]*)\s*$/i.exec(text);
  if (!match) return null;
  const value = Number(match[1]);
  const unit = (match[2] ?? '').toLowerCase();
  if (unit === 'em') return value * em;
  if (unit === '%') return (value * em) / 100;
  if (unit === 'rem') return value * 16;
  if (unit === 'ex') return value * em * 0.5;
  const factor = UNIT_PX[unit];
  return factor === undefined || !Number.isFinite(value) ? null : value * factor;
}

function fontSize(value: string, parent: number): number {
  const keyword = KEYWORD_SIZES[value];
  if (keyword !== undefined) return keyword;
  if (value === 'larger') return parent * 1.2;
  if (value === 'smaller') return parent / 1.2;
  const size = cssLength(value, parent);
  return size === null || size < 0 ? parent : Math.min(MAX_FONT_SIZE, size);
}

function fontWeight(value: string, parent: number): number {
  if (value === 'normal') return 400;
  if (value === 'bold') return 700;
  if (value === 'bolder') return parent < 350 ? 400 : parent < 550 ? 700 : 900;
  if (value === 'lighter') return parent < 550 ? 100 : parent < 750 ? 400 : 700;
  const weight = Number(value);
  return Number.isFinite(weight) && weight >= 1 && weight <= 1000 ? weight : parent;
}

/** The font properties an element sets over its parent's (`inherit` and unknown values keep the parent's). */
export function inheritFont(parent: FontStyle, props: Attributes): FontStyle {
  if (!FONT_KEYS.some((key) => key in props)) return parent;
  const pick = (name: string): string | undefined => {
    const value = props[name]?.trim();
    return value === undefined || value === '' || value === 'inherit' ? undefined : value;
  };
  const style = { ...parent };
  const family = pick('font-family');
  if (family) style.family = family;
  const size = pick('font-size');
  if (size) style.size = fontSize(size, parent.size);
  const weight = pick('font-weight');
  if (weight) style.weight = fontWeight(weight, parent.weight);
  const slant = pick('font-style');
  if (slant === 'normal' || slant === 'italic') style.slant = slant;
  else if (slant?.startsWith('oblique')) style.slant = 'oblique';
  const anchor = pick('text-anchor');
  if (anchor === 'start' || anchor === 'middle' || anchor === 'end') style.anchor = anchor;
  style.letterSpacing = pick('letter-spacing') ?? style.letterSpacing;
  style.wordSpacing = pick('word-spacing') ?? style.wordSpacing;
  const space = pick('xml:space');
  if (space) style.preserveSpace = space === 'preserve';
  const whiteSpace = pick('white-space');
  if (whiteSpace) style.preserveSpace = /^(pre|pre-wrap|break-spaces)$/.test(whiteSpace);
  return style;
}

/** letter-spacing or word-spacing in user units, bounded by the font size. */
export function spacing(value: string, size: number): number {
  if (value === 'normal') return 0;
  const length = cssLength(value, size) ?? 0;
  return Math.max(-size * 10, Math.min(size * 10, length));
}

/** The numbers of an x, y, dx or dy list. */
export function lengthList(value: string | undefined, em: number): number[] {
  if (!value) return [];
  const values: number[] = [];
  for (const part of value.trim().split(/[\s,]+/)) {
    const length = cssLength(part, em);
    if (length === null) break;
    values.push(Math.max(-MAX_FONT_SIZE * 100, Math.min(MAX_FONT_SIZE * 100, length)));
  }
  return values;
}
