import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { contentTypeOf } from './content-types.ts';

/**
 * Serves the built renderer. Only files under `root` are reachable (the URL path is normalized and
 * checked); hashed assets are cached for a year, index.html never.
 */
export async function serveStatic(
  root: string,
  urlPath: string,
  response: ServerResponse,
  head: boolean,
): Promise<boolean> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return false;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return false;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = normalize(join(root, relative));
  if (!file.startsWith(root + sep)) return false;
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return false;
  const hashed =
    /[-.][A-Za-z0-9_-]{8,}\.(js|css|woff2|svg|png|webp)$/.test(file) && file.includes(`${sep}assets${sep}`);
  response.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    'Content-Length': info.size,
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (head) response.end();
  else createReadStream(file).pipe(response);
  return true;
}
