/**
 * The reference for the share benchmark: a plain Node static file server (no auth, no checks)
 * serving the same thumbnail files from disk. Prints its port on stdout.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';

const root = process.argv[2] as string;
const server = createServer(async (request, response) => {
  const file = join(root, (request.url ?? '/').replace(/^\/+/, '').replace(/\.\./g, ''));
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'Content-Type': 'image/webp', 'Content-Length': info.size });
  createReadStream(file).pipe(response);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as { port: number }).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
