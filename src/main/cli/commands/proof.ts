import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { proofDocument } from '../../core/pipeline/processors/proof/proof-processor.ts';
import type { Command } from '../command.ts';

/** `marque proof`: every output of the selection beside its master with its score, as one HTML file. */
export const proofCommand: Command = {
  name: 'proof',
  usage: 'marque proof <logo ids…> --out proof.html [--data-dir D] [--json]',
  summary:
    'Write a self-contained proof sheet: each output (traces, background removal, every colourway) beside its master with its score; outputs under their threshold are marked.',
  options: { out: { type: 'string' } },
  async run(context) {
    const out = context.values.out;
    if (context.positionals.length === 0 || typeof out !== 'string') {
      context.log('marque proof: give logo ids and --out FILE.html');
      return 2;
    }
    const studio = await context.openStudio();
    const logos = context.positionals.map((id) => studio.library.get(id));
    const sections: string[] = [];
    const flagged: { logoId: string; name: string; outputs: string[] }[] = [];
    for (const logo of logos) {
      const job = await studio.pipeline.runToCompletion(logo.id, 'proof', {}, 'interactive');
      const file = await studio.pipeline.outputFile(job.id, 'proof.html');
      sections.push(await readFile(file.path, 'utf8'));
      const below = (job.facts as { belowThreshold?: unknown } | null)?.belowThreshold;
      const outputs = Array.isArray(below) ? below.filter((b): b is string => typeof b === 'string') : [];
      flagged.push({ logoId: logo.id, name: logo.name, outputs });
      context.log(
        `${logo.name}: ${outputs.length === 0 ? 'every output within its threshold' : `check ${outputs.join(', ')}`}`,
      );
    }
    // Written atomically beside its final name: a half-written sheet is never left behind.
    const target = resolve(out);
    const temp = join(dirname(target), `.${randomBytes(6).toString('hex')}.proof.tmp`);
    try {
      await writeFile(temp, proofDocument(sections));
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    context.log(`Proof sheet: ${target}`);
    if (context.json) context.reply({ path: target, logos: flagged });
    return 0;
  },
};
