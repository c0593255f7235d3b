/**
 * Which npm packages the build bundled into each output (main, preload, renderer): Vite/Rolldown
 * knows every module that went into a chunk, so the licence notices take the list from the build
 * itself instead of from a hand-kept list. The plugin writes `bundled-packages.json` beside the
 * output; `readBundledPackages` reads all three.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

export interface BundledPackage {
  readonly name: string;
  readonly version: string;
  /** The package folder, relative to the repository root (`node_modules/...`). */
  readonly dir: string;
}

export const BUNDLED_MANIFEST = 'bundled-packages.json';
const TARGETS = ['main', 'preload', 'renderer'] as const;
const root = join(import.meta.dirname, '..');

/** The package a module file belongs to: the folder right after its last `node_modules`. */
export function packageOf(moduleId: string): BundledPackage | null {
  const file = moduleId.replace(/^\0/, '').split('?')[0] as string;
  const marker = `${sep}node_modules${sep}`;
  const at = file.lastIndexOf(marker);
  if (at < 0) return null;
  const rest = file.slice(at + marker.length).split(sep);
  const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] as string);
  const dir = join(file.slice(0, at + marker.length), ...name.split('/'));
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return null;
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string };
  // From the outermost node_modules on: the same in any checkout (this file may run from a bundled config).
  const fromNodeModules = dir
    .slice(file.indexOf(marker) + 1)
    .split(sep)
    .join('/');
  return { name, version: version ?? '0.0.0', dir: fromNodeModules };
}

/** Emits `bundled-packages.json`: every package with at least one module in the written chunks. */
export function bundledPackagesPlugin(): Plugin {
  return {
    name: 'marque-bundled-packages',
    apply: 'build',
    generateBundle(_options, bundle) {
      const found = new Map<string, BundledPackage>();
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        for (const id of output.moduleIds) {
          const pkg = packageOf(id);
          if (pkg) found.set(`${pkg.name}@${pkg.version}`, pkg);
        }
      }
      const packages = [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
      this.emitFile({ type: 'asset', fileName: BUNDLED_MANIFEST, source: `${JSON.stringify(packages, null, 2)}\n` });
    },
  };
}

/** The packages bundled into every output under `outDir` (`out` after `npm run build`). */
export function readBundledPackages(outDir: string): BundledPackage[] {
  const found = new Map<string, BundledPackage>();
  for (const target of TARGETS) {
    const file = join(outDir, target, BUNDLED_MANIFEST);
    if (!existsSync(file)) {
      throw new Error(
        `${relative(root, file)} is missing: run \`npm run build\` first (the build lists what it bundled)`,
      );
    }
    for (const pkg of JSON.parse(readFileSync(file, 'utf8')) as BundledPackage[])
      found.set(`${pkg.name}@${pkg.version}`, pkg);
  }
  return [...found.values()];
}
