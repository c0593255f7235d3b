import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { OutputFile } from '../../../src/main/core/pipeline/processor.ts';
import { checkFaviconPack } from '../../../src/main/core/pipeline/processors/favicon/check-pack.ts';
import { buildFaviconPack } from '../../../src/main/core/pipeline/processors/favicon/favicon-processor.ts';
import { forceDark } from '../../../src/main/core/pipeline/processors/favicon/favicon-svg.ts';
import { decodeIco, encodeIco } from '../../../src/main/core/pipeline/processors/favicon/ico.ts';
import { BLACK_SVG, ORANGE_SVG, pixels, rasterInput, svgInput, TWO_COLOUR_SVG } from './deliverables-fixtures.ts';

const get = (files: readonly OutputFile[], path: string) => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`missing ${path} in ${files.map((f) => f.path).join(', ')}`);
  return file.bytes;
};

describe('favicon pack, modern profile', async () => {
  const pack = await buildFaviconPack(svgInput(TWO_COLOUR_SVG, 200, 100));

  it('writes the modern file set', () => {
    expect(pack.files.map((f) => f.path).sort()).toEqual(
      [
        'README.txt',
        'apple-touch-icon.png',
        'favicon-96x96.png',
        'favicon.ico',
        'favicon.svg',
        'site.webmanifest',
        'web-app-manifest-192x192.png',
        'web-app-manifest-512x512.png',
        'web-app-manifest-maskable-192x192.png',
        'web-app-manifest-maskable-512x512.png',
      ].sort(),
    );
  });

  it('writes an ICO listing exactly 48, 32, 16 in that order, each frame decoding at its size', async () => {
    const entries = decodeIco(get(pack.files, 'favicon.ico'));
    expect(entries.map((e) => [e.width, e.height, e.kind])).toEqual([
      [48, 48, 'png'],
      [32, 32, 'png'],
      [16, 16, 'png'],
    ]);
    for (const entry of entries) {
      const image = await pixels(entry.data);
      expect([image.width, image.height]).toEqual([entry.width, entry.height]);
      // Not empty: the mark is drawn in each frame.
      let ink = 0;
      for (let i = 3; i < image.data.length; i += 4) if ((image.data[i] as number) > 128) ink++;
      expect(ink).toBeGreaterThan(entry.width * 2);
    }
  });

  it('writes a manifest that validates, whose icons exist at their declared sizes', async () => {
    const manifest = JSON.parse(new TextDecoder().decode(get(pack.files, 'site.webmanifest')));
    expect(manifest).toMatchObject({ name: 'Acme Widgets', short_name: 'Acme Widgets', display: 'standalone' });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);
    expect(manifest.icons.map((i: { purpose: string }) => i.purpose).sort()).toEqual([
      'any',
      'any',
      'maskable',
      'maskable',
    ]);
    for (const icon of manifest.icons as { src: string; sizes: string; type: string }[]) {
      const meta = await sharp(get(pack.files, icon.src.replace(/^\//, ''))).metadata();
      expect(`${meta.width}x${meta.height}`).toBe(icon.sizes);
      expect(meta.format).toBe('png');
      expect(icon.type).toBe('image/png');
    }
    const report = await checkFaviconPack(pack.files);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('keeps maskable content inside the safe circle: pixels beyond 0.40 w are background', async () => {
    for (const size of [192, 512]) {
      const image = await pixels(get(pack.files, `web-app-manifest-maskable-${size}x${size}.png`));
      const bg = [image.data[0], image.data[1], image.data[2], image.data[3]];
      expect(bg[3]).toBe(255);
      let outside = 0;
      let differentOutside = 0;
      let differentInside = 0;
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const i = (y * size + x) * 4;
          const same = [0, 1, 2, 3].every((c) => image.data[i + c] === bg[c]);
          if (Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2) > 0.4 * size) {
            outside++;
            if (!same) differentOutside++;
          } else if (!same) differentInside++;
        }
      }
      expect(outside).toBeGreaterThan(size * size * 0.4);
      expect(differentOutside).toBe(0);
      expect(differentInside).toBeGreaterThan(size * size * 0.1);
    }
  });

  it('makes the Apple touch icon 180 px, opaque, with padding', async () => {
    const bytes = get(pack.files, 'apple-touch-icon.png');
    const stats = await sharp(bytes).stats();
    expect(stats.isOpaque).toBe(true);
    const image = await pixels(bytes);
    expect([image.width, image.height]).toEqual([180, 180]);
    // The outer 10 % band is background only.
    const bg = [...image.data.subarray(0, 3)];
    for (let y = 0; y < 180; y++) {
      for (let x = 0; x < 180; x++) {
        if (x >= 18 && x < 162 && y >= 18 && y < 162) continue;
        const i = (y * 180 + x) * 4;
        expect([image.data[i], image.data[i + 1], image.data[i + 2]]).toEqual(bg);
      }
    }
  });

  it('writes a square favicon.svg that renders the mark', async () => {
    const svg = new TextDecoder().decode(get(pack.files, 'favicon.svg'));
    const viewBox = /viewBox="([^"]+)"/.exec(svg)?.[1]?.split(' ').map(Number) ?? [];
    expect(viewBox[2]).toBeCloseTo(viewBox[3] as number, 6);
    const meta = await sharp(Buffer.from(svg), { density: 144 }).metadata();
    expect(meta.width).toBe(meta.height);
  });

  it('puts the HTML snippet in README.txt, naming only files of the pack', () => {
    const readme = new TextDecoder().decode(get(pack.files, 'README.txt'));
    const hrefs = [...readme.matchAll(/href="\/([^"]+)"/g)].map((m) => m[1] as string);
    expect(hrefs.sort()).toEqual([
      'apple-touch-icon.png',
      'favicon-96x96.png',
      'favicon.ico',
      'favicon.svg',
      'site.webmanifest',
    ]);
    expect(readme).toContain('<link rel="icon" href="/favicon.ico" sizes="48x48" />');
  });
});

