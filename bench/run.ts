/**
 * `npm run bench`: every benchmark of the project in one run, written to bench/results.md.
 * Sections register in bench/sections.ts.
 */
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { sections } from './sections.ts';

const started = Date.now();
const parts: string[] = [
  '# Marque benchmarks',
  '',
  `Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}.`,
  'Every ratio compares our code with its reference tool measured in this same run.',
  '',
];
const only = process.argv.slice(2);
for (const [name, bench] of Object.entries(sections)) {
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  const t0 = Date.now();
  try {
    const section = await bench();
    parts.push(`## ${section.title}`, '', section.markdown, '', `_${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s_`, '');
    process.stdout.write(`\n## ${section.title}\n\n${section.markdown}\n`);
  } catch (error) {
    parts.push(`## ${name}`, '', `FAILED: ${(error as Error).stack ?? error}`, '');
    process.stderr.write(`bench ${name} failed: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  }
}
parts.push(`Total ${((Date.now() - started) / 1000).toFixed(0)} s.`);
await writeFile(new URL('./results.md', import.meta.url), `${parts.join('\n')}\n`);
