import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MarqueServer, startMarqueServer } from '../../../src/main/core/server/http-server.ts';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const ctx = { mode: 'desktop' as const, clientAddress: null };

// An SVG the sanitizer changes: its script and handler go, the drawing stays.
const HOSTILE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" onload="alert(1)">' +
  '<script>alert(2)</script><rect width="40" height="40" fill="#e63946"/></svg>';

describe('keeping the untouched source on request', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let studio: Studio;
  let svgFile: string;
  let pngFile: string;

  beforeEach(async () => {
    dir = await tempDir();
    studio = await createStudio({ dataDir: join(dir.path, 'data') });
    svgFile = join(dir.path, 'Brand Mark.svg');
    pngFile = join(dir.path, 'badge.png');
    await writeFile(svgFile, HOSTILE_SVG);
    await sharp({ create: { width: 30, height: 30, channels: 4, background: '#1d3557' } })
      .png()
      .toFile(pngFile);
  });
  afterEach(async () => {
    await studio.close();
    await dir.cleanup();
  });

  it('stores the sanitized master and, when asked, the untouched file beside it', async () => {
    const report = await studio.handlers['library.import']({ paths: [svgFile], keepSource: true }, ctx);
    const outcome = report.outcomes[0];
    if (outcome?.status !== 'imported') throw new Error(`import failed: ${JSON.stringify(outcome)}`);
    const master = await readFile(studio.store.pathOf(outcome.logo.hash), 'utf8');
    expect(master).not.toContain('<script');
    expect(master).not.toContain('onload');
    const source = await studio.media.resolve('source', outcome.logo.id, null);
    const kept = await readFile(source.path);
    expect(sha(kept)).toBe(sha(Buffer.from(HOSTILE_SVG)));
    expect(source).toMatchObject({ filename: 'Brand Mark.svg', attachment: true, shareable: false });
  });

  it('keeps nothing extra when not asked, or when the file is its own master', async () => {
    const plain = await studio.library.importPaths([svgFile]);
    const logo = plain.outcomes[0]?.status === 'imported' ? plain.outcomes[0].logo : null;
    if (!logo) throw new Error('import failed');
    // Without a kept source the 'source' media is the master itself.
    expect((await studio.media.resolve('source', logo.id, null)).path).toBe(studio.store.pathOf(logo.hash));
    const png = await studio.library.importPaths([pngFile], [], null, { keepSource: true });
    const pngLogo = png.outcomes[0]?.status === 'imported' ? png.outcomes[0].logo : null;
    if (!pngLogo) throw new Error('import failed');
    expect(sha(await readFile(studio.store.pathOf(pngLogo.hash)))).toBe(sha(await readFile(pngFile)));
    const rows = studio.db.prepare('SELECT count(*) AS n FROM logo_sources').get() as { n: number };
    expect(rows.n).toBe(0);
  });

  it('never serves the source to teammates, and empties it with the Trash', async () => {
    const report = await studio.library.importPaths([svgFile], [], null, { keepSource: true });
    const logo = report.outcomes[0]?.status === 'imported' ? report.outcomes[0].logo : null;
    if (!logo) throw new Error('import failed');
    const sourcePath = (await studio.media.resolve('source', logo.id, null)).path;
    const server: MarqueServer = await startMarqueServer({ studio, mode: 'share', port: 0 });
    try {
      const reply = await fetch(`${server.url}media/source/${logo.id}`, {
        headers: { Authorization: `Bearer ${server.token}` },
      });
      expect(reply.status).toBe(403);
    } finally {
      await server.close();
    }
    await studio.handlers['library.delete']({ ids: [logo.id] }, ctx);
    await studio.handlers['library.emptyTrash']({}, ctx);
    expect(existsSync(sourcePath)).toBe(false);
    expect(existsSync(studio.store.pathOf(logo.hash))).toBe(false);
    const integrity = studio.db.pragma('integrity_check', { simple: true });
    expect(integrity).toBe('ok');
  });
});
