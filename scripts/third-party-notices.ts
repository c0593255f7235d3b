/**
 * Writes THIRD_PARTY_NOTICES.md: every package shipped in the app with its version, licence and
 * licence text. Two kinds ship: the production dependencies (transitively, as installed), which
 * electron-builder copies as node_modules, and the packages Vite bundled into the main, preload and
 * renderer outputs (React, zustand, zod ...), which the build lists in bundled-packages.json.
 * Run by `npm run notices` after `npm run build` (as `npm run dist` does); a unit test builds into
 * a temporary folder and checks the committed file names every one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBundledPackages } from './bundled-packages.ts';

interface Shipped {
  readonly name: string;
  readonly version: string;
  readonly license: string;
  readonly text: string | null;
}

interface LsNode {
  version?: string;
  path?: string;
  dependencies?: Record<string, LsNode>;
}

const root = join(import.meta.dirname, '..');

/** Licence and licence text of an installed package folder. */
function describe(name: string, version: string, dir: string): Shipped {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { license?: unknown };
  const license = typeof manifest.license === 'string' ? manifest.license : 'SEE LICENSE FILE';
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  const text = file ? readFileSync(join(dir, file), 'utf8').trim() : null;
  return { name, version, license, text };
}

/** Production dependencies, transitively, as installed: what electron-builder copies. */
export function runtimePackages(): Shipped[] {
  const tree = JSON.parse(
    execFileSync('npm', ['ls', '--omit=dev', '--all', '--json', '--long'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    }),
  ) as LsNode;
  const found = new Map<string, Shipped>();
  const visit = (deps: Record<string, LsNode> | undefined) => {
    for (const [name, node] of Object.entries(deps ?? {})) {
      if (!node.path || !node.version) continue;
      const key = `${name}@${node.version}`;
      if (found.has(key)) continue;
      found.set(key, describe(name, node.version, node.path));
      visit(node.dependencies);
    }
  };
  visit(tree.dependencies);
  return [...found.values()];
}

/** Every shipped package: the runtime dependencies and what the build in `outDir` bundled. */
export function shippedPackages(outDir = join(root, 'out')): Shipped[] {
  const found = new Map<string, Shipped>();
  for (const p of runtimePackages()) found.set(`${p.name}@${p.version}`, p);
  for (const p of readBundledPackages(outDir)) {
    const key = `${p.name}@${p.version}`;
    if (!found.has(key)) found.set(key, describe(p.name, p.version, join(root, p.dir)));
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/** Packages whose row is missing from a notices file, as `name@version`. */
export function missingFromNotices(notices: string, packages: readonly Pick<Shipped, 'name' | 'version'>[]): string[] {
  return packages.filter((p) => !notices.includes(`| ${p.name} | ${p.version} |`)).map((p) => `${p.name}@${p.version}`);
}

export function renderNotices(packages: readonly Shipped[]): string {
  const lines = [
    '# Third-party notices',
    '',
    'Marque is free software under the GNU General Public License v2.0 or later (see LICENSE).',
    'It ships the following packages; each keeps its own licence, reproduced below.',
    '',
    '| package | version | licence |',
    '| --- | --- | --- |',
    ...packages.map((p) => `| ${p.name} | ${p.version} | ${p.license} |`),
    '',
  ];
  for (const p of packages) {
    lines.push(
      `## ${p.name} ${p.version} (${p.license})`,
      '',
      p.text ? ['```text', p.text, '```'].join('\n') : '_No licence file in the package; licence field above._',
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const packages = shippedPackages();
  writeFileSync(join(root, 'THIRD_PARTY_NOTICES.md'), renderNotices(packages));
  process.stdout.write(`THIRD_PARTY_NOTICES.md: ${packages.length} packages\n`);
  if (!existsSync(join(root, 'LICENSE'))) process.exitCode = 1;
}
