import { XMLParser } from 'fast-xml-parser';
import { optimize } from 'svgo';
import { MarqueError } from '../../../../../shared/errors.ts';
import { DATA_IMAGE } from '../../../intake/svg-embedded.ts';
import type { BlendMode, ClipShape, FillRule, Paint, PaintItem, StrokeStyle, SvgArt, ViewBox } from './art.ts';
import { parseCssColor } from './color.ts';
import { effectIslandSvg, referableNodes } from './effect-island.ts';
import { fontFinder } from './font-finder.ts';
import { gradientMean, resolveGradient } from './gradient.ts';
import { markerPlacement, markerVertices } from './markers.ts';
import { IDENTITY, type Matrix, multiply, parseTransform, round, scale, translate } from './matrix.ts';
import { hasFillArea } from './path-bounds.ts';
import { normalizePath, pathSegments, segmentsToPath } from './path-data.ts';
import { SHAPE_TAGS, shapeToPath } from './shapes.ts';
import { layoutText, MAX_TEXT_CHARS, MAX_TEXT_GLYPHS, type TextContext } from './text-layout.ts';
import { type FontStyle, INITIAL_FONT, inheritFont } from './text-style.ts';
import { parseViewBox, viewBoxTransform } from './viewport.ts';
import { type Attributes, clamp01, declarations, number, toNodes, type XmlNode } from './xml.ts';

/** Inherited presentation state while walking the tree. */
interface Style {
  fill: string;
  fillOpacity: number;
  fillRule: FillRule;
  stroke: string;
  strokeOpacity: number;
  strokeWidth: number;
  cap: StrokeStyle['cap'];
  join: StrokeStyle['join'];
  miterLimit: number;
  dash: number[];
  dashOffset: number;
  color: string;
  clipRule: FillRule;
  visible: boolean;
  font: FontStyle;
  markerStart: string;
  markerMid: string;
  markerEnd: string;
  /** True when paint-order puts the stroke under the fill. */
  strokeFirst: boolean;
  /** mix-blend-mode of the element or, applied to each of its shapes, of a group around it. */
  blend: BlendMode | null;
}

const INITIAL_STYLE: Style = {
  fill: '#000',
  fillOpacity: 1,
  fillRule: 'nonzero',
  stroke: 'none',
  strokeOpacity: 1,
  strokeWidth: 1,
  cap: 'butt',
  join: 'miter',
  miterLimit: 4,
  dash: [],
  dashOffset: 0,
  color: '#000',
  clipRule: 'nonzero',
  visible: true,
  font: INITIAL_FONT,
  markerStart: 'none',
  markerMid: 'none',
  markerEnd: 'none',
  strokeFirst: false,
  blend: null,
};

/** Each effect island is a full render of the artboard: a bound no real logo reaches. */
const MAX_EFFECT_ISLANDS = 32;

/** CSS mix-blend-mode keywords as PDF blend modes; plus-darker and plus-lighter have none. */
const BLEND_MODES: Readonly<Record<string, BlendMode>> = {
  multiply: 'Multiply',
  screen: 'Screen',
  overlay: 'Overlay',
  darken: 'Darken',
  lighten: 'Lighten',
  'color-dodge': 'ColorDodge',
  'color-burn': 'ColorBurn',
  'hard-light': 'HardLight',
  'soft-light': 'SoftLight',
  difference: 'Difference',
  exclusion: 'Exclusion',
  hue: 'Hue',
  saturation: 'Saturation',
  color: 'Color',
  luminosity: 'Luminosity',
};

const SKIPPED = new Set([
  'defs',
  'symbol',
  'clipPath',
  'mask',
  'linearGradient',
  'radialGradient',
  'pattern',
  'marker',
  'style',
  'title',
  'desc',
  'metadata',
  'filter',
  'script',
  'foreignObject',
]);
const UNIT_PT: Readonly<Record<string, number>> = {
  '': 0.75,
  px: 0.75,
  pt: 1,
  pc: 12,
  mm: 72 / 25.4,
  cm: 72 / 2.54,
  in: 72,
};
const MAX_USE_DEPTH = 16;
const MAX_ITEMS = 20_000;
const MAX_VISITS = 200_000;

