import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { openPress } from '../../../src/main/core/colour/press.ts';
import { recolourSvg } from '../../../src/main/core/pipeline/processors/package/colourways.ts';
import { brandPrefix, buildLogoPackage } from '../../../src/main/core/pipeline/processors/package/package-processor.ts';
import { DEFAULT_PRINT_SETUP } from '../../../src/shared/print.ts';
import { BLACK_SVG, pixels, rasterInput, svgInput, TWO_COLOUR_SVG } from './deliverables-fixtures.ts';

const COLOURWAYS = ['FullColor', 'Black', 'White', 'Reversed', 'Grayscale'];

describe('logo package from a vector master', async () => {
  const pack = await buildLogoPackage(svgInput(TWO_COLOUR_SVG, 200, 100, 'Acme Widgets & Co.'));

  it('writes the folder tree of docs/specs.md: type / colour / use / format, names repeating the path', () => {
    const expected = ['README.txt'];
    for (const c of COLOURWAYS) {
      const stem = `AcmeWidgetsCo_Logo_RGB_${c}`;
      expected.push(`Logo/${c}/Digital/SVG/${stem}.svg`, `Logo/${c}/Print/PDF/AcmeWidgetsCo_Logo_CMYK_${c}.pdf`);
      for (const size of [256, 512, 1024, 2048]) expected.push(`Logo/${c}/Digital/PNG/${stem}_${size}.png`);
      const onBlack = c === 'White' || c === 'Reversed';
      expected.push(`Logo/${c}/Digital/JPG/${stem}_${onBlack ? 'OnBlack' : 'OnWhite'}_2048.jpg`);
    }
    expect(pack.files.map((f) => f.path).sort()).toEqual(expected.sort());
  });

  it('writes files that all decode: PNGs with transparency at their size, JPGs opaque, SVGs render, PDFs parse', async () => {
    for (const file of pack.files) {
      if (file.path.endsWith('.png')) {
        const size = Number(/_(\d+)\.png$/.exec(file.path)?.[1]);
        const meta = await sharp(file.bytes).metadata();
        expect([meta.width, meta.height, meta.hasAlpha], file.path).toEqual([size, size / 2, true]);
        const image = await pixels(file.bytes);
        expect(image.data[3], `${file.path} corner`).toBe(0);
      } else if (file.path.endsWith('.jpg')) {
        const meta = await sharp(file.bytes).metadata();
        expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['jpeg', 2048, 1024, false]);
      } else if (file.path.endsWith('.svg')) {
        const meta = await sharp(file.bytes).metadata();
        expect([meta.format, meta.width, meta.height]).toEqual(['svg', 200, 100]);
      } else if (file.path.endsWith('.pdf')) {
        const pdf = await PDFDocument.load(file.bytes);
        expect(pdf.getPageCount(), file.path).toBe(1);
      }
    }
  });

  it('recolours each colourway: black is black, white is white, greyscale has no hue, reversed keeps what reads on dark', async () => {
    const colours = async (colourway: string) => {
      const file = pack.files.find((f) => f.path.endsWith(`_${colourway}_512.png`));
      const image = await pixels(file?.bytes as Uint8Array);
      const set = new Set<string>();
      for (let i = 0; i < image.data.length; i += 4)
        if (image.data[i + 3] === 255) set.add(image.data.subarray(i, i + 3).join(','));
      return set;
    };
    expect([...(await colours('Black'))]).toEqual(['0,0,0']);
    expect([...(await colours('White'))]).toEqual(['255,255,255']);
    for (const colour of await colours('Grayscale')) {
      const [r, g, b] = colour.split(',');
      expect(r === g && g === b, colour).toBe(true);
    }
    const full = await colours('FullColor');
    const reversed = await colours('Reversed');
    // Navy does not read on dark: it turns white. The red does: it stays the brand red (no negative).
    expect(full.has('18,52,86') && full.has('230,57,70')).toBe(true);
    expect(reversed.has('255,255,255') && reversed.has('230,57,70')).toBe(true);
    expect(reversed.has('18,52,86')).toBe(false);
    const svg = new TextDecoder().decode(pack.files.find((f) => f.path.endsWith('RGB_Reversed.svg'))?.bytes);
    expect(svg).toContain('#e63946');
    expect(svg).toContain('#ffffff');
    expect(svg).not.toContain('#123456');
  });

  it('writes a client README that names every file and says what each colour and format is for', () => {
    const readme = new TextDecoder().decode(pack.files.find((f) => f.path === 'README.txt')?.bytes);
    for (const file of pack.files.filter((f) => f.path !== 'README.txt')) expect(readme).toContain(file.path);
    for (const word of ['FullColor', 'Black', 'White', 'Reversed', 'Grayscale', 'SVG', 'PDF', 'PNG', 'JPG'])
      expect(readme).toContain(word);
    // The press the CMYK files were separated for, in a printer's terms.
    expect(readme).toContain('CMYK files are separated for Chemical proof CMYK (built in) (relative colorimetric)');
    expect(readme).toContain('total ink at most 300 %');
  });

  it('names the brand colours with their press builds and nearest named inks in the README', async () => {
    const input = {
      ...svgInput(TWO_COLOUR_SVG, 200, 100, 'Acme'),
      palette: {
        locked: true,
        colors: [
          { hex: '#e63946', rgb: [230, 57, 70], cmyk: [0, 0, 0, 0], lab: [0, 0, 0], share: 1, name: 'Acme Red' },
        ] as const,
      },
    } as Parameters<typeof buildLogoPackage>[0];
    const withPalette = await buildLogoPackage(input, { formats: ['pdf'], colourways: ['FullColor'] });
    const readme = new TextDecoder().decode(withPalette.files.find((f) => f.path === 'README.txt')?.bytes);
    const press = await openPress(DEFAULT_PRINT_SETUP);
    const [c, m, y, k] = press.cmyk([230, 57, 70]);
    expect(readme).toContain(`#E63946  C${c} M${m} Y${y} K${k}  Acme Red`);
  });
});

