import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { SOCIAL_PRESETS } from '../../../src/main/core/pipeline/processors/social/presets.ts';
import { buildSocialSet } from '../../../src/main/core/pipeline/processors/social/social-processor.ts';
import { pixels, svgInput, TWO_COLOUR_SVG } from './deliverables-fixtures.ts';

const input = svgInput(TWO_COLOUR_SVG, 200, 100, 'Acme');

describe('social set', async () => {
  const set = await buildSocialSet(input, { prefix: 'ACME' });
  const images = set.files.filter((f) => f.path !== 'README.txt');

  it('keeps every preset as dated, sourced data with sane numbers', () => {
    expect(new Set(SOCIAL_PRESETS.map((p) => p.id)).size).toBe(SOCIAL_PRESETS.length);
    for (const channel of [
      'OG',
      'X',
      'LinkedIn',
      'LinkedIn-Company',
      'Facebook',
      'IG',
      'YouTube',
      'TikTok',
      'Pinterest',
      'Mastodon',
      'Bluesky',
      'Threads',
      'Discord',
      'Slack',
      'GitHub',
    ]) {
      expect(
        SOCIAL_PRESETS.some((p) => p.channel === channel),
        channel,
      ).toBe(true);
    }
    for (const preset of SOCIAL_PRESETS) {
      expect(preset.checked).toMatch(/^20\d\d-\d\d$/);
      expect(preset.source).toMatch(/^https:\/\//);
      if (preset.safe !== 'circle') {
        expect(preset.safe.width).toBeLessThanOrEqual(preset.width);
        expect(preset.safe.height).toBeLessThanOrEqual(preset.height);
      }
    }
  });

  it("writes one file per preset at the preset's exact size, under its byte limit, named channel-size-use", async () => {
    expect(images).toHaveLength(SOCIAL_PRESETS.length);
    for (const preset of SOCIAL_PRESETS) {
      const file = images.find((f) =>
        f.path.startsWith(`ACME-${preset.channel}-${preset.width}x${preset.height}-${preset.use}.`),
      );
      expect(file, preset.id).toBeDefined();
      const meta = await sharp(file?.bytes).metadata();
      expect([meta.width, meta.height], preset.id).toEqual([preset.width, preset.height]);
      expect(file?.bytes.length, preset.id).toBeLessThanOrEqual(preset.maxBytes);
    }
    expect(images.map((f) => f.path)).toContain('ACME-X-1500x500-banner.png');
  });

  it('keeps the logo inside the circle of avatars and inside the safe area of banners', async () => {
    for (const preset of SOCIAL_PRESETS) {
      const file = images.find((f) =>
        f.path.includes(`-${preset.channel}-${preset.width}x${preset.height}-${preset.use}.`),
      );
      const image = await pixels(file?.bytes as Uint8Array);
      const bg = [...image.data.subarray(0, 4)];
      const inside =
        preset.safe === 'circle'
          ? (x: number, y: number) =>
              Math.hypot(x + 0.5 - image.width / 2, y + 0.5 - image.height / 2) <=
              Math.min(image.width, image.height) / 2
          : (
              (safe) => (x: number, y: number) =>
                Math.abs(x + 0.5 - image.width / 2) <= safe.width / 2 &&
                Math.abs(y + 0.5 - image.height / 2) <= safe.height / 2
            )(preset.safe);
      let inked = 0;
      let strays = 0;
      for (let y = 0; y < image.height; y += 2) {
        for (let x = 0; x < image.width; x += 2) {
          const i = (y * image.width + x) * 4;
          if ([0, 1, 2, 3].every((c) => image.data[i + c] === bg[c])) continue;
          if (inside(x, y)) inked++;
          else strays++;
        }
      }
      expect(strays, preset.id).toBe(0);
      expect(inked, preset.id).toBeGreaterThan(20);
    }
  });

  it('lists every file with its platform and limit in README.txt', () => {
    const readme = new TextDecoder().decode(set.files.find((f) => f.path === 'README.txt')?.bytes);
    for (const file of images) expect(readme).toContain(file.path);
  });
});

describe('social backgrounds and limits', () => {
  it('keeps transparency only where the platform allows it', async () => {
    const set = await buildSocialSet(input, {
      background: 'transparent',
      presets: ['github-social-preview', 'x-banner'],
    });
    const github = await sharp(set.files.find((f) => f.path.startsWith('GitHub'))?.bytes).stats();
    const x = await sharp(set.files.find((f) => f.path.startsWith('X-'))?.bytes).stats();
    expect(github.isOpaque).toBe(false);
    expect(x.isOpaque).toBe(true);
    expect(set.facts.notes).toEqual([expect.stringContaining('x-banner')]);
  });

  it('reverses the mark to white on a palette background it would vanish on', async () => {
    const palette = {
      locked: true,
      colors: [
        {
          hex: '#123456',
          rgb: [0x12, 0x34, 0x56] as const,
          cmyk: [79, 40, 0, 66] as const,
          lab: [21, 0, -24] as const,
          share: 0.7,
        },
      ],
    };
    const set = await buildSocialSet({ ...input, palette }, { background: 'palette', presets: ['og-link'] });
    const image = await pixels(set.files[0]?.bytes as Uint8Array);
    expect([...image.data.subarray(0, 3)]).toEqual([0x12, 0x34, 0x56]);
    const centre = ((image.height / 2) * image.width + Math.round(image.width * 0.3)) * 4;
    const colours = new Set<string>();
    for (let i = 0; i < image.data.length; i += 4) colours.add(image.data.subarray(i, i + 3).join(','));
    expect(colours.has('255,255,255')).toBe(true);
    expect(colours.has('230,57,70')).toBe(false); // the red disc is white too (one-colour reverse)
    expect(image.data[centre + 3]).toBe(255);
    expect(set.facts.reversed).toEqual([255, 255, 255]);
  });

  it('falls back to JPEG under the byte limit when a PNG would be too big', async () => {
    // A photographic (noisy) logo: its PNG at post size is far over Bluesky's 1 MB.
    const noise = Buffer.alloc(1200 * 900 * 3);
    let seed = 7;
    for (let i = 0; i < noise.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      noise[i] = seed >> 23;
    }
    const master = await sharp(noise, { raw: { width: 1200, height: 900, channels: 3 } })
      .png()
      .toBuffer();
    const set = await buildSocialSet(
      { master: new Uint8Array(master), format: 'png', isVector: false, width: 1200, height: 900, name: 'Noise' },
      { presets: ['bluesky-post'], padding: 0 },
    );
    const banner = set.files.find((f) => f.path.startsWith('Bluesky-1200x675-post'));
    expect(banner?.path).toMatch(/\.jpg$/);
    expect(banner?.bytes.length).toBeLessThanOrEqual(1024 * 1024);
    const meta = await sharp(banner?.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1200, 675]);
  });

  it('refuses an unknown preset by name', async () => {
    await expect(buildSocialSet(input, { presets: ['myspace-banner'] })).rejects.toThrow(
      /unknown preset "myspace-banner"/,
    );
  });
});
