import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { MarqueError } from '../../../shared/errors.ts';
import type { PrintStatus } from '../../../shared/print.ts';
import type { PrintConfigure } from '../../core/colour/print-service.ts';
import type { Command, CommandContext } from '../command.ts';

const INTENTS = ['relative', 'perceptual'] as const;
const BLACKS = ['auto', 'rich', 'pure-k'] as const;

function show(context: CommandContext, status: PrintStatus): void {
  if (context.json) {
    context.reply(status);
    return;
  }
  const { setup } = status;
  context.log(
    `profile      ${setup.profile.name}${setup.profile.id === 'builtin' ? '' : ` (${setup.profile.id.slice(0, 12)})`}`,
  );
  context.log(
    `intent       ${setup.intent === 'relative' ? 'relative colorimetric' : 'perceptual'}${setup.blackPointCompensation ? ', black point compensation' : ''}`,
  );
  context.log(`ink limit    ${setup.coverageLimit} %`);
  context.log(
    `black        ${setup.richBlack === 'auto' ? `pure K under ${setup.richBlackMinMm} mm, rich black above` : setup.richBlack}`,
  );
  for (const profile of status.profiles.filter((p) => p.id !== 'builtin'))
    context.log(
      `added        ${profile.name} (${profile.fileName}), limit ${profile.coverageLimit} %, id ${profile.id}`,
    );
  for (const book of status.swatchBooks)
    context.log(`swatch book  ${book.name} (${book.inks} ink${book.inks === 1 ? '' : 's'}), id ${book.id}`);
}

function choice<T extends string>(raw: unknown, allowed: readonly T[], flag: string): T | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'string' && (allowed as readonly string[]).includes(raw)) return raw as T;
  throw new MarqueError('INVALID_INPUT', `--${flag} is one of ${allowed.join(', ')}; got "${String(raw)}"`);
}

function number(raw: unknown, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(value))
    throw new MarqueError('INVALID_INPUT', `--${flag} wants a number; got "${String(raw)}"`);
  return value;
}

/** The Settings screen's Print colour card on the command line. */
export const printCommand: Command = {
  name: 'print',
  usage:
    'marque print [status | set [--intent relative|perceptual] [--bpc|--no-bpc] [--limit PCT] [--black auto|rich|pure-k] [--black-min-mm MM] [--profile builtin|ID] | add-profile FILE.icc | add-swatches FILE.ase | remove-profile ID | remove-swatches ID] [--json]',
  summary: 'Print colour: the press profile, rendering intent, total ink limit, rich black and swatch books.',
  options: {
    intent: { type: 'string' },
    bpc: { type: 'boolean' },
    'no-bpc': { type: 'boolean' },
    limit: { type: 'string' },
    black: { type: 'string' },
    'black-min-mm': { type: 'string' },
    profile: { type: 'string' },
  },
  async run(context) {
    const [action = 'status', target] = context.positionals;
    const studio = await context.openStudio();
    const print = studio.print;
    const file = async (): Promise<{ name: string; bytes: Uint8Array }> => {
      if (!target) throw new MarqueError('INVALID_INPUT', `marque print ${action} needs a file`);
      const path = resolve(target);
      try {
        return { name: basename(path), bytes: new Uint8Array(await readFile(path)) };
      } catch (error) {
        throw new MarqueError('NOT_FOUND', `${path}: ${(error as Error).message}`);
      }
    };
    switch (action) {
      case 'status':
        show(context, print.status());
        return 0;
      case 'set': {
        const v = context.values;
        const change: PrintConfigure = {
          profileId: typeof v.profile === 'string' ? v.profile : undefined,
          intent: choice(v.intent, INTENTS, 'intent'),
          blackPointCompensation: v.bpc === true ? true : v['no-bpc'] === true ? false : undefined,
          coverageLimit: number(v.limit, 'limit'),
          richBlack: choice(v.black, BLACKS, 'black'),
          richBlackMinMm: number(v['black-min-mm'], 'black-min-mm'),
        };
        const limit = change.coverageLimit;
        if (limit !== undefined && (!Number.isInteger(limit) || limit < 150 || limit > 400))
          throw new MarqueError('INVALID_INPUT', `--limit is a whole percentage from 150 to 400; got ${limit}`);
        show(context, print.configure(change));
        return 0;
      }
      case 'add-profile': {
        const { name, bytes } = await file();
        show(context, await print.addProfile(name, bytes));
        return 0;
      }
      case 'add-swatches': {
        const { name, bytes } = await file();
        show(context, await print.addSwatchBook(name, bytes));
        return 0;
      }
      case 'remove-profile':
        show(context, await print.removeProfile(target ?? ''));
        return 0;
      case 'remove-swatches':
        show(context, await print.removeSwatchBook(target ?? ''));
        return 0;
      default:
        context.log(`marque print: unknown action "${action}"`);
        return 2;
    }
  },
};