describe('logo package edge cases', () => {
  it('cuts light details out of the one-colour versions (a badge stays a badge), in PNG and SVG alike', async () => {
    // BLACK_SVG: a black square with a white square inside, on a 64 unit artboard.
    const pack = await buildLogoPackage(svgInput(BLACK_SVG, 64, 64, 'Badge'), {
      formats: ['svg', 'png'],
      pngSizes: [256],
      colourways: ['Black', 'White', 'FullColor'],
    });
    const at = async (bytes: Uint8Array | undefined, x: number, y: number) => {
      const image = await pixels(await sharp(bytes).resize(256, 256).png().toBuffer());
      const i = (y * 256 + x) * 4;
      return [...image.data.subarray(i, i + 4)];
    };
    const file = (suffix: string) => pack.files.find((f) => f.path.endsWith(suffix))?.bytes;
    for (const suffix of ['RGB_Black_256.png', 'RGB_Black.svg']) {
      expect(await at(file(suffix), 128, 128), suffix).toEqual([0, 0, 0, 0]); // the white centre is a hole
      expect(await at(file(suffix), 50, 50), suffix).toEqual([0, 0, 0, 255]); // the frame is black
    }
    for (const suffix of ['RGB_White_256.png', 'RGB_White.svg']) {
      expect((await at(file(suffix), 128, 128))[3], suffix).toBe(0);
      expect(await at(file(suffix), 50, 50), suffix).toEqual([255, 255, 255, 255]);
    }
    expect(await at(file('RGB_FullColor_256.png'), 128, 128)).toEqual([255, 255, 255, 255]);
  });

  it('treats a white rectangle behind the mark as paper: the one-colour versions do not become a block', async () => {
    // Mostly white (backdrop + light bar), so without the backdrop rule the black version is a square.
    const onBackdrop = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
      <rect width="64" height="64" fill="#fff"/><circle cx="32" cy="32" r="16" fill="#1b2a4a"/>
      <rect x="22" y="29" width="20" height="6" fill="#fff8d0"/></svg>`;
    const pack = await buildLogoPackage(svgInput(onBackdrop, 64, 64, 'Badge'), {
      formats: ['svg', 'png', 'pdf'],
      pngSizes: [256],
      colourways: ['Black'],
    });
    const bytes = (suffix: string) => pack.files.find((f) => f.path.endsWith(suffix))?.bytes;
    for (const suffix of ['RGB_Black_256.png', 'RGB_Black.svg']) {
      const image = await pixels(await sharp(bytes(suffix)).resize(256, 256).png().toBuffer());
      const alpha = (x: number, y: number) => image.data[(y * 256 + x) * 4 + 3];
      expect(alpha(8, 8), `${suffix} backdrop`).toBe(0);
      expect(alpha(128, 128), `${suffix} light bar`).toBe(0);
      expect(alpha(128, 80), `${suffix} badge`).toBe(255);
    }
  });

  it('never enlarges a raster master and has no SVG for it', async () => {
    const pack = await buildLogoPackage(await rasterInput(), { formats: ['png', 'jpg', 'svg'] });
    const paths = pack.files.map((f) => f.path);
    expect(paths.filter((p) => p.endsWith('.png')).map((p) => /_(\d+)\.png$/.exec(p)?.[1])).toEqual(
      Array(5).fill('256'),
    );
    expect(paths.some((p) => p.endsWith('.svg'))).toBe(false);
    const jpg = pack.files.find((f) => f.path.endsWith('.jpg'));
    expect((await sharp(jpg?.bytes).metadata()).width).toBe(300);
    expect(new TextDecoder().decode(pack.files[0]?.bytes)).toContain('no upscaling');
  });

  it('recolours colour attributes and styles but leaves references alone', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="abc"><stop stop-color="#f00"/></linearGradient></defs>' +
      '<use href="#abc"/><path style="fill:#00ff00;stroke:rgb(0, 0, 255)" fill="url(#abc)"/><path/></svg>';
    const black = recolourSvg(svg, 'Black');
    expect(black).toContain('stop-color="#000000"');
    expect(black).toContain('style="fill:#000000;stroke:#000000"');
    expect(black).toContain('href="#abc"');
    expect(black).toContain('fill="url(#abc)"');
    expect(recolourSvg(svg, 'White')).toMatch(/^<svg fill="#ffffff"/);
  });

  it('makes a file-safe brand prefix from any name', () => {
    expect(brandPrefix('Acme Widgets & Co.')).toBe('AcmeWidgetsCo');
    expect(brandPrefix('../../etc/passwd')).toBe('Etcpasswd');
    expect(brandPrefix('Café Zoë')).toBe('CafeZoe');
    expect(brandPrefix('???')).toBe('Brand');
  });
});
