import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { MarqueError } from '../../../shared/errors.ts';

/** Reads a JSON body up to a byte cap; an empty body is `{}`. */
export async function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new MarqueError('FILE_TOO_LARGE', `Request body over ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new MarqueError('INVALID_INPUT', 'Request body is not valid JSON');
  }
}

/** Streams a request body to a new file, stopping at the cap; the partial file is removed on failure. */
export async function saveBodyToFile(request: IncomingMessage, file: string, maxBytes: number): Promise<number> {
  let size = 0;
  const out = createWriteStream(file, { flags: 'wx' });
  try {
    await pipeline(
      request,
      async function* (source) {
        for await (const chunk of source) {
          size += (chunk as Buffer).length;
          if (size > maxBytes)
            throw new MarqueError('FILE_TOO_LARGE', `Upload over ${Math.round(maxBytes / 1048576)} MiB`);
          yield chunk;
        }
      },
      out,
    );
    return size;
  } catch (error) {
    await unlink(file).catch(() => {});
    throw error;
  }
}
