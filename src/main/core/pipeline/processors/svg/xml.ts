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
  // References first, so the ';' of an escaped quote (&quot;) does not split a declaration.
  for (const part of decodeXmlText(node.attributes.style ?? '').split(';')) {
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

/** Character data with XML's predefined and numeric character references decoded (entities are not expanded by the parser). */
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|lt|gt|amp|quot|apos);/gi, (whole, ref: string) => {
    const lowered = ref.toLowerCase();
    const named = PREDEFINED[lowered];
    if (named !== undefined) return named;
    const code = lowered.startsWith('#x') ? Number.parseInt(lowered.slice(2), 16) : Number(lowered.slice(1));
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
