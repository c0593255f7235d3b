import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/node24.ts';

/** Every source, test and script file, with its text. */
function sources(): { file: string; text: string }[] {
  return ['src', 'test', 'scripts', 'bench'].flatMap((folder) =>
    readdirSync(join(REPO_ROOT, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(ts|tsx|mjs|css|html)$/.test(file))
      .map((file) => ({ file: `${folder}/${file}`, text: readFileSync(join(REPO_ROOT, folder, file), 'utf8') })),
  );
}

/** What a newcomer and CI read besides the code: the README, the docs, CI and build configs. */
function projectTexts(): { file: string; text: string }[] {
  const workflows = readdirSync(join(REPO_ROOT, '.github/workflows')).map((name) => `.github/workflows/${name}`);
  const docs = readdirSync(join(REPO_ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return [
    'README.md',
    '.ci/run',
    'package.json',
    'electron-builder.yml',
    'electron.vite.config.ts',
    ...workflows,
    ...docs,
  ]
    .filter((file) => existsSync(join(REPO_ROOT, file)))
    .map((file) => ({ file, text: readFileSync(join(REPO_ROOT, file), 'utf8') }));
}

describe('design notes the code cites', () => {
  const files = sources();

  it('are the repository’s own docs/*.md, and each exists', () => {
    const cited = new Set(files.flatMap(({ text }) => [...text.matchAll(/docs\/([a-z-]+\.md)/g)].map((m) => m[1])));
    expect([...cited].sort()).toEqual(expect.arrayContaining(['architecture.md', 'security.md', 'specs.md']));
    for (const name of cited) expect(existsSync(join(REPO_ROOT, 'docs', name as string)), `docs/${name}`).toBe(true);
  });

  it('never name the notes that live outside the repository (DESIGN.md, SECURITY.md, SPECS.md)', () => {
    const outside = /\b(DESIGN|SECURITY|SPECS)\.md\b/;
    // This file names them in its own assertion.
    const offenders = files.filter(({ file, text }) => !file.endsWith('docs-citations.test.ts') && outside.test(text));
    expect(offenders.map(({ file }) => file)).toEqual([]);
  });

  it('nothing the project runs or documents leans on a ../shared folder beside the checkout', () => {
    // `../shared/` followed by a path is an import of src/shared; the folder itself, or a note in
    // it, is the outside one a fresh clone does not have.
    const outside = /\.\.\/shared(?![\w/])|\.\.\/shared\/[A-Z]+\.md|\b(DESIGN|SECURITY|SPECS|CONVENTIONS)\.md\b/;
    const offenders = [...files, ...projectTexts()].filter(
      ({ file, text }) => !file.endsWith('docs-citations.test.ts') && outside.test(text),
    );
    expect(offenders.map(({ file }) => file)).toEqual([]);
  });
});
