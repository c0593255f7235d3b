import { decodeXmlReferences } from '../../../xml-references.ts';

/** The parsed XML tree of an SVG, reduced to what the print walker reads. */
export type Attributes = Record<string, string>;
export interface XmlNode {
  readonly tag: string;
  readonly attributes: Attributes;
  readonly children: readonly XmlNode[];
}

/**
 * Elements, plus character data as '#text' nodes (text in attributes['#text']) so text keeps its
 * order among <tspan>s; walkers that do not read text skip those nodes. Parse with trimValues off:
 * attribute values are trimmed here, text is kept as written.
 */
export function toNodes(raw: unknown): XmlNode[] {
  if (!Array.isArray(raw)) return [];
  const nodes: XmlNode[] = [];
  for (const entry of raw as Record<string, unknown>[]) {
    const tag = Object.keys(entry).find((key) => key !== ':@');
    if (tag === '#text') {
      nodes.push({ tag, attributes: { '#text': String(entry[tag]) }, children: [] });
      continue;
    }
    if (!tag || tag.startsWith('#') || tag.startsWith('?') || tag.startsWith('!')) continue;
    const local = tag.includes(':') ? tag.slice(tag.indexOf(':') + 1) : tag;
    const attributes: Attributes = {};
    for (const [name, value] of Object.entries((entry[':@'] as Attributes | undefined) ?? {}))
      attributes[name] = String(value).trim();
    nodes.push({ tag: local, attributes, children: toNodes(entry[tag]) });
  }
  return nodes;
}

/** Presentation attributes overridden by the style attribute (CSS rules were inlined by svgo). */
export function declarations(node: XmlNode): Attributes {
  const result: Attributes = { ...node.attributes };
  // References first, so the ';' of an escaped quote (&quot;) does not split a declaration.
  for (const part of decodeXmlReferences(node.attributes.style ?? '').split(';')) {
    const colon = part.indexOf(':');
    if (colon > 0)
      result[part.slice(0, colon).trim()] = part
        .slice(colon + 1)
        .replace(/!important/, '')
        .trim();
  }
  return result;
}

export function number(text: string | undefined, fallback: number): number {
  const value = Number.parseFloat(text ?? '');
  return Number.isFinite(value) ? value : fallback;
}

export function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/**
 * A node and its subtree as SVG text again. Values are written as they were read (the parser
 * leaves entities unexpanded), so only a quote, which a single-quoted value may hold, is escaped.
 */
export function serializeNode(node: XmlNode): string {
  if (node.tag === '#text') return node.attributes['#text'] ?? '';
  const attributes = Object.entries(node.attributes)
    .map(([name, value]) => ` ${name}="${value.replace(/"/g, '&quot;').replace(/</g, '&lt;')}"`)
    .join('');
  if (node.children.length === 0) return `<${node.tag}${attributes}/>`;
  return `<${node.tag}${attributes}>${node.children.map(serializeNode).join('')}</${node.tag}>`;
}
