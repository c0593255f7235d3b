import type { ServerResponse } from 'node:http';
import yazl from 'yazl';
import { MarqueError } from '../../../shared/errors.ts';
import { NameRegistry } from '../exporter/name-registry.ts';
import { safeComponent } from '../exporter/safe-name.ts';
import type { MediaFile } from '../media.ts';

const MAX_ZIP_ITEMS = 500;

/** Parses `ids=a,b,c` strictly: logo ids only, at most 500. */
export function parseIds(raw: string | null): string[] {
  const ids = (raw ?? '').split(',').filter(Boolean);
  if (ids.length === 0 || ids.length > MAX_ZIP_ITEMS || !ids.every((id) => /^[A-Za-z0-9_-]{6,64}$/.test(id))) {
    throw new MarqueError('INVALID_INPUT', `ids must be 1-${MAX_ZIP_ITEMS} logo ids`);
  }
  return [...new Set(ids)];
}

/**
 * Streams a zip of the given files (names made safe and unique); nothing is staged on disk.
 * Resolves with the bytes of zip produced for the client when the response closes.
 */
export function sendZip(response: ServerResponse, files: readonly MediaFile[], zipName: string): Promise<number> {
  const zip = new yazl.ZipFile();
  const names = new NameRegistry();
  for (const file of files) {
    const [name] = names.claim([safeComponent(file.filename)]);
    zip.addFile(file.path, name as string, { compress: !/^image\/(png|jpeg|webp|gif|avif)$/.test(file.mime) });
  }
  zip.end();
  response.writeHead(200, {
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(zipName)}`,
    'Cache-Control': 'no-store',
  });
  return new Promise((resolve) => {
    let sent = 0;
    zip.outputStream.on('data', (chunk: Buffer) => {
      sent += chunk.length;
    });
    zip.outputStream.on('error', () => response.destroy());
    response.on('close', () => resolve(sent));
    zip.outputStream.pipe(response);
  });
}
