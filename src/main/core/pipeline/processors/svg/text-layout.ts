import type { Glyph } from 'fontkit';
import { decodeXmlReferences } from '../../../xml-references.ts';
import type { FontChoice, FontFinder } from './font-finder.ts';
import { type FontStyle, lengthList, spacing } from './text-style.ts';
import { type Attributes, declarations, type XmlNode } from './xml.ts';

/**
 * SVG <text> laid out with fontkit (kerning, ligatures) and turned into glyph outlines in the
 * text element's user space, one path per run of characters that share a style.
 */

export interface TextStyled {
  readonly font: FontStyle;
  readonly visible: boolean;
}

/** Shared by all text of one document, so hostile input cannot multiply the work. */
export interface TextBudget {
  chars: number;
  glyphs: number;
  /** text, tspan and a elements: empty ones cost work too. */
  spans: number;
}

export interface TextContext<S extends TextStyled> {
  readonly inherit: (parent: S, props: Attributes) => S;
  readonly fonts: FontFinder;
  readonly budget: TextBudget;
  readonly warn: (message: string) => void;
}

export interface TextRun<S> {
  /** Glyph outlines in the text element's user space; fill them nonzero. */
  readonly d: string;
  readonly style: S;
}

export const MAX_TEXT_CHARS = 10_000;
export const MAX_TEXT_GLYPHS = 20_000;
/** fontconfig's synthetic oblique: x += 0.2 y. */
const OBLIQUE_SHEAR = 0.2;

interface Span<S> {
  readonly style: S;
  readonly props: Attributes;
  /** Raw character indexes [start, end) of the span's subtree. */
  start: number;
  end: number;
}

interface Char {
  text: string;
  readonly span: number;
  keep: boolean;
  x?: number;
  y?: number;
  dx?: number;
  dy?: number;
}

interface Placed<S> {
  readonly glyph: Glyph;
  x: number;
  readonly y: number;
  readonly scale: number;
  readonly shear: number;
  readonly style: S;
}

/** Collects characters in document order with the span (text, tspan, a) that styles them. */
function collect<S extends TextStyled>(
  text: XmlNode,
  style: S,
  context: TextContext<S>,
): { chars: Char[]; spans: Span<S>[] } {
  const chars: Char[] = [];
  const spans: Span<S>[] = [];
  const visit = (node: XmlNode, parent: S | null, depth: number): void => {
    const props = declarations(node);
    if (props.display === 'none' || depth > 32) return;
    if (context.budget.spans-- <= 0) {
      context.warn('too much text: the rest left out');
      return;
    }
    const own = parent ? context.inherit(parent, props) : style;
    const index = spans.push({ style: own, props, start: chars.length, end: chars.length }) - 1;
    for (const child of node.children) {
      if (child.tag === '#text') {
        for (const ch of decodeXmlReferences(child.attributes['#text'] ?? '')) {
          if (context.budget.chars <= 0) {
            context.warn('too much text: the rest left out');
            break;
          }
          context.budget.chars--;
          chars.push({ text: ch, span: index, keep: true });
        }
      } else if (child.tag === 'tspan' || child.tag === 'a') visit(child, own, depth + 1);
      else if (child.tag === 'textPath') context.warn('text on a path (textPath) skipped');
    }
    (spans[index] as Span<S>).end = chars.length;
  };
  visit(text, null, 0);
  return { chars, spans };
}

/** xml:space default: newlines removed, tabs to spaces, runs collapsed, ends trimmed; preserve: all kept as spaces. */
function normalizeSpace<S extends TextStyled>(chars: Char[], spans: readonly Span<S>[]): void {
  let previousSpace = true; // so leading spaces go
  for (const char of chars) {
    const preserve = (spans[char.span] as Span<S>).style.font.preserveSpace;
    const text = char.text;
    if (preserve) {
      if (text === '\n' || text === '\r' || text === '\t') char.text = ' ';
      previousSpace = false;
      continue;
    }
    if (text === '\n' || text === '\r') char.keep = false;
    else if (text === ' ' || text === '\t') {
      char.text = ' ';
      char.keep = !previousSpace;
      previousSpace = true;
    } else previousSpace = false;
  }
  for (let i = chars.length - 1; i >= 0; i--) {
    const char = chars[i] as Char;
    if (!char.keep) continue;
    if (char.text !== ' ' || (spans[char.span] as Span<S>).style.font.preserveSpace) break;
    char.keep = false;
  }
}