function inherit(parent: Style, props: Attributes): Style {
  const style = { ...parent, dash: [...parent.dash] };
  const pick = (name: string): string | undefined => {
    const value = props[name];
    return value === undefined || value === 'inherit' ? undefined : value;
  };
  // Not inherited in CSS, but a group's blend is applied to each of its shapes (see walk).
  const blend = props['mix-blend-mode'];
  if (blend && blend !== 'normal') style.blend = BLEND_MODES[blend] ?? null;
  style.color = pick('color') ?? style.color;
  style.fill = pick('fill') ?? style.fill;
  style.stroke = pick('stroke') ?? style.stroke;
  style.fillOpacity = clamp01(number(pick('fill-opacity'), style.fillOpacity));
  style.strokeOpacity = clamp01(number(pick('stroke-opacity'), style.strokeOpacity));
  style.strokeWidth = Math.max(0, number(pick('stroke-width'), style.strokeWidth));
  style.miterLimit = Math.max(1, number(pick('stroke-miterlimit'), style.miterLimit));
  style.dashOffset = number(pick('stroke-dashoffset'), style.dashOffset);
  const fillRule = pick('fill-rule');
  if (fillRule === 'evenodd' || fillRule === 'nonzero') style.fillRule = fillRule;
  const clipRule = pick('clip-rule');
  if (clipRule === 'evenodd' || clipRule === 'nonzero') style.clipRule = clipRule;
  const cap = pick('stroke-linecap');
  if (cap === 'butt' || cap === 'round' || cap === 'square') style.cap = cap;
  const join = pick('stroke-linejoin');
  if (join === 'miter' || join === 'round' || join === 'bevel') style.join = join;
  const dash = pick('stroke-dasharray');
  if (dash !== undefined) {
    const values =
      dash === 'none'
        ? []
        : dash
            .split(/[\s,]+/)
            .map(Number)
            .filter(Number.isFinite);
    style.dash =
      values.some((value) => value < 0) || values.every((value) => value === 0)
        ? []
        : values.length % 2 === 1
          ? [...values, ...values]
          : values;
  }
  const marker = pick('marker');
  if (marker) style.markerStart = style.markerMid = style.markerEnd = marker;
  style.markerStart = pick('marker-start') ?? style.markerStart;
  style.markerMid = pick('marker-mid') ?? style.markerMid;
  style.markerEnd = pick('marker-end') ?? style.markerEnd;
  const paintOrder = pick('paint-order');
  if (paintOrder) {
    const order = paintOrder === 'normal' ? [] : paintOrder.split(/\s+/);
    const fillAt = order.indexOf('fill');
    const strokeAt = order.indexOf('stroke');
    // Unlisted parts keep their normal order after the listed ones.
    style.strokeFirst = strokeAt >= 0 && (fillAt < 0 || strokeAt < fillAt);
  }
  const visibility = pick('visibility');
  if (visibility) style.visible = visibility === 'visible';
  style.font = inheritFont(parent.font, props);
  return style;
}

function parseLength(text: string | undefined): { value: number; unit: string } | null {
  const match = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-z%]*)\s*$/i.exec(text ?? '');
  if (!match) return null;
  return { value: Number(match[1]), unit: (match[2] ?? '').toLowerCase() };
}

function toPoints(text: string | undefined): number | null {
  const length = parseLength(text);
  const factor = length ? UNIT_PT[length.unit] : undefined;
  return length && factor !== undefined && length.value > 0 ? length.value * factor : null;
}

class ArtBuilder {
  readonly items: PaintItem[] = [];
  readonly warnings = new Set<string>();
  readonly byId = new Map<string, XmlNode>();
  readonly viewBox: ViewBox;
  private visits = 0;
  private readonly text: TextContext<Style>;
  /** The style at the root, which marker content inherits (it ignores the shape using it). */
  rootStyle: Style = INITIAL_STYLE;
  /** The master's root and what an effect island may reference, set before the walk. */
  root: XmlNode | null = null;
  private referable: XmlNode[] | null = null;
  /** The effect island being walked (its shapes carry its number), or null. */
  private effect: number | null = null;
  private effects = 0;

  constructor(viewBox: ViewBox, fontDirs?: readonly string[]) {
    this.viewBox = viewBox;
    this.text = {
      inherit,
      fonts: fontFinder(fontDirs),
      budget: { chars: MAX_TEXT_CHARS, glyphs: MAX_TEXT_GLYPHS, spans: MAX_TEXT_CHARS },
      warn: (message) => this.warnings.add(message),
    };
  }

