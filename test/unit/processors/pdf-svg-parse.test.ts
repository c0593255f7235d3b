import { describe, expect, it } from 'vitest';
import { parseSvgArt } from '../../../src/main/core/pipeline/processors/svg/parse-svg.ts';
import { pathBounds } from '../../../src/main/core/pipeline/processors/svg/path-bounds.ts';
import { MM, THREE_INK_SVG } from './pdf-fixtures.ts';

const svg = (body: string, attrs = 'viewBox="0 0 100 100"'): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ${attrs}>${body}</svg>`;

describe('SVG print art parser', () => {
  it('reads the artboard in physical units and CSS classes, groups, transforms and paper white', () => {
    const art = parseSvgArt(THREE_INK_SVG);
    expect(art.widthPt).toBeCloseTo(80 * MM, 6);
    expect(art.heightPt).toBeCloseTo(40 * MM, 6);
    const fills = art.items.map((item) => item.fill?.rgb.join(','));
    expect(fills).toEqual(['255,204,0', '0,85,164', '227,6,19', undefined, '255,255,255']);
    // The stroke-only line keeps its stroke; the rotated circle carries its group transform.
    expect(art.items[3]?.stroke?.width).toBe(6);
    expect(art.items[1]?.matrix[1]).toBeCloseTo(Math.sin((15 * Math.PI) / 180), 6);
  });

  it('resolves use/symbol, inherited fill, currentColor, opacity and clip paths', () => {
    const art = parseSvgArt(
      svg(
        '<defs><symbol id="s"><rect width="10" height="10"/></symbol><clipPath id="c"><circle cx="50" cy="50" r="20"/></clipPath></defs>' +
          '<g fill="#00ff00" opacity="0.5" color="#123456"><use xlink:href="#s" x="5" y="6"/><rect fill="currentColor" width="1" height="1" fill-opacity="0.5"/></g>' +
          '<rect width="100" height="100" fill="red" clip-path="url(#c)"/>',
      ),
    );
    expect(art.items).toHaveLength(3);
    expect(art.items[0]?.fill).toEqual({ rgb: [0, 255, 0], opacity: 0.5 });
    expect(art.items[0]?.matrix.slice(4)).toEqual([5, 6]);
    expect(art.items[1]?.fill).toEqual({ rgb: [18, 52, 86], opacity: 0.25 });
    expect(art.items[2]?.clips).toHaveLength(1);
  });

  it('keeps gradients with their bounding-box geometry and mean colour', () => {
    const art = parseSvgArt(
      svg(
        '<linearGradient id="a"><stop offset="0" stop-color="#000"/><stop offset="100%" stop-color="#fff"/></linearGradient><linearGradient id="b" xlink:href="#a" x1="0" x2="0" y2="1"/><rect x="10" y="20" width="30" height="40" fill="url(#b)"/>',
      ),
    );
    const paint = art.items[0]?.fill;
    expect(paint?.gradient?.kind).toBe('linear');
    expect(paint?.gradient?.coords).toEqual([0, 0, 0, 1]);
    expect(paint?.gradient?.matrix).toEqual([30, 0, 0, 40, 10, 20]);
    expect(paint?.rgb).toEqual([128, 128, 128]);
  });

  it('measures path bounds through relative commands, curves and arcs', () => {
    expect(pathBounds('m10 10 h20 v30 h-20 z')).toEqual({ x: 10, y: 10, width: 20, height: 30 });
    const arc = pathBounds('M0 0A10 10 0 1 0 20 0A10 10 0 1 0 0 0Z');
    expect(arc?.width).toBeCloseTo(20, 6);
    expect(arc?.height).toBeCloseTo(20, 1);
  });

  it('bounds the work of nested <use> bombs and never expands DOCTYPE entities', () => {
    let defs = '<rect id="a0" width="1" height="1"/>';
    for (let i = 1; i < 12; i++) defs += `<g id="a${i}">${`<use href="#a${i - 1}"/>`.repeat(10)}</g>`;
    // 10^11 shapes if expanded: the cap stops it (the warning says so); the test's timeout is the backstop.
    const art = parseSvgArt(svg(`<defs>${defs}</defs><use href="#a11"/>`));
    expect(art.warnings.join(' ')).toMatch(/too many shapes/);
    const entities = parseSvgArt(
      `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>${svg('<rect width="5" height="5"/>')}`,
    );
    expect(entities.items).toHaveLength(1);
  });

  it('says which file is broken and why', () => {
    expect(() => parseSvgArt('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', 'bad.svg')).toThrow(
      /bad\.svg: the SVG has neither a viewBox/,
    );
    expect(() => parseSvgArt('<html/>', 'page.svg')).toThrow(/page\.svg: no <svg> root/);
  });
});