/** x, y, dx, dy lists: value i belongs to the element's i-th character; inner elements override. */
function assignPositions<S extends TextStyled>(chars: Char[], spans: readonly Span<S>[]): void {
  for (const span of spans) {
    const size = span.style.font.size;
    const lists = {
      x: lengthList(span.props.x, size),
      y: lengthList(span.props.y, size),
      dx: lengthList(span.props.dx, size),
      dy: lengthList(span.props.dy, size),
    };
    if (!lists.x.length && !lists.y.length && !lists.dx.length && !lists.dy.length) continue;
    let n = 0;
    for (let i = span.start; i < span.end; i++) {
      const char = chars[i] as Char;
      if (!char.keep) continue;
      for (const key of ['x', 'y', 'dx', 'dy'] as const) {
        const value = lists[key][n];
        if (value !== undefined) char[key] = value;
      }
      n++;
    }
  }
}

function formatter(size: number): (value: number) => string {
  const decimals = Math.min(8, Math.max(0, 4 - Math.floor(Math.log10(Math.max(size, 1e-6)))));
  return (value) => {
    const text = value
      .toFixed(decimals)
      .replace(/(\.\d*?)0+$/, '$1')
      .replace(/\.$/, '');
    return text === '-0' ? '0' : text;
  };
}

function glyphPath(placed: Placed<unknown>, format: (value: number) => string): string {
  const { x, y, scale, shear } = placed;
  const point = (gx: number, gy: number): string =>
    `${format(x + (gx + shear * gy) * scale)} ${format(y - gy * scale)}`;
  let d = '';
  for (const { command, args } of placed.glyph.path.commands) {
    const a = args as number[];
    if (command === 'moveTo') d += `M${point(a[0] ?? 0, a[1] ?? 0)}`;
    else if (command === 'lineTo') d += `L${point(a[0] ?? 0, a[1] ?? 0)}`;
    else if (command === 'quadraticCurveTo') d += `Q${point(a[0] ?? 0, a[1] ?? 0)} ${point(a[2] ?? 0, a[3] ?? 0)}`;
    else if (command === 'bezierCurveTo')
      d += `C${point(a[0] ?? 0, a[1] ?? 0)} ${point(a[2] ?? 0, a[3] ?? 0)} ${point(a[4] ?? 0, a[5] ?? 0)}`;
    else if (command === 'closePath') d += 'Z';
  }
  return d;
}

