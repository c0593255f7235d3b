import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MethodName, readOnlyMethodNames } from '../../../shared/contract/index.ts';
import type { TransportMode } from '../../../shared/domain.ts';
import { MarqueError, toErrorEnvelope } from '../../../shared/errors.ts';
import { dispatch } from '../dispatch.ts';
import { MediaRegistry } from '../media.ts';
import type { Studio } from '../studio.ts';
import { newToken, requestToken, sessionCookie, tokensEqual } from './auth.ts';
import { readJsonBody, saveBodyToFile } from './read-body.ts';
import { SECURITY_HEADERS, sendError, sendJson } from './responses.ts';
import { openEventStream } from './sse.ts';
import { serveStatic } from './static-files.ts';

export interface MarqueServerOptions {
  readonly studio: Studio;
  /** 'browser': the full API for the designer on this machine; 'share': the read-only subset for teammates. */
  readonly mode: Exclude<TransportMode, 'desktop'>;
  readonly host?: string;
  readonly port?: number;
  readonly token?: string;
  /** The built renderer (out/renderer). */
  readonly staticDir?: string;
  readonly maxUploadBytes?: number;
}

export interface MarqueServer {
  readonly url: string;
  /** The link to open: the URL with its `?token=`. */
  readonly link: string;
  readonly token: string;
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

const MAX_JSON_BYTES = 1024 * 1024;

export function defaultStaticDir(): string {
  return fileURLToPath(new URL('../../../../out/renderer', import.meta.url));
}

/** The HTTP transport of the contract: `POST /api/<method>`, `GET /api/events`, media and the built UI. */
export async function startMarqueServer(options: MarqueServerOptions): Promise<MarqueServer> {
  const { studio, mode } = options;
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  const staticDir = options.staticDir ?? defaultStaticDir();
  const maxUploadBytes = options.maxUploadBytes ?? 50 * 1024 * 1024;
  const readOnly = new Set<string>(readOnlyMethodNames);
  const allowedMethod = (name: MethodName) => mode !== 'share' || readOnly.has(name);
  const uploadDir = join(studio.dataDir, 'uploads');
  const closers = new Set<() => void>();
  let allowedHosts = new Set<string>();

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    // DNS rebinding: a page on another name that resolves to us must not be served.
    if (!allowedHosts.has((request.headers.host ?? '').toLowerCase())) {
      throw new MarqueError('FORBIDDEN', 'Unexpected Host header');
    }
    const url = new URL(request.url ?? '/', 'http://marque.invalid');
    const method = request.method ?? 'GET';
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null && (method === 'GET' || method === 'HEAD') && !url.pathname.startsWith('/api/')) {
      if (!tokensEqual(queryToken, token)) throw new MarqueError('UNAUTHORIZED', 'This link is not valid (wrong or rotated token)');
      // Exchange the token for an HttpOnly cookie and drop it from the address bar.
      response.writeHead(303, { 'Set-Cookie': sessionCookie(token), Location: url.pathname });
      response.end();
      return;
    }
    if (!tokensEqual(requestToken(request), token)) {
      throw new MarqueError('UNAUTHORIZED', 'Open the link printed by Marque (it carries an access token)');
    }
    if (url.pathname === '/api/events' && method === 'GET') {
      const close = openEventStream(response, studio.events, () => true);
      closers.add(close);
      response.on('close', () => closers.delete(close));
      return;
    }
    if (url.pathname === '/api/library.upload' && method === 'POST') {
      if (mode === 'share') throw new MarqueError('FORBIDDEN', 'The share is read-only');
      await handleUpload(request, response, url);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (method !== 'POST') throw new MarqueError('NOT_FOUND', 'API methods are called with POST');
      const name = url.pathname.slice('/api/'.length);
      const input = await readJsonBody(request, MAX_JSON_BYTES);
      const result = await dispatch(studio.handlers, name, input, { mode, clientAddress: request.socket.remoteAddress ?? null }, allowedMethod);
      if (result.ok) sendJson(response, 200, result.value ?? null);
      else sendError(response, result.error);
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') throw new MarqueError('NOT_FOUND', 'Not found');
    const media = MediaRegistry.parse(url.pathname);
    if (media) {
      await serveMedia(request, response, media);
      return;
    }
    if (await serveStatic(staticDir, url.pathname, response, method === 'HEAD')) return;
    // Client-side routes fall back to the app shell.
    if (!url.pathname.includes('.') && (await serveStatic(staticDir, '/', response, method === 'HEAD'))) return;
    throw new MarqueError('NOT_FOUND', 'Not found');
  };

  const serveMedia = async (
    request: IncomingMessage,
    response: ServerResponse,
    target: { kind: string; id: string; rest: string | null },
  ): Promise<void> => {
    const file = await studio.media.resolve(target.kind, target.id, target.rest);
    if (mode === 'share' && !file.shareable) throw new MarqueError('FORBIDDEN', 'Not shared');
    const info = await stat(file.path).catch(() => null);
    if (!info?.isFile()) throw new MarqueError('NOT_FOUND', 'That file is no longer available');
    const disposition = file.attachment ? 'attachment' : 'inline';
    response.writeHead(200, {
      'Content-Type': file.mime,
      'Content-Length': info.size,
      'Content-Disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      'Cache-Control': 'private, max-age=60',
      // Belt and braces for SVG: even if opened, it runs nothing.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file.path).pipe(response);
  };

  const handleUpload = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const name = basename((url.searchParams.get('name') ?? 'upload').replaceAll('\\', '/')).replace(/[\0-\x1f]/g, '') || 'upload';
    const dir = join(uploadDir, randomUUID());
    await mkdir(dir, { recursive: true });
    try {
      const file = join(dir, name.slice(0, 200));
      await saveBodyToFile(request, file, maxUploadBytes);
      const report = await studio.library.importPaths([file]);
      sendJson(response, 200, report);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const envelope = toErrorEnvelope(error);
      if (envelope.code === 'UNAUTHORIZED' && (request.headers.accept ?? '').includes('text/html')) {
        response.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8' });
        response.end('<!doctype html><title>Marque</title><p>Open the link Marque printed: it carries an access token.</p>');
        return;
      }
      sendError(response, envelope);
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  server.maxConnections = 256;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new MarqueError('INVALID_INPUT', `Port ${options.port} on ${host} is already in use; pick another with --port`)
          : error,
      ),
    );
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  allowedHosts = new Set([`${urlHost}:${port}`.toLowerCase()]);
  if (host === '127.0.0.1' || host === '::1' || host === 'localhost') {
    for (const alias of ['127.0.0.1', 'localhost', '[::1]']) allowedHosts.add(`${alias}:${port}`);
  }
  const url = `http://${urlHost}:${port}/`;
  return {
    url,
    link: `${url}?token=${token}`,
    token,
    host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const close of closers) close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
