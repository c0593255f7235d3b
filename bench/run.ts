/**
 * `npm run bench`: every benchmark of the project in one run, written to bench/results.md
 * (`npm run bench -- <name>…` runs some and writes bench/results-partial.md instead).
 * Sections register in bench/sections.ts.
 */
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { optInSections, sections } from './sections.ts';

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
  if (only.length ? !only.includes(name) : optInSections.has(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  const t0 = Date.now();
  try {
    const section = await bench();
    parts.push(
      `## ${section.title}`,
      '',
      section.markdown,
      '',
      `_${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s_`,
      '',
    );
    process.stdout.write(`\n## ${section.title}\n\n${section.markdown}\n`);
  } catch (error) {
    parts.push(`## ${name}`, '', `FAILED: ${(error as Error).stack ?? error}`, '');
    process.stderr.write(`bench ${name} failed: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  }
}
parts.push(`Total ${((Date.now() - started) / 1000).toFixed(0)} s.`);
// A partial run (`npm run bench -- share`) must not replace the full report with one section.
const target = only.length ? './results-partial.md' : './results.md';
await writeFile(new URL(target, import.meta.url), `${parts.join('\n')}\n`);
process.stderr.write(`bench: wrote bench/${target.slice(2)}\n`);
