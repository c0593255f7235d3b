import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MarqueError } from '../../../shared/errors.ts';
import { decodeXmlReferences } from '../xml-references.ts';
import {
  ALLOWED_ATTRIBUTES,
  ALLOWED_ELEMENTS,
  HREF_ATTRIBUTES,
  HREF_TARGETS,
  SVG_NS,
  TEXT_ELEMENTS,
  UNWRAPPED_ELEMENTS,
  XLINK_NS,
} from './svg-allowlist.ts';
import { FRAGMENT, isSafeCss } from './svg-css.ts';
import { checkEmbeddedRaster, type EmbeddedBudget } from './svg-embedded.ts';
import { viewBoxForDeclaredAspect } from './svg-root-viewport.ts';

/** A node of fast-xml-parser's `preserveOrder` tree. */
type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

export interface SanitizeOptions {
  /** Pixel budget for `data:` rasters embedded in the document (all of them together). */
  readonly maxEmbeddedPixels: number;
}

export interface SanitizedSvg {
  readonly svg: string;
  /** What was removed, in words, for the import report ("a script", "2 event handlers", …). */
  readonly removed: readonly string[];
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Entities are decoded by us (decodeEntities), so a value is checked in the form the renderer sees.
  processEntities: false,
  htmlEntities: false,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  ignorePiTags: true,
  ignoreDeclaration: true,
});

