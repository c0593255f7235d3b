/**
 * The bad-input suite: hostile and broken files go through the real import (createStudio, real
 * intake child processes, real SQLite). Each must import nothing harmful, fail with the file's
 * name and a reason, never reach the network, never touch a file outside its input, and leave
 * the library intact.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import type { ImportOutcome, ImportReport } from '../../../src/shared/domain.ts';
import { billionLaughsSvg, bombPng, dataUri, jpegClaiming, pngHeaderOnly } from '../../helpers/hostile-fixtures.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const NS = 'xmlns="http://www.w3.org/2000/svg"';

/** What each hostile file must come to: imported (cleaned) or failed with this code and reason. */
type Expectation = { imported: true } | { code: string; reason: RegExp };

let dir: { path: string; cleanup: () => Promise<void> };
let studio: Studio;
let server: Server;
let hits = 0;
let report: ImportReport;
const expectations = new Map<string, Expectation>();
let snapshotBefore: Map<string, string>;

/** Every file under a folder (not following links) with a fingerprint of its bytes and mtime. */
async function snapshot(root: string, skip: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (path: string) => {
    for (const entry of await readdir(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (full === skip) continue;
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        const info = await stat(full);
        const hash = createHash('sha256')
          .update(await readFile(full))
          .digest('hex');
        out.set(full, `${hash}:${info.mtimeMs}:${info.size}`);
      } else out.set(full, entry.isSymbolicLink() ? 'symlink' : 'special');
    }
  };
  await walk(root);
  return out;
}

async function redPng(size: number): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 4, background: '#ff0000' } })
    .png()
    .toBuffer();
}

beforeAll(async () => {
  dir = await tempDir('marque-bad-input-');
  server = createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const remote = `http://127.0.0.1:${port}`;

  const input = join(dir.path, 'input');
  const outside = join(dir.path, 'outside');
  await mkdir(input);
  await mkdir(outside);
  // A file next to the input that a path-resolving renderer would read: it must stay unread.
  await writeFile(join(outside, 'secret.png'), await redPng(32));
  await writeFile(join(input, 'sibling.png.bak'), await redPng(32));

  const good = await sharp({ create: { width: 64, height: 48, channels: 4, background: '#457b9d' } })
    .png()
    .toBuffer();
  const add = async (name: string, bytes: Buffer | string, expectation: Expectation) => {
    await writeFile(join(input, name), bytes);
    expectations.set(name, expectation);
  };
  await add('zero-byte.png', Buffer.alloc(0), { code: 'UNSUPPORTED_FORMAT', reason: /empty/ });
  await add('truncated.png', good.subarray(0, Math.floor(good.length / 2)), {
    code: 'DECODE_FAILED',
    reason: /decode|read/,
  });
  await add('really-a-png.jpg', good, { imported: true });
  await add('notes.png', 'just some text, not an image\n', {
    code: 'UNSUPPORTED_FORMAT',
    reason: /not a supported image/,
  });
  await add('header-16000.png', pngHeaderOnly(16000, 16000), {
    code: 'PIXEL_LIMIT',
    reason: /16000x16000 is over the 50 MP limit/,
  });
  await add('inflates-16000.png', bombPng(16000, 16000), {
    code: 'PIXEL_LIMIT',
    reason: /16000x16000 is over the 50 MP limit/,
  });
  await add('header-16000.jpg', jpegClaiming(await sharp(good).flatten().jpeg().toBuffer(), 16000, 16000), {
    code: 'PIXEL_LIMIT',
    reason: /16000x16000 is over the 50 MP limit|exceeds pixel limit/,
  });
  await add('logo.eps', '%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n', {
    code: 'UNSUPPORTED_FORMAT',
    reason: /EPS/,
  });
  await add('logo.psd', Buffer.concat([Buffer.from('8BPS'), Buffer.alloc(40)]), {
    code: 'UNSUPPORTED_FORMAT',
    reason: /PSD/,
  });
  await add(
    'script.svg',
    `<svg ${NS} width="40" height="40" onload="fetch('${remote}/onload')"><script>fetch('${remote}/script')</script>` +
      `<rect width="40" height="40" fill="#457b9d" onclick="alert(1)"/></svg>`,
    { imported: true },
  );
  await add(
    'external-href.svg',
    `<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40">` +
      `<style>@import url(${remote}/import.css); .x { fill: url(${remote}/paint.svg#p) }</style>` +
      `<rect width="40" height="40" fill="#1d3557" style="stroke: url('${remote}/stroke')"/>` +
      `<image href="${remote}/image.png" width="40" height="40"/>` +
      `<image xlink:href="../outside/secret.png" width="40" height="40"/>` +
      `<image href="sibling.png.bak" width="40" height="40"/>` +
      `<image href="file://${join(outside, 'secret.png')}" width="40" height="40"/>` +
      `<use href="${remote}/sprite.svg#a"/></svg>`,
    { imported: true },
  );
  await add(
    'xxe.svg',
    `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY net SYSTEM "${remote}/xxe">]>` +
      `<svg ${NS}><text>&xxe;&net;</text></svg>`,
    { code: 'UNSAFE_CONTENT', reason: /DOCTYPE/ },
  );
  await add('billion-laughs.svg', billionLaughsSvg(), { code: 'UNSAFE_CONTENT', reason: /DOCTYPE|entities/ });
  await add('huge-1e9.svg', `<svg ${NS} width="1e9" height="1e9"><rect width="10" height="10"/></svg>`, {
    code: 'PIXEL_LIMIT',
    reason: /claims/,
  });
  await add('deep.svg', `<svg ${NS}>${'<g>'.repeat(100_000)}${'</g>'.repeat(100_000)}</svg>`, {
    code: 'UNSAFE_CONTENT',
    reason: /deeper than/,
  });
  await add(
    'data-bomb.svg',
    `<svg ${NS} width="40" height="40"><image href="${dataUri(bombPng(20000, 20000))}" width="40" height="40"/></svg>`,
    { code: 'PIXEL_LIMIT', reason: /embeds a 20000x20000 image/ },
  );
  await add(
    'xinclude.svg',
    `<svg ${NS} xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="${remote}/xi"/></svg>`,
    { code: 'UNSAFE_CONTENT', reason: /XInclude/ },
  );
  await add(
    'stylesheet-pi.svg',
    `<?xml-stylesheet type="text/css" href="${remote}/pi.css"?><svg ${NS} width="4" height="4"/>`,
    { code: 'UNSAFE_CONTENT', reason: /stylesheet/ },
  );
  // Hostile names: shell metacharacters, traversal look-alikes, bidi override, newline, reserved names.
  for (const name of [
    '$(touch pwned).png',
    '"; rm -rf ~; echo ".png',
    '..%2F..%2Fetc%2Fpasswd.png',
    'evil\u202Egnp.exe.png',
    'line\nbreak.png',
    'CON.png',
  ]) {
    await add(
      name,
      await sharp(good)
        .resize(63 - expectations.size)
        .png()
        .toBuffer(),
      { imported: true },
    );
  }
  await symlink('/dev/zero', join(input, 'zero-link.png'));
  expectations.set('zero-link.png', { code: 'NOT_A_FILE', reason: /symbolic link/ });
  execFileSync('mkfifo', [join(input, 'pipe.png')]);
  expectations.set('pipe.png', { code: 'NOT_A_FILE', reason: /not a regular file/ });

  snapshotBefore = await snapshot(dir.path, join(dir.path, 'data'));
  studio = await createStudio({ dataDir: join(dir.path, 'data'), intakeProcesses: 2 });
  report = await studio.library.importPaths([...expectations.keys()].map((name) => join(input, name)));
});

