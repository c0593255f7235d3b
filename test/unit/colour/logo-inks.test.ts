import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Studio } from '../../../src/main/core/studio.ts';
import { NO_INK_EDITS, withLogoInks } from '../../../src/shared/print.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { openStudio } from '../pipeline/fixtures/studio.ts';
import { separationNames, THREE_INK_SVG } from '../processors/pdf-fixtures.ts';

const context = { mode: 'browser' as const, clientAddress: null };
const SPOT = { variants: ['full-color'], color: 'spot' } as const;

/** The /Separation names of the full-colour spot PDF the pipeline makes (or finds cached) for a logo. */
async function pdfInks(studio: Studio, logoId: string, options: Record<string, unknown> = SPOT): Promise<string[]> {
  const files = await studio.pipeline.produce({ id: logoId }, 'pdf', options);
  const pdf = files.find((file) => file.path.endsWith('full-color.pdf'));
  if (!pdf) throw new Error('no full-color.pdf');
  return separationNames((await PDFDocument.load(await readFile(pdf.source))).getPage(0));
}

describe('withLogoInks', () => {
  it('fills in the logo’s edits colour by colour; what the options spell out wins', () => {
    const edits = {
      inkNames: { '#e30613': 'Brand Red', '#0055a4': 'Brand Blue' },
      mergeInks: [{ from: '#ffcc00', into: '#e30613' }],
      keepInks: ['#123456'],
    };
    expect(withLogoInks({ color: 'spot' }, NO_INK_EDITS)).toEqual({ color: 'spot' });
    expect(
      withLogoInks({ inkNames: { '#0055A4': 'Export Blue' }, keepInks: ['#ffcc00'], mergeInks: [] }, edits),
    ).toEqual({
      inkNames: { '#e30613': 'Brand Red', '#0055A4': 'Export Blue' },
      keepInks: ['#123456', '#ffcc00'],
      mergeInks: [],
    });
  });
});

describe('a logo’s ink edits are remembered in the library', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let studio: Studio | null = null;
  beforeEach(async () => {
    dir = await tempDir('marque-logo-inks-');
  });
  afterEach(async () => {
    await studio?.close();
    studio = null;
    await dir.cleanup();
  });

  it('a renamed ink reaches that logo’s PDF /Separation only, and survives reopening the library', async () => {
    const data = join(dir.path, 'data');
    studio = await openStudio(data);
    const paths = ['acme.svg', 'other.svg'].map((name) => join(dir.path, name));
    await writeFile(paths[0] as string, THREE_INK_SVG);
    // The same three inks, drawn differently: a different logo (another hash).
    await writeFile(paths[1] as string, THREE_INK_SVG.replace('rx="8"', 'rx="2"'));
    const ids = (await studio.library.importPaths(paths)).outcomes.map((outcome) => {
      if (outcome.status === 'failed') throw new Error(outcome.message);
      return outcome.logo.id;
    });
    const [acme, other] = ids as [string, string];

    const before = await pdfInks(studio, acme);
    expect(before).toContain('Spot E30613');
    expect(await studio.handlers['print.logoInks']({ logoId: acme }, context)).toEqual(NO_INK_EDITS);

    const saved = await studio.handlers['print.setLogoInks'](
      { logoId: acme, edits: { inkNames: { '#E30613': 'Acme Red' }, mergeInks: [], keepInks: [] } },
      context,
    );
    expect(saved.inkNames).toEqual({ '#e30613': 'Acme Red' });
    // The boundary refuses what the recipes would: a name over 60 characters, a colour that is not one.
    await expect(
      studio.handlers['print.setLogoInks'](
        { logoId: acme, edits: { inkNames: { red: 'x' }, mergeInks: [], keepInks: [] } } as never,
        context,
      ),
    ).rejects.toThrow();

    // No options spelled out: the logo's name is the default, in a new output (a new cache key).
    const after = await pdfInks(studio, acme);
    expect(after).toContain('Acme Red');
    expect(after).not.toContain('Spot E30613');
    expect(await pdfInks(studio, other)).toContain('Spot E30613');
    // An export that names the ink itself wins for that export.
    expect(await pdfInks(studio, acme, { ...SPOT, inkNames: { '#e30613': 'Export Red' } })).toContain('Export Red');
    // The ink preview (ink-plan job) shows the remembered name too.
    const preview = await studio.handlers['print.previewInks']({ logoId: acme, options: { color: 'spot' } }, context);
    expect(preview.inks.map((ink) => ink.name)).toContain('Acme Red');

    await studio.close();
    studio = await openStudio(data);
    expect((await studio.handlers['print.logoInks']({ logoId: acme }, context)).inkNames).toEqual({
      '#e30613': 'Acme Red',
    });
    expect(await studio.handlers['print.logoInks']({ logoId: other }, context)).toEqual(NO_INK_EDITS);
    expect(await pdfInks(studio, acme)).toContain('Acme Red');

    // Cleared: back to the automatic name.
    await studio.handlers['print.setLogoInks']({ logoId: acme, edits: NO_INK_EDITS }, context);
    expect(await pdfInks(studio, acme)).toContain('Spot E30613');
  });
});
