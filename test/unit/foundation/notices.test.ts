import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundledPackages } from '../../../scripts/bundled-packages.ts';
import { missingFromNotices, shippedPackages } from '../../../scripts/third-party-notices.ts';
import { REPO_ROOT } from '../../helpers/node24.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const require = createRequire(import.meta.url);

describe('licensing', () => {
  let out: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    // The real build, into a folder of its own: it lists what Vite bundled into each output.
    out = await tempDir('marque-notices-build-');
    const cli = join(require.resolve('electron-vite/package.json'), '..', 'bin', 'electron-vite.js');
    execFileSync(process.execPath, [cli, 'build', '--outDir', out.path, '--logLevel', 'error'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  }, 120_000);
  afterAll(async () => {
    await out?.cleanup();
  });

  it('Marque is GPL-2.0-or-later with the GPL text in LICENSE', async () => {
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(pkg.license).toBe('GPL-2.0-or-later');
    expect(await readFile(join(REPO_ROOT, 'LICENSE'), 'utf8')).toContain('GNU GENERAL PUBLIC LICENSE');
  });

  it('takes the bundled packages from the build: the renderer frameworks and the preload’s zod', () => {
    const bundled = readBundledPackages(out.path).map((p) => p.name);
    for (const name of ['react', 'react-dom', 'scheduler', 'zustand', '@tanstack/react-virtual', 'zod'])
      expect(bundled).toContain(name);
    // Dev dependencies reach users only through the bundle; nothing of the test tooling does.
    for (const name of ['vitest', 'pdf-lib', 'fast-check', 'playwright-core']) expect(bundled).not.toContain(name);
  });

  it('THIRD_PARTY_NOTICES.md lists every shipped package, bundled or copied (run `npm run notices` after changing dependencies)', async () => {
    const notices = await readFile(join(REPO_ROOT, 'THIRD_PARTY_NOTICES.md'), 'utf8');
    const shipped = shippedPackages(out.path);
    expect(missingFromNotices(notices, shipped)).toEqual([]);
    // The check has teeth: a notices file without React's row is reported.
    const react = shipped.find((p) => p.name === 'react');
    expect(react).toBeDefined();
    const withoutReact = notices.replace(`| react | ${react?.version} |`, '');
    expect(missingFromNotices(withoutReact, shipped)).toEqual([`react@${react?.version}`]);
  });
});
