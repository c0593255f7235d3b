import { XMLParser, XMLValidator } from 'fast-xml-parser';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readSvgText } from '../../../src/main/core/intake/svg-guard.ts';
import { sanitizeSvg } from '../../../src/main/core/intake/svg-sanitize.ts';
import { MarqueError } from '../../../src/shared/errors.ts';
import { corpusMarks } from '../../helpers/corpus.ts';
import { bombPng, dataUri } from '../../helpers/hostile-fixtures.ts';

const OPTIONS = { maxEmbeddedPixels: 50_000_000 };
const NS = 'xmlns="http://www.w3.org/2000/svg"';

async function clean(svg: string) {
  return sanitizeSvg(readSvgText(Buffer.from(svg), 'x.svg'), 'x.svg', OPTIONS);
}

async function refusal(run: () => unknown): Promise<MarqueError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof MarqueError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Every element name and attribute of a document, by walking the parsed output. */
function inventory(svg: string): { elements: Set<string>; attributes: string[] } {
  const tree = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg);
  const elements = new Set<string>();
  const attributes: string[] = [];
  const walk = (nodes: Record<string, unknown>[]) => {
    for (const node of nodes) {
      for (const [key, value] of Object.entries(node)) {
        if (key === ':@') attributes.push(...Object.entries(value as object).map(([k, v]) => `${k}=${v}`));
        else if (!key.startsWith('#')) {
          elements.add(key);
          walk(value as Record<string, unknown>[]);
        }
      }
    }
  };
  walk(tree);
  return { elements, attributes };
}

async function png(width: number, height: number): Promise<string> {
  const bytes = await sharp({ create: { width, height, channels: 4, background: '#e63946' } })
    .png()
    .toBuffer();
  return `data:image/png;base64,${bytes.toString('base64')}`;
}

