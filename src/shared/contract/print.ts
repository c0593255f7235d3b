import { z } from 'zod';
import {
  type InkPreview,
  type LogoInkEdits,
  logoInkEdits,
  type PrintStatus,
  RENDERING_INTENTS,
  RICH_BLACK_RULES,
} from '../print.ts';
import { method } from './define.ts';
import { logoId } from './library.ts';

/** A file the Settings screen read in the browser or the desktop window: name and bytes (base64). */
const uploadedFile = z
  .object({
    fileName: z.string().min(1).max(255),
    /** At most 12 MB of file (16 MB of base64): press profiles are 0.5-2 MB, swatch books less. */
    base64: z
      .string()
      .max(16 * 1024 * 1024)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
  })
  .strict();

const profileId = z.string().regex(/^(builtin|[0-9a-f]{64})$/, 'not a profile id');
const bookId = z.string().regex(/^[0-9a-f]{64}$/, 'not a swatch book id');

export const printMethods = {
  'print.status': method<PrintStatus>()({
    summary: 'The press profile, rendering intent, coverage limit, rich-black rule and swatch books in use.',
    access: 'read',
    input: z.object({}).strict(),
  }),
  'print.configure': method<PrintStatus>()({
    summary: 'Chooses the press profile and how colours map into it; the coverage limit is kept per profile.',
    access: 'write',
    input: z
      .object({
        profileId: profileId.optional(),
        intent: z.enum(RENDERING_INTENTS).optional(),
        blackPointCompensation: z.boolean().optional(),
        coverageLimit: z.number().int().min(150).max(400).optional(),
        richBlack: z.enum(RICH_BLACK_RULES).optional(),
        richBlackMinMm: z.number().min(0).max(1000).optional(),
      })
      .strict(),
  }),
  'print.addProfile': method<PrintStatus>()({
    summary: 'Adds a CMYK press profile (.icc) and makes it the one in use.',
    access: 'write',
    input: uploadedFile,
  }),
  'print.removeProfile': method<PrintStatus>()({
    summary: 'Removes a press profile the user added; the built-in one takes over if it was in use.',
    access: 'write',
    input: z.object({ id: bookId }).strict(),
  }),
  'print.addSwatchBook': method<PrintStatus>()({
    summary: 'Loads a swatch book (Adobe Swatch Exchange .ase); spot inks are matched to its named inks.',
    access: 'write',
    input: uploadedFile,
  }),
  'print.logoInks': method<LogoInkEdits>()({
    summary: "A logo's remembered ink edits (names, merges, colours kept apart): its spot jobs' defaults.",
    access: 'read',
    input: z.object({ logoId }).strict(),
  }),
  'print.setLogoInks': method<LogoInkEdits>()({
    summary: "Replaces a logo's ink edits; its pdf, separations and ink plans print them from then on.",
    access: 'write',
    input: z.object({ logoId, edits: logoInkEdits }).strict(),
  }),
  'print.previewInks': method<InkPreview>()({
    summary:
      'The spot inks a pdf or separations job of a logo will get with these options: names, areas, merges, paper.',
    // Write: it runs a job in the worker pool (like exports.plan).
    access: 'write',
    input: z
      .object({
        logoId,
        /** The pdf or separations options; only the ink choices are read. */
        options: z.record(z.string(), z.unknown()).default({}),
      })
      .strict(),
  }),
  'print.removeSwatchBook': method<PrintStatus>()({
    summary: 'Removes a loaded swatch book.',
    access: 'write',
    input: z.object({ id: bookId }).strict(),
  }),
} as const;