afterAll(async () => {
  await studio?.close();
  await new Promise((resolve) => server?.close(resolve));
  await dir?.cleanup();
});

function outcomeOf(name: string): ImportOutcome {
  const outcome = report.outcomes.find((o) => o.path.endsWith(`/${name}`));
  if (!outcome) throw new Error(`no outcome for ${name}`);
  return outcome;
}

describe('bad input', () => {
  it('fails each hostile file with its name and the reason, and imports the harmless ones', () => {
    expect(report.outcomes).toHaveLength(expectations.size);
    for (const [name, expectation] of expectations) {
      const outcome = outcomeOf(name);
      if ('imported' in expectation) {
        expect(outcome.status, `${name}: ${outcome.status === 'failed' ? outcome.message : ''}`).toBe('imported');
        continue;
      }
      expect(outcome.status, name).toBe('failed');
      if (outcome.status !== 'failed') continue;
      expect(outcome.code, `${name}: ${outcome.message}`).toBe(expectation.code);
      expect(outcome.message.startsWith(`${name}: `), outcome.message).toBe(true);
      expect(outcome.message, name).toMatch(expectation.reason);
    }
  });

  it('stores cleaned SVG masters with no script, handler or external reference', async () => {
    for (const name of ['script.svg', 'external-href.svg']) {
      const outcome = outcomeOf(name);
      if (outcome.status !== 'imported') throw new Error(`${name} was not imported`);
      const master = await readFile(studio.store.pathOf(outcome.logo.hash), 'utf8');
      expect(master).not.toMatch(/<script|onload|onclick|@import|127\.0\.0\.1|secret|sibling|file:|<image|<use/i);
      expect(master).toMatch(/<rect/);
    }
  });

  it('never loaded the sibling or outside files: the thumbnail has no red from them', async () => {
    const outcome = outcomeOf('external-href.svg');
    if (outcome.status !== 'imported') throw new Error('not imported');
    const thumb = studio.library.mediaFile(outcome.logo.id, 'thumb').path;
    const { channels } = await sharp(thumb).stats();
    // #1d3557 everywhere (red 29, blue 87); any pixel of the red secret would push red to 255.
    expect(channels[0]?.max).toBeLessThan(60);
    expect(channels[2]?.mean).toBeGreaterThan(70);
  });

  it('never reached the network', () => {
    expect(hits).toBe(0);
  });

  it('touched no file outside its input and wrote nothing outside the data folder', async () => {
    const after = await snapshot(dir.path, join(dir.path, 'data'));
    expect([...after.keys()].sort()).toEqual([...snapshotBefore.keys()].sort());
    for (const [path, fingerprint] of snapshotBefore) expect(after.get(path), path).toBe(fingerprint);
    expect(after.has(join(process.cwd(), 'pwned'))).toBe(false);
    await expect(stat(join(process.cwd(), 'pwned'))).rejects.toThrow();
  });

  it('leaves the library consistent: integrity_check ok, one row per imported file', () => {
    expect(studio.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = (studio.db.prepare('SELECT count(*) AS n FROM logos').get() as { n: number }).n;
    expect(rows).toBe(report.imported);
    expect(report.imported).toBe([...expectations.values()].filter((e) => 'imported' in e).length);
  });
});