describe('SVG allowlist sanitizer', () => {
  it('removes scripts, event handlers and foreignObject but keeps the drawing', async () => {
    const result = await clean(
      `<svg ${NS} viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script>` +
        `<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>` +
        `<rect width="10" height="10" fill="#e63946" onclick="steal()"/><set attributeName="fill" to="red"/></svg>`,
    );
    const { elements, attributes } = inventory(result.svg);
    expect([...elements].sort()).toEqual(['rect', 'svg']);
    expect(attributes.some((a) => /^on/i.test(a))).toBe(false);
    expect(result.removed.join(', ')).toMatch(/script/);
    expect(result.removed.join(', ')).toMatch(/event handler \(2\)/);
    expect(result.removed.join(', ')).toMatch(/foreignObject/);
    const stats = await sharp(Buffer.from(result.svg)).stats();
    expect(stats.channels[0]?.mean).toBeGreaterThan(200); // the red rect still renders
  });

  it('drops every external reference: http, file, relative, CSS url() and @import', async () => {
    const result = await clean(
      `<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">` +
        `<style>@import url(http://127.0.0.1:1/a.css); rect { fill: red }</style>` +
        `<image href="http://127.0.0.1:1/x.png" width="5" height="5"/>` +
        `<image xlink:href="file:///etc/passwd" width="5" height="5"/>` +
        `<image href="../sibling.png" width="5" height="5"/>` +
        `<use href="other.svg#a"/>` +
        `<rect width="4" height="4" fill="url(http://127.0.0.1:1/p.svg#g)" style="fill: url('file:///x')"/>` +
        `<rect width="4" height="4" filter="&#117;rl(http://127.0.0.1:1/f)"/>` +
        `<rect width="4" height="4" style="background: u\\72l(http://127.0.0.1:1/e)"/>` +
        `<a href="https://example.com"><circle r="2" cx="5" cy="5"/></a></svg>`,
    );
    const withoutNamespace = result.svg.replace(' xmlns="http://www.w3.org/2000/svg"', '');
    expect(withoutNamespace).not.toMatch(/http|file:|sibling|other\.svg|@import|example\.com|127\.0\.0\.1/);
    const { elements } = inventory(result.svg);
    expect(elements.has('image')).toBe(false);
    expect(elements.has('use')).toBe(false);
    expect(elements.has('circle')).toBe(true); // the link is unwrapped, its drawing kept
    expect(result.removed.join(', ')).toMatch(/external reference/);
  });

  it('keeps gradients, clip paths, masks, text, safe filters, fragment refs and safe CSS', async () => {
    const input =
      `<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100" width="100" height="100">` +
      `<style>.a { fill: url(#g); stroke: #000 }</style>` +
      `<defs><linearGradient id="g"><stop offset="0" stop-color="#e63946"/><stop offset="1" stop-color="#457b9d"/></linearGradient>` +
      `<clipPath id="c"><circle cx="50" cy="50" r="40"/></clipPath><mask id="m"><rect width="100" height="100" fill="#fff"/></mask>` +
      `<filter id="f"><feGaussianBlur stdDeviation="1"/></filter><path id="p" d="M10 80 L90 80"/></defs>` +
      `<rect class="a" width="100" height="100" clip-path="url(#c)" mask="url(#m)" filter="url(#f)"/>` +
      `<use xlink:href="#p" stroke="#000"/><text x="10" y="50">A &amp; B &lt; C</text></svg>`;
    const result = await clean(input);
    expect(result.removed).toEqual([]);
    const { elements } = inventory(result.svg);
    for (const tag of ['linearGradient', 'clipPath', 'mask', 'filter', 'feGaussianBlur', 'use', 'text', 'style']) {
      expect(elements.has(tag), tag).toBe(true);
    }
    expect(result.svg).toContain('A &amp; B &lt; C');
    expect(result.svg).toContain('xlink:href="#p"');
    // Same picture before and after.
    const before = await sharp(Buffer.from(input)).raw().toBuffer();
    const after = await sharp(Buffer.from(result.svg)).raw().toBuffer();
    expect(after.equals(before)).toBe(true);
  });

  it('keeps a small data: PNG and refuses a real 20000x20000 PNG bomb embedded as data:', async () => {
    const small = await clean(
      `<svg ${NS} viewBox="0 0 4 4"><image href="${await png(4, 4)}" width="4" height="4"/></svg>`,
    );
    expect(inventory(small.svg).elements.has('image')).toBe(true);
    const bomb20k = dataUri(bombPng(20000, 20000));
    const bomb = await refusal(() =>
      clean(`<svg ${NS} viewBox="0 0 4 4"><image href="${bomb20k}" width="4" height="4"/></svg>`),
    );
    expect(bomb.code).toBe('PIXEL_LIMIT');
    expect(bomb.message).toMatch(/^x\.svg: embeds a 20000x20000 image/);
    // Many small images that add up past the budget are refused too.
    const stamp = dataUri(bombPng(4000, 4000));
    const many = Array.from({ length: 4 }, () => `<image href="${stamp}"/>`).join('');
    expect((await refusal(() => clean(`<svg ${NS}>${many}</svg>`))).code).toBe('PIXEL_LIMIT');
    // A data: URI that lies about its type is dropped.
    const liar = await clean(`<svg ${NS}><image href="${(await png(4, 4)).replace('image/png', 'image/gif')}"/></svg>`);
    expect(inventory(liar.svg).elements.has('image')).toBe(false);
  });

  it('refuses DOCTYPE, entities, XInclude, stylesheet PIs, deep nesting and non-SVG roots', async () => {
    const cases: [string, RegExp][] = [
      [`<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg ${NS}>&x;</svg>`, /DOCTYPE/],
      [`<?xml-stylesheet href="http://127.0.0.1:1/s.css"?><svg ${NS}/>`, /stylesheet/],
      [`<svg ${NS} xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="/etc/passwd"/></svg>`, /XInclude/],
      [`<svg ${NS}>${'<g>'.repeat(5000)}${'</g>'.repeat(5000)}</svg>`, /deeper than/],
      [`<svg ${NS}><text>&lol;</text></svg>`, /undeclared entity/],
      [`<html><svg ${NS}/></html>`, /root is not <svg>/],
      [`<svg ${NS}><g></svg>`, /not well-formed/],
    ];
    for (const [svg, reason] of cases) {
      const error = await refusal(() => clean(svg));
      expect(error.message, svg.slice(0, 40)).toMatch(reason);
      expect(error.message.startsWith('x.svg: ')).toBe(true);
    }
  });

  it('cleans 300 real logos without removing anything, and its output is a fixed point', async () => {
    for (const mark of corpusMarks().slice(0, 300)) {
      const first = await sanitizeSvg(mark.svg, `${mark.name}.svg`, OPTIONS);
      expect(first.removed, mark.name).toEqual([]);
      expect(XMLValidator.validate(first.svg)).toBe(true);
      const second = await sanitizeSvg(first.svg, `${mark.name}.svg`, OPTIONS);
      expect(second.svg, mark.name).toBe(first.svg);
    }
  });
});
