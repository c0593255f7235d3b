/**
 * Property test of the SVG sanitizer: documents assembled at random from drawing elements,
 * active elements and attribute values that try every way of naming a resource (schemes, CSS
 * url(), character references, CSS escapes, @import). Whatever goes in, what comes out is
 * well-formed XML with one <svg> root, only allowlisted elements, no event handlers, and no
 * reference other than #id.
 */
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { ALLOWED_ELEMENTS } from '../../../src/main/core/intake/svg-allowlist.ts';
import { sanitizeSvg } from '../../../src/main/core/intake/svg-sanitize.ts';
import { MarqueError } from '../../../src/shared/errors.ts';

const ELEMENTS = [
  'g',
  'rect',
  'path',
  'use',
  'image',
  'a',
  'script',
  'foreignObject',
  'style',
  'text',
  'set',
  'feImage',
  'filter',
  'linearGradient',
  'iframe',
  'svg',
];
const ATTRIBUTES = [
  'fill',
  'style',
  'href',
  'xlink:href',
  'onload',
  'onClick',
  'filter',
  'mask',
  'clip-path',
  'd',
  'id',
  'src',
  'xml:base',
  'width',
];
const VALUES = [
  '#a',
  'url(#a)',
  'http://127.0.0.1:9/x',
  'url(http://127.0.0.1:9/x)',
  "url('file:///etc/passwd')",
  '&#117;rl(http://127.0.0.1:9/e)',
  '&#x75;&#x72;&#x6c;(//127.0.0.1:9/e)',
  'u\\72l(http://127.0.0.1:9/e)',
  '@import "http://127.0.0.1:9/s.css"',
  'javascript:alert(1)',
  '../secret.png',
  '//127.0.0.1:9/p',
  'image-set("http://127.0.0.1:9/i.png" 1x)',
  'red',
  'M0 0L10 10',
  'data:image/svg+xml;base64,PHN2Zy8+',
];

const attribute = fc
  .tuple(fc.constantFrom(...ATTRIBUTES), fc.constantFrom(...VALUES))
  .map(([name, value]) => ` ${name}="${value.replace(/"/g, '&quot;')}"`);

const element: fc.Memo<string> = fc.memo((depth) =>
  fc
    .tuple(
      fc.constantFrom(...ELEMENTS),
      fc.array(attribute, { maxLength: 4 }),
      depth > 1 ? fc.array(element(depth - 1), { maxLength: 3 }) : fc.constant([] as string[]),
      fc.constantFrom('', 'text &amp; more', '@import url(http://127.0.0.1:9/t.css);', 'rect{fill:url(#a)}'),
    )
    .map(([tag, attributes, children, text]) => {
      const unique = [...new Map(attributes.map((a) => [a.split('=')[0], a])).values()].join('');
      return `<${tag}${unique}>${text}${children.join('')}</${tag}>`;
    }),
);

const reader = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
});

function decode(value: string): string {
  return value.replace(
    /&(amp|lt|gt|quot|#10|#13|#9);/g,
    (_m, ref: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#10': '\n', '#13': '\r', '#9': '\t' })[ref] ?? '',
  );
}

function check(nodes: Record<string, unknown>[], parent: string): void {
  for (const node of nodes) {
    for (const [key, value] of Object.entries(node)) {
      if (key === ':@') {
        for (const [name, raw] of Object.entries(value as Record<string, string>)) {
          const text = decode(raw);
          expect(name.toLowerCase().startsWith('on'), name).toBe(false);
          if (name === 'href' || name === 'xlink:href')
            expect(text, name).toMatch(/^(#[\w.:-]+|data:image\/(png|jpeg|webp|gif);base64,)/);
          if (name === 'xmlns' || name === 'xmlns:xlink') continue;
          expect(text, `${name}=${text}`).not.toMatch(/\\|@|:\/\/|javascript:|image-set/i);
          for (const match of text.matchAll(/url\(([^)]*)\)/gi)) expect(match[1]).toMatch(/^['"]?#/);
        }
      } else if (key === '#text') {
        if (parent === 'style') expect(decode(String(value))).not.toMatch(/@|:\/\/|\\/);
      } else {
        expect(ALLOWED_ELEMENTS.has(key), key).toBe(true);
        check(value as Record<string, unknown>[], key);
      }
    }
  }
}

describe('SVG sanitizer, property', () => {
  it('never lets an active element, handler or external reference through', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(element(3), { maxLength: 5 }), async (children) => {
        const input = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">${children.join('')}</svg>`;
        let svg: string;
        try {
          svg = (await sanitizeSvg(input, 'p.svg', { maxEmbeddedPixels: 50_000_000 })).svg;
        } catch (error) {
          // Refusing is always allowed; crashing is not.
          expect(error).toBeInstanceOf(MarqueError);
          return;
        }
        expect(XMLValidator.validate(svg)).toBe(true);
        const tree = reader.parse(svg) as Record<string, unknown>[];
        expect(tree.map((n) => Object.keys(n)[0])).toEqual(['svg']);
        check(tree, '');
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });
});
