import { readdir, readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/node24.ts';

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(REPO_ROOT, dir), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name)).map((e) => join(e.parentPath, e.name));
}

function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  for (const match of source.matchAll(
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    specifiers.push((match[1] ?? match[2] ?? match[3]) as string);
  }
  return specifiers;
}

describe('process boundaries (docs/architecture.md)', () => {
  it('no file under src/main/core or src/shared imports electron', async () => {
    const offenders: string[] = [];
    for (const file of [...(await sourceFiles('src/main/core')), ...(await sourceFiles('src/shared'))]) {
      if (importsOf(await readFile(file, 'utf8')).some((s) => s === 'electron' || s.startsWith('electron/')))
        offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });

  it('no file under src/renderer or src/shared imports a Node builtin', async () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const offenders: string[] = [];
    for (const file of [...(await sourceFiles('src/renderer')), ...(await sourceFiles('src/shared'))]) {
      const bad = importsOf(await readFile(file, 'utf8')).filter((s) => builtins.has(s) || s.startsWith('node:'));
      if (bad.length) offenders.push(`${file}: ${bad.join(', ')}`);
    }
    expect(offenders).toEqual([]);
  });

  it('the renderer never imports main or preload code', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles('src/renderer')) {
      if (importsOf(await readFile(file, 'utf8')).some((s) => /\/(main|preload)\//.test(s))) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});