describe('favicon dark variant', () => {
  it('adds a prefers-color-scheme: dark rule when the mark would vanish on dark tabs, and it turns the mark light', async () => {
    const pack = await buildFaviconPack(svgInput(BLACK_SVG, 64, 64));
    const svg = new TextDecoder().decode(get(pack.files, 'favicon.svg'));
    expect(svg).toContain('@media (prefers-color-scheme: dark)');
    expect(pack.facts.darkVariant).toBe(true);
    const dark = await pixels(
      await sharp(Buffer.from(forceDark(svg)))
        .png()
        .toBuffer(),
    );
    const light = await pixels(await sharp(Buffer.from(svg)).png().toBuffer());
    const centreOfFrame = ((Math.round(dark.height * 0.2) * dark.width + Math.round(dark.width * 0.2)) * 4) as number;
    expect(light.data[centreOfFrame]).toBeLessThan(30);
    expect(dark.data[centreOfFrame]).toBeGreaterThan(225);
  });

  it('leaves a mark that reads on dark tabs alone', async () => {
    const pack = await buildFaviconPack(svgInput(ORANGE_SVG, 64, 64));
    expect(new TextDecoder().decode(get(pack.files, 'favicon.svg'))).not.toContain('prefers-color-scheme');
    expect(pack.facts.darkVariant).toBe(false);
  });
});