  index(node: XmlNode): void {
    if (node.attributes.id) this.byId.set(node.attributes.id, node);
    for (const child of node.children) this.index(child);
  }

  private reference(value: string | undefined): XmlNode | undefined {
    const id = /^\s*url\(\s*['"]?#([^'")]+)['"]?\s*\)/.exec(value ?? '')?.[1] ?? /^#(.+)$/.exec(value ?? '')?.[1];
    return id ? this.byId.get(id) : undefined;
  }

  /** A fill or stroke value to a paint; a gradient keeps its geometry and its mean colour. */
  private paint(value: string, style: Style, opacity: number, d: string): Paint | null {
    if (opacity <= 0) return null;
    const trimmed = value.trim();
    if (trimmed.startsWith('url(')) {
      const target = this.reference(trimmed);
      if (target && (target.tag === 'linearGradient' || target.tag === 'radialGradient')) {
        const gradient = resolveGradient(target, (href) => this.reference(href), d, this.viewBox);
        if (!gradient) return null;
        const spread = target.attributes.spreadMethod;
        if (spread === 'reflect' || spread === 'repeat')
          this.warnings.add(`gradients with spreadMethod="${spread}" drawn padded`);
        const mean = gradientMean(gradient);
        return {
          rgb: mean.rgb,
          opacity: opacity * mean.alpha,
          gradient: {
            ...gradient,
            stops: gradient.stops.map((stop) => ({ ...stop, opacity: stop.opacity * opacity })),
          },
        };
      }
      const fallback = trimmed.replace(/^url\([^)]*\)/, '').trim();
      if (!target) return fallback ? this.paint(fallback, style, opacity, d) : null;
      this.warnings.add('pattern paints drawn as none');
      return null;
    }
    const parsed = parseCssColor(trimmed === 'currentColor' || trimmed === 'currentcolor' ? style.color : trimmed);
    // rgba(…, 0) paints nothing: no invisible page rectangle for a cutter or a one-colour version to fill.
    return parsed && parsed.alpha > 0 ? { rgb: parsed.rgb, opacity: opacity * parsed.alpha } : null;
  }

  private clipShapes(value: string | undefined, ctm: Matrix, style: Style): ClipShape[] {
    if (!value || value === 'none') return [];
    const target = this.reference(value);
    if (target?.tag !== 'clipPath') return [];
    if (target.attributes.clipPathUnits === 'objectBoundingBox') {
      this.warnings.add('objectBoundingBox clip paths ignored');
      return [];
    }
    const base = multiply(ctm, parseTransform(target.attributes.transform));
    const shapes: ClipShape[] = [];
    const collect = (node: XmlNode, matrix: Matrix, parentStyle: Style, depth: number): void => {
      const props = declarations(node);
      if (props.display === 'none' || depth > MAX_USE_DEPTH) return;
      const local = multiply(matrix, parseTransform(props.transform));
      const nodeStyle = inherit(parentStyle, props);
      if (node.tag === 'use') {
        const ref = this.reference(node.attributes.href ?? node.attributes['xlink:href']);
        if (ref) collect(ref, multiply(local, translate(number(props.x, 0), number(props.y, 0))), nodeStyle, depth + 1);
        return;
      }
      const d = SHAPE_TAGS.has(node.tag) ? shapeToPath(node.tag, props) : null;
      if (d) shapes.push({ d: normalizePath(d), matrix: local, rule: nodeStyle.clipRule });
      else if (node.tag === 'g') for (const child of node.children) collect(child, local, nodeStyle, depth + 1);
    };
    for (const child of target.children) collect(child, base, style, 0);
    // An empty clip path clips everything away: represent it with an empty rectangle.
    if (shapes.length === 0) return [{ d: 'M0 0Z', matrix: IDENTITY, rule: 'nonzero' }];
    return shapes.length === 1 ? shapes : [this.mergeClip(shapes)];
  }

  /**
   * The clip a luminance mask amounts to when it paints only opaque white fills (no strokes,
   * gradients, opacity, images or text): their union, each by its fill rule. Null for any other
   * mask, which cannot be drawn as a clip. User-space mask content only.
   */
  private maskClip(value: string, ctm: Matrix): ClipShape[] | null {
    const target = this.reference(value);
    if (target?.tag !== 'mask' || target.attributes.maskContentUnits === 'objectBoundingBox') return null;
    const { x, y, width, height } = target.attributes;
    const region: ClipShape[] = [];
    if (x !== undefined || y !== undefined || width !== undefined || height !== undefined) {
      // The default region (the bounding box plus 10 % all round) clips nothing; others only in user space.
      if (target.attributes.maskUnits !== 'userSpaceOnUse') return null;
      const [rx, ry, rw, rh] = [x, y, width, height].map((attr) => number(attr, Number.NaN));
      if (![rx, ry, rw, rh].every((v) => v !== undefined && Number.isFinite(v))) return null;
      region.push({
        d: `M${rx} ${ry}H${(rx as number) + (rw as number)}V${(ry as number) + (rh as number)}H${rx}Z`,
        matrix: ctm,
        rule: 'nonzero',
      });
    }
    const shapes: ClipShape[] = [];
    let plain = true;
    const collect = (node: XmlNode, matrix: Matrix, parentStyle: Style, opacity: number, depth: number): void => {
      if (!plain || node.tag === '#text') return;
      const props = declarations(node);
      if (props.display === 'none') return;
      if (depth > MAX_USE_DEPTH || ['mask', 'filter', 'clip-path'].some((key) => props[key] && props[key] !== 'none')) {
        plain = false;
        return;
      }
      const local = multiply(matrix, parseTransform(props.transform));
      const nodeStyle = inherit(parentStyle, props);
      const nodeOpacity = opacity * clamp01(number(props.opacity, 1));
      if (node.tag === 'use') {
        const ref = this.reference(node.attributes.href ?? node.attributes['xlink:href']);
        if (ref)
          collect(
            ref,
            multiply(local, translate(number(props.x, 0), number(props.y, 0))),
            nodeStyle,
            nodeOpacity,
            depth + 1,
          );
        return;
      }
      if (node.tag === 'g') {
        for (const child of node.children) collect(child, local, nodeStyle, nodeOpacity, depth + 1);
        return;
      }
      const d = SHAPE_TAGS.has(node.tag) ? shapeToPath(node.tag, props) : null;
      if (!d) {
        plain = false;
        return;
      }
      const fill = nodeStyle.fill.trim();
      const colour = parseCssColor(fill === 'currentColor' || fill === 'currentcolor' ? nodeStyle.color : fill);
      if (fill === 'none') return;
      const white =
        (colour?.rgb.every((channel) => channel >= 250) ?? false) &&
        (colour?.alpha ?? 0) * nodeStyle.fillOpacity * nodeOpacity >= 0.999;
      if (!white || nodeStyle.stroke !== 'none' || !nodeStyle.visible) {
        plain = false;
        return;
      }
      shapes.push({ d: normalizePath(d), matrix: local, rule: nodeStyle.fillRule });
    };
    const maskStyle = inherit(INITIAL_STYLE, declarations(target));
    for (const child of target.children) collect(child, ctm, maskStyle, 1, 0);
    if (!plain) return null;
    // An empty mask hides everything: an empty clip.
    if (shapes.length === 0) return [...region, { d: 'M0 0Z', matrix: IDENTITY, rule: 'nonzero' }];
    const rules = new Set(shapes.map((shape) => shape.rule));
    // Parts with one rule and one transform merge into one clip; otherwise the mask is not a clip.
    if (shapes.length > 1 && (rules.size > 1 || rules.has('evenodd'))) return null;
    const merged = shapes.length === 1 ? (shapes[0] as ClipShape) : this.mergeClip(shapes);
    return [...region, merged];
  }

  /** Several outlines of one clipPath are a union: concatenated into one nonzero path when they share a transform. */
  private mergeClip(shapes: readonly ClipShape[]): ClipShape {
    const first = shapes[0] as ClipShape;
    if (shapes.every((shape) => shape.matrix.every((value, i) => value === first.matrix[i]))) {
      return { d: shapes.map((shape) => shape.d).join(' '), matrix: first.matrix, rule: 'nonzero' };
    }
    this.warnings.add('clip paths with differently transformed parts use their first part');
    return first;
  }

  walk(node: XmlNode, ctm: Matrix, parent: Style, opacity: number, clips: readonly ClipShape[], depth: number): void {
    if (node.tag === '#text' || depth > MAX_USE_DEPTH * 4) return;
    // Nested <use> can multiply the work exponentially: stop at bounds no real logo reaches.
    if (this.items.length >= MAX_ITEMS || ++this.visits > MAX_VISITS) {
      this.warnings.add('too many shapes (nested <use>): the rest left out');
      return;
    }
    if (SKIPPED.has(node.tag)) return;
    const props = declarations(node);
    if (props.display === 'none') return;
    const style = inherit(parent, props);
    const localOpacity = opacity * clamp01(number(props.opacity, 1));
    let matrix = multiply(ctm, parseTransform(props.transform));
    // A mask that paints only opaque white shapes is their clip path (librsvg draws it so: Iconify's
    // lovable icon masks its gradients with its outline).
    const maskClips = props.mask && props.mask !== 'none' ? this.maskClip(props.mask, matrix) : [];
    // Any other mask, and a filter, make an effect island: drawn by librsvg as a bitmap where
    // bitmaps can go (the full-colour PDF); the shapes under it are walked as well, plain, for the rest.
    const filtered = props.filter !== undefined && props.filter !== 'none';
    if ((filtered || !maskClips) && this.effect === null && this.effects >= MAX_EFFECT_ISLANDS)
      this.warnings.add(`more than ${MAX_EFFECT_ISLANDS} filters or masks: the rest drawn without their effect`);
    else if ((filtered || !maskClips) && this.effect === null) {
      this.effect = this.effectIsland(node, ctm, parent, opacity, clips, style.blend);
      try {
        this.walk(node, ctm, parent, opacity, clips, depth);
      } finally {
        this.effect = null;
      }
      return;
    }
    const blend = props['mix-blend-mode'];
    if (blend && blend !== 'normal' && !BLEND_MODES[blend]) this.warnings.add(`blend mode ${blend} drawn as normal`);
    if (props['vector-effect'] === 'non-scaling-stroke') this.warnings.add('non-scaling strokes drawn scaled');
    const ownClips = [...clips, ...this.clipShapes(props['clip-path'], matrix, style), ...(maskClips ?? [])];

    if (node.tag === 'use') {
      const ref = this.reference(node.attributes.href ?? node.attributes['xlink:href']);
      if (!ref || depth > MAX_USE_DEPTH) return;
      matrix = multiply(matrix, translate(number(props.x, 0), number(props.y, 0)));
      if (ref.tag === 'symbol') matrix = multiply(matrix, this.symbolViewport(ref, props));
      const children = ref.tag === 'symbol' ? ref.children : [ref];
      for (const child of children) this.walk(child, matrix, style, localOpacity, ownClips, depth + 1);
      return;
    }
    if (node.tag === 'text') {
      // Glyph outlines rely on nonzero winding, whatever fill-rule the text inherits.
      for (const run of layoutText(node, style, this.text))
        this.paintItem(normalizePath(run.d), matrix, run.style, localOpacity, ownClips, { fillRule: 'nonzero' });
      return;
    }
    if (node.tag === 'tspan' || node.tag === 'textPath') return; // not rendered outside <text>
    if (node.tag === 'image') {
      if (style.visible) this.image(node, props, matrix, localOpacity, ownClips, style.blend);
      return;
    }
    if (SHAPE_TAGS.has(node.tag)) {
      const d = shapeToPath(node.tag, props);
      if (!d || !style.visible) return;
      const segments = pathSegments(d);
      this.paintItem(segmentsToPath(segments), matrix, style, localOpacity, ownClips, {
        noFill: node.tag === 'line' || !hasFillArea(segments),
      });
      if (MARKABLE.has(node.tag)) this.markers(segments, matrix, style, localOpacity, ownClips, depth);
      return;
    }
    if (node.tag === 'svg') matrix = multiply(matrix, nestedViewport(props, this.viewBox));
    const itemsBefore = this.items.length;
    this.children(node, matrix, style, localOpacity, ownClips, depth);
    // A group's opacity is folded into each of its shapes: where they overlap, the one below shows through.
    if (localOpacity < opacity && this.items.length - itemsBefore > 1)
      this.warnings.add('group opacity applied to each shape (overlaps show through)');
    // So is its blend mode: each shape blends with all below it, its own group's shapes included.
    if (style.blend && style.blend !== parent.blend && this.items.length - itemsBefore > 1)
      this.warnings.add("a group's blend mode applied to each of its shapes");
  }

  private children(
    node: XmlNode,
    matrix: Matrix,
    style: Style,
    localOpacity: number,
    ownClips: readonly ClipShape[],
    depth: number,
  ): void {
    if (node.tag === 'switch') {
      // librsvg draws the first child whose conditions hold; logos carry no conditions we test.
      const first = node.children.find((child) => child.tag !== '#text');
      if (first) this.walk(first, matrix, style, localOpacity, ownClips, depth + 1);
      return;
    }
    for (const child of node.children) this.walk(child, matrix, style, localOpacity, ownClips, depth + 1);
  }

  /**
   * An <image> with a bitmap data URI (what the intake keeps) becomes a bitmap item; anything else
   * (an SVG image, an unreadable URI) is left out and said so. With 'slice' the bitmap overflows
   * its viewport, which clips it.
   */
  private image(
    node: XmlNode,
    props: Attributes,
    matrix: Matrix,
    opacity: number,
    clips: readonly ClipShape[],
    blend: BlendMode | null,
  ): void {
    const data = DATA_IMAGE.exec((node.attributes.href ?? node.attributes['xlink:href'] ?? '').trim());
    if (!data) {
      this.warnings.add('embedded images that are not PNG, JPEG, WebP or GIF bitmaps skipped');
      return;
    }
    const size = (value: string | undefined): number | null => {
      const parsed = number(value, Number.NaN);
      return Number.isFinite(parsed) ? parsed : null;
    };
    const [x, y, width, height] = [number(props.x, 0), number(props.y, 0), size(props.width), size(props.height)];
    if ((width !== null && width <= 0) || (height !== null && height <= 0)) return;
    const preserveAspectRatio = props.preserveAspectRatio ?? 'xMidYMid meet';
    const box = width !== null && height !== null ? `M${x} ${y}H${x + width}V${y + height}H${x}Z` : 'M0 0Z';
    const slice = preserveAspectRatio.includes('slice') && width !== null && height !== null;
    this.items.push({
      d: box,
      matrix,
      fill: null,
      fillRule: 'nonzero',
      stroke: null,
      clips: slice ? [...clips, { d: box, matrix, rule: 'nonzero' }] : clips,
      bitmap: {
        source: {
          bytes: Buffer.from(data[2] ?? '', 'base64'),
          mime: `image/${(data[1] ?? 'png').toLowerCase().replace('jpg', 'jpeg')}`,
        },
        x,
        y,
        width,
        height,
        preserveAspectRatio,
        opacity,
      },
      ...(blend ? { blend } : {}),
      ...this.inEffect(),
    });
  }

  /** A symbol's viewBox mapped onto the size its <use> gives it (100% of the viewport by default). */
  private symbolViewport(symbol: XmlNode, use: Attributes): Matrix {
    const viewBox = parseViewBox(symbol.attributes.viewBox);
    if (!viewBox) return IDENTITY;
    const width = number(use.width ?? symbol.attributes.width, this.viewBox.width);
    const height = number(use.height ?? symbol.attributes.height, this.viewBox.height);
    if (width <= 0 || height <= 0) return IDENTITY;
    return viewBoxTransform(viewBox, width, height, symbol.attributes.preserveAspectRatio);
  }

  /** Draws the markers (marker-start, -mid, -end) of a shape on its vertices, over the shape. */
  private markers(
    segments: ReturnType<typeof pathSegments>,
    matrix: Matrix,
    style: Style,
    opacity: number,
    clips: readonly ClipShape[],
    depth: number,
  ): void {
    const refs = { start: style.markerStart, mid: style.markerMid, end: style.markerEnd };
    if (refs.start === 'none' && refs.mid === 'none' && refs.end === 'none') return;
    // Marker content inherits from the marker's ancestors, not from the shape that uses it.
    const markerStyle = inherit(this.rootStyle, {});
    for (const vertex of markerVertices(segments)) {
      const target = this.reference(refs[vertex.position]);
      if (target?.tag !== 'marker') continue;
      const props = declarations(target);
      if (props.display === 'none') continue;
      const placement = markerPlacement(props, vertex, style.strokeWidth);
      if (!placement) continue;
      const ownStyle = { ...inherit(markerStyle, props), markerStart: 'none', markerMid: 'none', markerEnd: 'none' };
      const markerClips = placement.clip
        ? [...clips, { ...placement.clip, matrix: multiply(matrix, placement.clip.matrix) }]
        : clips;
      const content = multiply(matrix, placement.content);
      for (const child of target.children) this.walk(child, content, ownStyle, opacity, markerClips, depth + 1);
    }
  }

  /** One painted outline with the fill and stroke its style gives it. */
  private paintItem(
    d: string,
    matrix: Matrix,
    style: Style,
    opacity: number,
    clips: readonly ClipShape[],
    options: { noFill?: boolean; fillRule?: FillRule },
  ): void {
    const fill = options.noFill ? null : this.paint(style.fill, style, opacity * style.fillOpacity, d);
    const strokePaint =
      style.strokeWidth > 0 ? this.paint(style.stroke, style, opacity * style.strokeOpacity, d) : null;
    const stroke: StrokeStyle | null = strokePaint
      ? {
          paint: strokePaint,
          width: style.strokeWidth,
          cap: style.cap,
          join: style.join,
          miterLimit: style.miterLimit,
          dash: style.dash,
          dashOffset: style.dashOffset,
        }
      : null;
    const fillRule = options.fillRule ?? style.fillRule;
    const extra = { ...(style.blend ? { blend: style.blend } : {}), ...this.inEffect() };
    if (fill && stroke && style.strokeFirst) {
      // paint-order: stroke under the fill, as two items.
      this.items.push({ d, matrix, fill: null, fillRule, stroke, clips, ...extra });
      this.items.push({ d, matrix, fill, fillRule, stroke: null, clips, ...extra });
    } else if (fill || stroke) this.items.push({ d, matrix, fill, fillRule, stroke, clips, ...extra });
  }

  /** The `effect` field of an item walked inside an effect island. */
  private inEffect(): { effect?: number } {
    return this.effect === null ? {} : { effect: this.effect };
  }

  /**
   * Adds the bitmap item of an effect island for `node` (see effect-island.ts), covering the
   * artboard in the root's user space, and returns its number.
   */
  private effectIsland(
    node: XmlNode,
    ctm: Matrix,
    parent: Style,
    opacity: number,
    clips: readonly ClipShape[],
    blend: BlendMode | null,
  ): number {
    const root = this.root as XmlNode;
    this.referable ??= referableNodes(root);
    const effect = this.effects++;
    const vb = this.viewBox;
    const svg = effectIslandSvg(node, {
      root,
      viewBox: vb,
      referable: this.referable,
      ctm,
      inherited: inheritedAttributes(parent),
      opacity,
      clips,
    });
    this.items.push({
      d: `M${vb.x} ${vb.y}H${vb.x + vb.width}V${vb.y + vb.height}H${vb.x}Z`,
      matrix: IDENTITY,
      fill: null,
      fillRule: 'nonzero',
      stroke: null,
      clips: [],
      bitmap: {
        source: { svg },
        effect,
        x: vb.x,
        y: vb.y,
        width: vb.width,
        height: vb.height,
        preserveAspectRatio: 'none',
        opacity: 1,
      },
      ...(blend ? { blend } : {}),
    });
    return effect;
  }
}

