import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { readAse, writeAse } from '../../../src/main/core/colour/ase.ts';
import { builtinCmykProfile } from '../../../src/main/core/colour/icc.ts';
import { PrintService } from '../../../src/main/core/colour/print-service.ts';
import { openDatabase } from '../../../src/main/core/database/database.ts';
import { pdf } from '../../../src/main/core/pipeline/processors/pdf/pdf-processor.ts';
import { separations } from '../../../src/main/core/pipeline/processors/separations/separations-processor.ts';
import { matchNamedInk } from '../../../src/main/core/pipeline/processors/svg/inks.ts';
import { Settings } from '../../../src/main/core/settings.ts';
import { deltaE2000, hexToRgb, rgbToLab } from '../../../src/shared/colour.ts';
import { context, file, separationNames, svgInput } from '../processors/pdf-fixtures.ts';

const require = createRequire(import.meta.url);
const aseUtils = require('ase-utils') as {
  encode(data: { colors: { name: string; model: string; color: number[]; type: string }[] }): Buffer;
};
const dir = mkdtempSync(join(tmpdir(), 'marque-pdfx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function qpdf(bytes: Uint8Array, name: string): { check: string; uncompressed: string } {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const check = execFileSync('qpdf', ['--check', path], { encoding: 'utf8' });
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', path, `${path}.qdf`]);
  return { check, uncompressed: readFileSync(`${path}.qdf`, 'latin1') };
}

describe('PDF/X-4 output', () => {
  it('pdf and separations embed the press profile as the OutputIntent, pass qpdf, carry no RGB', async () => {
    const profile = await builtinCmykProfile();
    const full = await pdf.run(svgInput(), pdf.options.parse({ pdfx: true }), context);
    const seps = await separations.run(
      svgInput(),
      separations.options.parse({ type: 'process', pdfx: true, dpi: 300, halftone: false, printWidthMm: 40 }),
      context,
    );
    const outputs = [
      ...['full-color.pdf', 'black.pdf', 'reversed.pdf'].map((path) => ({ path, bytes: file(full, path) })),
      { path: 'separations.pdf', bytes: file(seps, 'separations.pdf') },
    ];
    for (const { path, bytes } of outputs) {
      const { check, uncompressed } = qpdf(bytes, path);
      expect(check, path).toMatch(/No syntax or stream encoding errors/);
      expect(check, path).not.toMatch(/WARNING|error:/i);
      // No RGB anywhere: no DeviceRGB space, no rg/RG operators in any content stream.
      expect(uncompressed, path).not.toMatch(/DeviceRGB|CalRGB/);
      expect(uncompressed, path).not.toMatch(/\s(rg|RG)\n/);
      expect(uncompressed, path).toContain('pdfxid:GTS_PDFXVersion>PDF/X-4<');
      const doc = await PDFDocument.load(bytes, { updateMetadata: false });
      const intents = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
      const intent = intents.lookup(0, PDFDict);
      expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFX'));
      const icc = intent.lookup(PDFName.of('DestOutputProfile'));
      expect(icc).toBeInstanceOf(PDFRawStream);
      expect((icc as PDFRawStream).dict.get(PDFName.of('N'))?.toString()).toBe('4');
      expect(Buffer.from(decodePDFRawStream(icc as PDFRawStream).decode()).equals(Buffer.from(profile))).toBe(true);
      const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
      expect(doc.context.lookup(info.get(PDFName.of('GTS_PDFXVersion')))?.toString()).toBe('(PDF/X-4)');
      expect(doc.context.lookup(info.get(PDFName.of('Trapped')))?.toString()).toBe('/False');
      for (const page of doc.getPages()) {
        expect(page.node.get(PDFName.of('TrimBox')), path).toBeDefined();
        expect(page.node.get(PDFName.of('BleedBox')), path).toBeDefined();
      }
    }
    // Plate labels are set in an embedded font (a TrueType subset), not a standard-14 reference.
    const labels = qpdf(file(seps, 'separations.pdf'), 'labels.pdf').uncompressed;
    expect(labels).toMatch(/\/FontFile2/);
    expect(labels).not.toMatch(/\/BaseFont \/Helvetica\b/);
  }, 60_000);
});

describe('swatch books', () => {
  const colours = [
    { name: 'Brand Green', hex: '#2eb57d' },
    { name: 'Deep Aubergine', hex: '#4a154b' },
    { name: 'Signal Orange', hex: '#ff6600' },
  ];

  it('reads back what our writer wrote', () => {
    const swatches = readAse(writeAse('Acme', colours), 'acme.ase');
    expect(swatches.map((swatch) => swatch.name)).toEqual(colours.map((colour) => colour.name));
    expect(swatches.every((swatch) => swatch.group === 'Acme' && swatch.type === 'spot')).toBe(true);
    swatches.forEach((swatch, i) => {
      const [r, g, b] = hexToRgb(colours[i]?.hex as string);
      expect(swatch.values.map((v) => Math.round(v * 255))).toEqual([r, g, b]);
    });
  });

  it('reads files written by other tools: ase-utils’ encoder, its Adobe fixture, and a hand-built grouped LAB book', () => {
    const encoded = aseUtils.encode({
      colors: [
        { name: 'Other RGB', model: 'RGB', color: [1, 0.4, 0], type: 'global' },
        { name: 'Other CMYK', model: 'CMYK', color: [0, 1, 1, 0], type: 'spot' },
      ],
    });
    expect(readAse(new Uint8Array(encoded), 'other.ase')).toMatchObject([
      { name: 'Other RGB', model: 'RGB', type: 'global' },
      { name: 'Other CMYK', model: 'CMYK', values: [0, 1, 1, 0], type: 'spot' },
    ]);
    const fixture = readAse(readFileSync(require.resolve('ase-utils/test.ase')), 'test.ase');
    const expected = JSON.parse(readFileSync(require.resolve('ase-utils/test.json'), 'utf8')) as {
      colors: { name: string; model: string }[];
    };
    expect(fixture.map((swatch) => swatch.name)).toEqual(expected.colors.map((colour) => colour.name));
    expect(fixture.length).toBe(122);

    // Built byte by byte from the ASE layout: a group start, one LAB spot colour, a group end.
    const bytes: number[] = [...Buffer.from('ASEF'), 0, 1, 0, 0, 0, 0, 0, 3];
    const u16 = (v: number) => [(v >> 8) & 255, v & 255];
    const u32 = (v: number) => [(v >>> 24) & 255, (v >> 16) & 255, (v >> 8) & 255, v & 255];
    const utf16 = (text: string) => [...u16(text.length + 1), ...[...text].flatMap((c) => u16(c.charCodeAt(0))), 0, 0];
    const f32 = (v: number) => {
      const b = Buffer.alloc(4);
      b.writeFloatBE(v);
      return [...b];
    };
    const group = utf16('Inks');
    bytes.push(...u16(0xc001), ...u32(group.length), ...group);
    const body = [...utf16('Lab Green'), ...Buffer.from('LAB '), ...f32(0.65), ...f32(-50), ...f32(20), ...u16(1)];
    bytes.push(...u16(0x0001), ...u32(body.length), ...body);
    bytes.push(...u16(0xc002), ...u32(0));
    const lab = readAse(new Uint8Array(bytes), 'hand.ase');
    expect(lab).toHaveLength(1);
    expect(lab[0]).toMatchObject({ name: 'Lab Green', model: 'LAB', group: 'Inks', type: 'spot' });
    expect(lab[0]?.values[0]).toBeCloseTo(65, 4);
    expect(() => readAse(new Uint8Array([1, 2, 3]), 'junk.ase')).toThrow(/junk\.ase/);
  });

  it('matches brand colours to the nearest named ink by dE00, and the names reach the PDF Separations', async () => {
    const db = openDatabase(join(dir, 'library.sqlite'));
    try {
      const service = new PrintService(new Settings(db), dir);
      // The book's inks sit near the three-ink logo's colours, plus decoys farther away.
      const logoColours = ['#e30613', '#0055a4', '#ffcc00'];
      const book = [
        { name: 'Book Red 485', hex: '#e2081a' },
        { name: 'Book Red Decoy', hex: '#f06a73' },
        { name: 'Book Blue 2935', hex: '#0256a0' },
        { name: 'Book Yellow 116', hex: '#fdcb06' },
        { name: 'Book Blue Decoy', hex: '#2f5fa8' },
      ];
      const status = await service.addSwatchBook('Book.ase', writeAse('Book', book));
      expect(status.swatchBooks).toEqual([expect.objectContaining({ name: 'Book', inks: 5 })]);
      const named = book.map((ink) => ({ ...ink, book: 'Book' }));
      for (const hex of logoColours) {
        const match = matchNamedInk(hexToRgb(hex), named);
        const distances = named.map((ink) => deltaE2000(rgbToLab(hexToRgb(hex)), rgbToLab(hexToRgb(ink.hex))));
        expect(match?.deltaE00).toBeCloseTo(Math.min(...distances), 2);
      }
      const setup = service.setup();
      const result = await pdf.run(
        { ...svgInput(), print: setup },
        pdf.options.parse({ variants: ['full-color'], color: 'spot' }),
        context,
      );
      const inks = result.facts?.inks as { name: string; hex: string; match?: { name: string; deltaE00: number } }[];
      expect(inks.length).toBeGreaterThan(0);
      for (const ink of inks) {
        expect(ink.match?.deltaE00).toBeLessThan(5);
        expect(ink.name).toBe(ink.match?.name);
      }
      const doc = await PDFDocument.load(file(result, 'full-color.pdf'));
      const names = separationNames(doc.getPage(0));
      expect(names).toEqual(inks.map((ink) => ink.name).sort());
      expect(names.every((name) => name.startsWith('Book '))).toBe(true);
      expect(inks.map((ink) => ink.name).sort()).toEqual(['Book Blue 2935', 'Book Red 485', 'Book Yellow 116']);
    } finally {
      db.close();
    }
  });
});