describe('favicon overrides, profiles and the checker', () => {
  it('uses hand-made 16 and 32 px icons as given (base64 or data: URL)', async () => {
    const hand16 = await sharp({ create: { width: 16, height: 16, channels: 4, background: '#ff00ff' } })
      .png()
      .toBuffer();
    const hand32 = await sharp({ create: { width: 32, height: 32, channels: 4, background: '#00ff00' } })
      .png()
      .toBuffer();
    const pack = await buildFaviconPack(svgInput(TWO_COLOUR_SVG, 200, 100), {
      override16: hand16.toString('base64'),
      override32: `data:image/png;base64,${hand32.toString('base64')}`,
    });
    const [f48, f32, f16] = decodeIco(get(pack.files, 'favicon.ico'));
    expect((await pixels(f16?.data as Uint8Array)).data.subarray(0, 4)).toEqual(Buffer.from([255, 0, 255, 255]));
    expect((await pixels(f32?.data as Uint8Array)).data.subarray(0, 4)).toEqual(Buffer.from([0, 255, 0, 255]));
    expect((await pixels(f48?.data as Uint8Array)).data[3]).toBe(0); // drawn from the vector, transparent corner
    await expect(
      buildFaviconPack(svgInput(TWO_COLOUR_SVG, 200, 100), { override16: hand32.toString('base64') }),
    ).rejects.toThrow(/32x32, expected 16x16/);
  });

  it('writes the extended legacy set, every PNG at the size its name says', async () => {
    const pack = await buildFaviconPack(svgInput(TWO_COLOUR_SVG, 200, 100), { profile: 'extended' });
    const paths = pack.files.map((f) => f.path);
    expect(decodeIco(get(pack.files, 'favicon.ico')).map((e) => e.width)).toEqual([64, 48, 32, 24, 16]);
    expect(paths.filter((p) => /^apple-touch-icon-\d+x\d+\.png$/.test(p))).toHaveLength(11);
    expect(paths.filter((p) => p.startsWith('android-chrome-'))).toHaveLength(9);
    expect(paths.filter((p) => p.startsWith('mstile-'))).toHaveLength(5);
    expect(new TextDecoder().decode(get(pack.files, 'browserconfig.xml'))).toContain('<TileColor>#');
    for (const file of pack.files.filter((f) => f.path.endsWith('.png'))) {
      const named = /(\d+)x(\d+)\.png$/.exec(file.path);
      const meta = await sharp(file.bytes).metadata();
      if (named) expect(`${meta.width}x${meta.height}`).toBe(`${named[1]}x${named[2]}`);
    }
    expect((await checkFaviconPack(pack.files)).ok).toBe(true);
  });

  it('writes custom sizes only for the custom profile', async () => {
    const pack = await buildFaviconPack(svgInput(TWO_COLOUR_SVG, 200, 100), {
      profile: 'custom',
      sizes: [24, 64],
      icoSizes: [32, 16],
    });
    expect(pack.files.map((f) => f.path).sort()).toEqual([
      'README.txt',
      'favicon-24x24.png',
      'favicon-64x64.png',
      'favicon.ico',
      'favicon.svg',
    ]);
    expect(decodeIco(get(pack.files, 'favicon.ico')).map((e) => e.width)).toEqual([32, 16]);
  });

  it('packs a raster logo without favicon.svg and still passes the checker', async () => {
    const pack = await buildFaviconPack(await rasterInput());
    expect(pack.files.some((f) => f.path === 'favicon.svg')).toBe(false);
    expect((await checkFaviconPack(pack.files)).ok).toBe(true);
  });

  it('writes favicon.svg from a colour trace of a raster logo when asked', async () => {
    const pack = await buildFaviconPack(await rasterInput(), { traceRaster: true });
    const svg = new TextDecoder().decode(get(pack.files, 'favicon.svg'));
    expect(svg).toMatch(/<path[^>]+fill="#2a9d8f"/i);
    expect((await checkFaviconPack(pack.files)).ok).toBe(true);
    // The traced bar fills the width of the square icon, centred vertically like the PNGs.
    const image = await pixels(await sharp(Buffer.from(svg)).resize(64, 64).png().toBuffer());
    const alphaAt = (x: number, y: number) => image.data[(y * 64 + x) * 4 + 3] as number;
    expect(alphaAt(32, 32)).toBe(255);
    expect(alphaAt(2, 32)).toBeGreaterThan(128);
    expect(alphaAt(32, 4)).toBe(0);
  });

  it('flags a broken pack: ascending ICO, no 48 frame, manifest icon missing or mis-sized', async () => {
    const pack = await buildFaviconPack(svgInput(TWO_COLOUR_SVG, 200, 100));
    const frames = decodeIco(get(pack.files, 'favicon.ico'));
    const ascending = encodeIco(
      [...frames]
        .reverse()
        .filter((f) => f.width !== 48)
        .map((f) => ({ size: f.width, png: f.data })),
    );
    const broken = pack.files
      .filter((f) => f.path !== 'web-app-manifest-512x512.png')
      .map((f) => (f.path === 'favicon.ico' ? { ...f, bytes: ascending } : f))
      .map((f) =>
        f.path === 'web-app-manifest-maskable-512x512.png'
          ? { ...f, bytes: get(pack.files, 'web-app-manifest-192x192.png') }
          : f,
      );
    const report = await checkFaviconPack(broken);
    const failures = report.checks.filter((c) => !c.ok).map((c) => c.message);
    expect(report.ok).toBe(false);
    expect(failures.some((m) => m.includes('no 48 px frame'))).toBe(true);
    expect(failures.some((m) => m.includes('ascending'))).toBe(true);
    expect(failures.some((m) => m.includes('web-app-manifest-512x512.png: listed but not in the pack'))).toBe(true);
    expect(failures.some((m) => m.includes('is 192x192 but the manifest declares 512x512'))).toBe(true);
  });
});