/** Decodes XML character references; an entity that is not predefined makes the document invalid. */
function decodeEntities(text: string, file: string): string {
  return decodeXmlReferences(text, (whole) => {
    if (whole === '&') throw new MarqueError('DECODE_FAILED', `${file}: the SVG is not well-formed XML (a bare "&")`);
    throw new MarqueError('UNSAFE_CONTENT', `${file}: the SVG uses an undeclared entity (${whole})`);
  });
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

function tagOf(node: XmlNode): string | null {
  for (const key of Object.keys(node)) if (key !== ':@') return key;
  return null;
}

/** Counts what was removed, so the report says "2 event handlers" rather than a list of 2. */
class Removals {
  readonly #counts = new Map<string, number>();
  add(what: string): void {
    this.#counts.set(what, (this.#counts.get(what) ?? 0) + 1);
  }
  list(): string[] {
    return [...this.#counts].map(([what, n]) => (n === 1 ? what : `${what} (${n})`));
  }
}

function describeElement(tag: string): string {
  if (tag === 'script') return 'script';
  if (tag === 'foreignObject') return 'foreignObject';
  if (/^(animate|set|animateMotion|animateTransform|mpath)$/.test(tag)) return 'animation';
  if (tag === 'feImage') return 'feImage (loads images)';
  return `<${tag}>`;
}

class Walker {
  readonly #file: string;
  readonly #budget: EmbeddedBudget;
  readonly removed = new Removals();
  usesXlink = false;

  constructor(file: string, budget: EmbeddedBudget) {
    this.#file = file;
    this.#budget = budget;
  }

  async element(node: XmlNode, tag: string, isRoot: boolean): Promise<string> {
    let name = tag;
    if (UNWRAPPED_ELEMENTS.has(tag)) {
      name = 'g';
      this.removed.add('link');
    } else if (!ALLOWED_ELEMENTS.has(tag)) {
      // Metadata and editor namespaces are harmless noise; the rest is worth reporting.
      if (tag !== 'metadata' && !tag.includes(':')) this.removed.add(describeElement(tag));
      return '';
    }
    const attributes = await this.#attributes(node[':@'] ?? {}, name, isRoot);
    if (attributes === null) return '';
    const children = (node[tag] as XmlNode[] | undefined) ?? [];
    let body = '';
    for (const child of children) body += await this.#child(child, name);
    if (name === 'style') {
      if (!isSafeCss(body)) {
        this.removed.add('stylesheet with external references or at-rules');
        return '';
      }
      body = escapeText(body);
    }
    return body === '' ? `<${name}${attributes}/>` : `<${name}${attributes}>${body}</${name}>`;
  }

  /** Text is returned decoded for <style> (checked whole by the caller), escaped otherwise. */
  async #child(child: XmlNode, parent: string): Promise<string> {
    const tag = tagOf(child);
    if (tag === null) return '';
    if (tag === '#text' || tag === '#cdata') {
      if (!TEXT_ELEMENTS.has(parent)) return '';
      const raw =
        tag === '#text'
          ? decodeEntities(String(child[tag] ?? ''), this.#file)
          : ((child[tag] as XmlNode[] | undefined) ?? []).map((part) => String(part['#text'] ?? '')).join('');
      return parent === 'style' ? raw : escapeText(raw);
    }
    return this.element(child, tag, false);
  }

  /** The allowed attributes, serialized; null when the element is useless without what was removed. */
  async #attributes(raw: Record<string, string>, tag: string, isRoot: boolean): Promise<string | null> {
    let out = isRoot ? ` xmlns="${SVG_NS}"` : '';
    for (const [name, encoded] of Object.entries(raw)) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue; // namespaces are rewritten on the root
      const value = decodeEntities(String(encoded), this.#file);
      if (/^on/i.test(name)) {
        this.removed.add('event handler');
        continue;
      }
      if (HREF_ATTRIBUTES.has(name)) {
        const href = await this.#href(value, tag);
        if (href === null) {
          this.removed.add('external reference');
          // An image or use with nothing to show is dropped whole.
          if (tag === 'image' || tag === 'use') return null;
          continue;
        }
        if (name === 'xlink:href') this.usesXlink = true;
        out += ` ${name}="${escapeAttribute(href)}"`;
        continue;
      }
      if (!ALLOWED_ATTRIBUTES.has(name)) continue;
      if (!isSafeCss(value)) {
        this.removed.add(name === 'style' ? 'style with external references' : 'external reference');
        continue;
      }
      out += ` ${name}="${escapeAttribute(value)}"`;
    }
    return out;
  }

  async #href(value: string, tag: string): Promise<string | null> {
    const target = HREF_TARGETS[tag];
    const trimmed = value.trim();
    if (target === 'fragment') return FRAGMENT.test(trimmed) ? trimmed : null;
    if (target === 'image') return checkEmbeddedRaster(trimmed, this.#budget, this.#file);
    return null;
  }
}

/**
 * The allowlist SVG sanitizer (docs/security.md): parse, keep only static drawing (shapes, paths,
 * gradients, clip paths, masks, text, safe filters, CSS without external references), rewrite
 * every href to `#id` or a checked `data:` raster, serialize, and re-parse the result.
 * Active or external parts are removed (and listed in `removed`); a document that cannot be made
 * safe is refused. Run `readSvgText` (document-level refusals, depth and size checks) first.
 */
export async function sanitizeSvg(text: string, file: string, options: SanitizeOptions): Promise<SanitizedSvg> {
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw new MarqueError('DECODE_FAILED', `${file}: the SVG is not well-formed XML (${valid.err.msg})`);
  const tree = parser.parse(text) as XmlNode[];
  const rootNode = tree.find((node) => tagOf(node) !== null && !tagOf(node)?.startsWith('#'));
  const rootTag = rootNode ? tagOf(rootNode) : null;
  if (!rootNode || rootTag !== 'svg')
    throw new MarqueError('DECODE_FAILED', `${file}: the document's root is not <svg>`);
  const namespace = rootNode[':@']?.xmlns;
  if (namespace !== undefined && namespace !== SVG_NS) {
    throw new MarqueError('DECODE_FAILED', `${file}: the root element is not in the SVG namespace`);
  }
  checkDeclaredSize(rootNode[':@'] ?? {}, file);
  const rootAttributes = rootNode[':@'];
  const fitted = rootAttributes ? viewBoxForDeclaredAspect(rootAttributes) : null;
  if (rootAttributes && fitted) rootAttributes.viewBox = fitted;
  const walker = new Walker(file, { pixels: 0, maxPixels: options.maxEmbeddedPixels });
  let svg = await walker.element(rootNode, 'svg', true);
  if (walker.usesXlink) svg = svg.replace(`<svg xmlns="${SVG_NS}"`, `<svg xmlns="${SVG_NS}" xmlns:xlink="${XLINK_NS}"`);
  assertCleanSvg(svg, file);
  return { svg, removed: walker.removed.list() };
}

/** Largest width or height an SVG may declare (librsvg turns width="1e9" into a 1x1 image). */
export const MAX_SVG_SIDE = 100_000;

function checkDeclaredSize(attributes: Record<string, string>, file: string): void {
  for (const name of ['width', 'height'] as const) {
    const raw = attributes[name];
    if (raw === undefined || raw.trim().endsWith('%')) continue;
    const value = Number.parseFloat(raw);
    if (Number.isNaN(value)) continue;
    if (!Number.isFinite(value) || value > MAX_SVG_SIDE || value < 0) {
      throw new MarqueError(
        'PIXEL_LIMIT',
        `${file}: the SVG claims a ${name} of ${raw.slice(0, 40)}, over ${MAX_SVG_SIDE} px`,
      );
    }
  }
}

/** The re-parse: the output must be well-formed XML with an <svg> root and nothing we refuse. */
function assertCleanSvg(svg: string, file: string): void {
  const valid = XMLValidator.validate(svg);
  const tree = valid === true ? (parser.parse(svg) as XmlNode[]) : [];
  const roots = tree.map(tagOf).filter((tag) => tag !== null);
  if (valid !== true || roots.length !== 1 || roots[0] !== 'svg' || /<!|<\?/.test(svg)) {
    throw new MarqueError('UNSAFE_CONTENT', `${file}: the SVG could not be cleaned into a safe document`);
  }
}