/** What an element inherits, as presentation attributes: the context of an effect island. */
function inheritedAttributes(style: Style): Attributes {
  const attributes: Attributes = {
    fill: style.fill,
    'fill-opacity': String(round(style.fillOpacity, 4)),
    'fill-rule': style.fillRule,
    stroke: style.stroke,
    'stroke-opacity': String(round(style.strokeOpacity, 4)),
    'stroke-width': String(style.strokeWidth),
    'stroke-linecap': style.cap,
    'stroke-linejoin': style.join,
    'stroke-miterlimit': String(style.miterLimit),
    'stroke-dasharray': style.dash.length > 0 ? style.dash.join(' ') : 'none',
    'stroke-dashoffset': String(style.dashOffset),
    color: style.color,
    'clip-rule': style.clipRule,
    visibility: style.visible ? 'visible' : 'hidden',
    'font-family': style.font.family,
    'font-size': String(style.font.size),
    'font-weight': String(style.font.weight),
    'font-style': style.font.slant,
    'text-anchor': style.font.anchor,
  };
  if (style.markerStart !== 'none') attributes['marker-start'] = style.markerStart;
  if (style.markerMid !== 'none') attributes['marker-mid'] = style.markerMid;
  if (style.markerEnd !== 'none') attributes['marker-end'] = style.markerEnd;
  return attributes;
}