/** Lays out one <text> element: its glyph outlines grouped into runs by style, in drawing order. */
export function layoutText<S extends TextStyled>(text: XmlNode, style: S, context: TextContext<S>): TextRun<S>[] {
  const { chars, spans } = collect(text, style, context);
  normalizeSpace(chars, spans);
  assignPositions(chars, spans);
  const kept = chars.filter((char) => char.keep);
  if (kept.length === 0) return [];

  const fonts = new Map<S, FontChoice | null>();
  const fontFor = (span: S): FontChoice | null => {
    if (fonts.has(span)) return fonts.get(span) ?? null;
    const choice = context.fonts.find(span.font.family, span.font.weight, span.font.slant);
    if (!choice) context.warn('no font installed: text skipped (convert text to outlines in the master)');
    else if (choice.missing) context.warn(`font "${choice.missing}" not installed: text set in ${choice.face.family}`);
    fonts.set(span, choice);
    return choice;
  };

  const placed: Placed<S>[] = [];
  let penX = 0;
  let penY = 0;
  let chunkStart = 0;
  let chunkX = 0;
  let chunkAnchor: FontStyle['anchor'] = 'start';
  const closeChunk = (): void => {
    const width = penX - chunkX;
    const shift = chunkAnchor === 'middle' ? -width / 2 : chunkAnchor === 'end' ? -width : 0;
    for (let i = chunkStart; i < placed.length; i++) (placed[i] as Placed<S>).x += shift;
    chunkStart = placed.length;
  };

  // The last character set and its font, to kern across span boundaries as one shaped run would.
  let previous: { font: FontChoice['font']; size: number; text: string } | null = null;
  let i = 0;
  while (i < kept.length) {
    const first = kept[i] as Char;
    const spanStyle = (spans[first.span] as Span<S>).style;
    const positioned =
      first.x !== undefined || first.y !== undefined || first.dx !== undefined || first.dy !== undefined;
    if (positioned) previous = null;
    if (i === 0 || first.x !== undefined || first.y !== undefined) {
      if (i > 0) closeChunk();
      penX = first.x ?? penX;
      penY = first.y ?? penY;
      chunkX = penX;
      chunkAnchor = spanStyle.font.anchor;
    }
    penX += first.dx ?? 0;
    penY += first.dy ?? 0;
    // A segment: characters of one span with no positioning of their own, shaped together.
    let end = i + 1;
    while (end < kept.length) {
      const next = kept[end] as Char;
      if (next.span !== first.span || next.x !== undefined || next.y !== undefined) break;
      if (next.dx !== undefined || next.dy !== undefined) break;
      end++;
    }
    const texts = kept.slice(i, end).map((char) => char.text);
    const segment = texts.join('');
    i = end;
    const choice = spanStyle.font.size > 0 ? fontFor(spanStyle) : null;
    if (!choice) {
      previous = null;
      continue;
    }
    const { font } = choice;
    const size = spanStyle.font.size;
    const scale = size / font.unitsPerEm;
    const letterSpacing = spacing(spanStyle.font.letterSpacing, size);
    const wordSpacing = spacing(spanStyle.font.wordSpacing, size);
    // Browsers drop optional ligatures once letters are spaced out.
    const features = letterSpacing !== 0 ? { liga: false, clig: false, dlig: false } : undefined;
    const run = font.layout(segment, features);
    if (previous && previous.font === font && previous.size === size) {
      const next = texts[0] ?? '';
      const apart = font.layout(previous.text, features).advanceWidth + font.layout(next, features).advanceWidth;
      penX += (font.layout(previous.text + next, features).advanceWidth - apart) * scale;
    }
    previous = { font, size, text: texts[texts.length - 1] ?? '' };
    const shear = choice.synthesizeOblique ? OBLIQUE_SHEAR : 0;
    let missingGlyph = false;
    for (let g = 0; g < run.glyphs.length; g++) {
      if (context.budget.glyphs <= 0) {
        context.warn('too many glyphs: the rest of the text left out');
        break;
      }
      context.budget.glyphs--;
      const glyph = run.glyphs[g] as Glyph;
      const position = run.positions[g];
      if (!position) continue;
      if (glyph.id === 0) missingGlyph = true;
      else
        placed.push({
          glyph,
          x: penX + position.xOffset * scale,
          y: penY - position.yOffset * scale,
          scale,
          shear,
          style: spanStyle,
        });
      // Letter spacing goes between the letters of a segment, as librsvg (Pango) spaces a span, so
      // the PDF matches the PNG renders.
      const spaced = g < run.glyphs.length - 1 ? letterSpacing : 0;
      penX += position.xAdvance * scale + spaced + (glyph.codePoints.includes(32) ? wordSpacing : 0);
      penY -= position.yAdvance * scale;
    }
    if (missingGlyph) context.warn(`characters missing from ${choice.face.family} left out`);
  }
  closeChunk();

  const runs: { parts: string[]; style: S }[] = [];
  for (const glyph of placed) {
    if (!glyph.style.visible) continue;
    const d = glyphPath(glyph, formatter(glyph.style.font.size));
    if (!d) continue;
    const last = runs[runs.length - 1];
    if (last && last.style === glyph.style) last.parts.push(d);
    else runs.push({ parts: [d], style: glyph.style });
  }
  return runs.map((run) => ({ d: run.parts.join(''), style: run.style }));
}
