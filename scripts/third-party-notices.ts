/**
 * Writes THIRD_PARTY_NOTICES.md: every package shipped in the app (production dependencies,
 * transitively, as installed) with its version, licence and licence text. Run by `npm run notices`
 * and before `npm run dist`; a unit test checks the committed file is complete.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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

export function shippedPackages(): Shipped[] {
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
      const manifest = JSON.parse(readFileSync(join(node.path, 'package.json'), 'utf8')) as { license?: unknown };
      const license = typeof manifest.license === 'string' ? manifest.license : 'SEE LICENSE FILE';
      const file = readdirSync(node.path).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
      const text = file ? readFileSync(join(node.path, file), 'utf8').trim() : null;
      found.set(key, { name, version: node.version, license, text });
      visit(node.dependencies);
    }
  };
  visit(tree.dependencies);
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
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
