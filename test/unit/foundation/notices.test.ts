import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedPackages } from '../../../scripts/third-party-notices.ts';
import { REPO_ROOT } from '../../helpers/node24.ts';

describe('licensing', () => {
  it('Marque is GPL-2.0-or-later with the GPL text in LICENSE', async () => {
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(pkg.license).toBe('GPL-2.0-or-later');
    expect(await readFile(join(REPO_ROOT, 'LICENSE'), 'utf8')).toContain('GNU GENERAL PUBLIC LICENSE');
  });

  it('THIRD_PARTY_NOTICES.md lists every shipped package (run `npm run notices` after changing dependencies)', async () => {
    const notices = await readFile(join(REPO_ROOT, 'THIRD_PARTY_NOTICES.md'), 'utf8');
    const missing = shippedPackages()
      .filter((p) => !notices.includes(`| ${p.name} | ${p.version} |`))
      .map((p) => `${p.name}@${p.version}`);
    expect(missing).toEqual([]);
  });
});