/** A nested <svg>: placed at x, y, its viewBox mapped onto its width and height (100% by default). */
function nestedViewport(props: Attributes, outer: ViewBox): Matrix {
  const origin = translate(number(props.x, 0), number(props.y, 0));
  const viewBox = parseViewBox(props.viewBox);
  if (!viewBox) return origin;
  const size = (value: string | undefined, whole: number): number =>
    value?.trim().endsWith('%') ? (whole * number(value, 100)) / 100 : number(value, whole);
  const width = size(props.width, outer.width);
  const height = size(props.height, outer.height);
  if (width <= 0 || height <= 0) return origin;
  return multiply(origin, viewBoxTransform(viewBox, width, height, props.preserveAspectRatio));
}

/** Shapes that carry markers (SVG 2 §11.6.1). */
const MARKABLE: ReadonlySet<string> = new Set(['path', 'line', 'polyline', 'polygon']);

/** Parses a sanitized SVG master into print art: artboard size in points plus flat painted shapes. */
export function parseSvgArt(text: string, file = 'logo.svg', options: { fontDirs?: readonly string[] } = {}): SvgArt {
  let inlined = text;
  try {
    // svgo applies <style> rules to the elements they match, so the walker only reads attributes.
    inlined = optimize(text, { plugins: [{ name: 'inlineStyles', params: { onlyMatchedOnce: false } }] }).data;
  } catch {
    // Unparseable by svgo: the XML parser below will say why.
  }
  let raw: unknown;
  try {
    raw = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      parseAttributeValue: false,
      // No DOCTYPE entity expansion: untrusted input, and logos never need it.
      processEntities: false,
      // Spaces in text are content; toNodes trims attribute values itself.
      trimValues: false,
    }).parse(inlined);
  } catch (error) {
    throw new MarqueError('DECODE_FAILED', `${file}: the SVG is not well-formed XML (${(error as Error).message})`);
  }
  const root = toNodes(raw).find((node) => node.tag === 'svg');
  if (!root) throw new MarqueError('DECODE_FAILED', `${file}: no <svg> root element`);
  const widthPt = toPoints(root.attributes.width);
  const heightPt = toPoints(root.attributes.height);
  const viewBox =
    parseViewBox(root.attributes.viewBox) ??
    (widthPt && heightPt ? { x: 0, y: 0, width: widthPt / 0.75, height: heightPt / 0.75 } : null);
  if (!viewBox)
    throw new MarqueError('DECODE_FAILED', `${file}: the SVG has neither a viewBox nor an absolute width and height`);
  const pageWidth = widthPt ?? (heightPt ? (heightPt * viewBox.width) / viewBox.height : viewBox.width * 0.75);
  const pageHeight = heightPt ?? (widthPt ? (widthPt * viewBox.height) / viewBox.width : viewBox.height * 0.75);
  // preserveAspectRatio xMidYMid meet, the default and what logo exports use.
  const s = Math.min(pageWidth / viewBox.width, pageHeight / viewBox.height);
  const rootMatrix = multiply(
    translate((pageWidth - viewBox.width * s) / 2, (pageHeight - viewBox.height * s) / 2),
    multiply(scale(s), translate(-viewBox.x, -viewBox.y)),
  );
  const builder = new ArtBuilder(viewBox, options.fontDirs);
  builder.index(root);
  builder.root = root;
  builder.rootStyle = inherit(
    INITIAL_STYLE,
    declarations({ ...root, attributes: { ...root.attributes, transform: '' } }),
  );
  for (const child of root.children) builder.walk(child, IDENTITY, builder.rootStyle, 1, [], 0);
  return {
    widthPt: pageWidth,
    heightPt: pageHeight,
    viewBox,
    rootMatrix,
    items: builder.items,
    warnings: [...builder.warnings].sort(),
  };
}
