/** The parsed XML tree of an SVG, reduced to what the print walker reads. */
export type Attributes = Record<string, string>;
export interface XmlNode {
  readonly tag: string;
  readonly attributes: Attributes;
  readonly children: readonly XmlNode[];
}

export function toNodes(raw: unknown): XmlNode[] {
  if (!Array.isArray(raw)) return [];
  const nodes: XmlNode[] = [];
  for (const entry of raw as Record<string, unknown>[]) {
    const tag = Object.keys(entry).find((key) => key !== ':@');
    if (!tag || tag.startsWith('#') || tag.startsWith('?') || tag.startsWith('!')) continue;
    const local = tag.includes(':') ? tag.slice(tag.indexOf(':') + 1) : tag;
    const attributes = { ...((entry[':@'] as Attributes | undefined) ?? {}) };
    const text = Array.isArray(entry[tag])
      ? (entry[tag] as Record<string, unknown>[]).filter((child) => '#text' in child)
      : [];
    if (text.length > 0) attributes['#text'] = text.map((child) => String(child['#text'])).join('');
    nodes.push({ tag: local, attributes, children: toNodes(entry[tag]) });
  }
  return nodes;
}

/** Presentation attributes overridden by the style attribute (CSS rules were inlined by svgo). */
export function declarations(node: XmlNode): Attributes {
  const result: Attributes = { ...node.attributes };
  for (const part of (node.attributes.style ?? '').split(';')) {
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
