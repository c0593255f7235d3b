import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type EventName,
  type MethodName,
  readOnlyEventNames,
  readOnlyMethodNames,
} from '../../../shared/contract/index.ts';
import type { TransportMode } from '../../../shared/domain.ts';
import { MarqueError, toErrorEnvelope } from '../../../shared/errors.ts';
import { dispatch } from '../dispatch.ts';
import type { ShareAccess } from '../library/activity-service.ts';
import { type MediaFile, MediaRegistry } from '../media.ts';
import { APP_SERVER_LIMITS, ClientGuard, type GuardLimits, SHARE_LIMITS } from '../network/client-guard.ts';
import { allowedHostHeaders, isLoopbackHost } from '../network/lan-addresses.ts';
import type { Studio } from '../studio.ts';
import { newToken, presentedTokens, sessionCookie, tokensEqual } from './auth.ts';
import { sendMediaFile } from './media-response.ts';
import { readJsonBody, saveBodyToFile } from './read-body.ts';
import { refuseCrossSiteRequest, UPLOAD_PATH } from './request-guard.ts';
import { SECURITY_HEADERS, sendError, sendJson } from './responses.ts';
import { parseIds, sendZip } from './selection-zip.ts';
import { openEventStream } from './sse.ts';
import { serveStatic } from './static-files.ts';
import { cacheControlFor, transferKind } from './transfer-kind.ts';

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
  /** Per-client limits: SHARE_LIMITS for the share, APP_SERVER_LIMITS (lockout only) for browser mode; null for none. */
  readonly limits?: GuardLimits | null;
  /** Called for each file a client looked at (browsing) or took away (a download; see transfer-kind.ts): the share's audit log. */
  readonly onAccess?: (access: ShareAccess) => void;
  /** Called whenever the set of clients may have changed. */
  readonly onClientsChanged?: () => void;
}

export interface MarqueServer {
  readonly url: string;
  /** The link to open: the URL with its `?token=`. */
  readonly link: string;
  readonly token: string;
  readonly host: string;
  readonly port: number;
  readonly guard: ClientGuard | null;
  /** A new token: old links and cookies stop working and open connections are closed. */
  rotateToken(token?: string): void;
  close(): Promise<void>;
}

const MAX_JSON_BYTES = 1024 * 1024;
/**
 * Browser mode (the designer, on loopback) may send larger JSON: a press profile or swatch book
 * travels base64-encoded (print.addProfile; FOGRA39 and GRACoL profiles are 1-3 MB). The
 * teammate share keeps the small limit (it accepts no writes anyway).
 */
const MAX_JSON_BYTES_LOCAL = 20 * 1024 * 1024;

/** What to do instead of exposing the app server: the read-only share. */
export const SHARE_HINT = 'to let teammates browse and download, use marque serve --share (read-only)';

/** Error codes that are a client's mistake or our policy, not a fault of the server. */
const REFUSALS = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'RATE_LIMITED', 'INVALID_INPUT']);

export function defaultStaticDir(): string {
  return fileURLToPath(new URL('../../../../out/renderer', import.meta.url));
}

/**
 * The request target as a URL. An origin-form target is a path even when it starts with `//`
 * (`new URL('//x/y', base)` reads `x` as a host, and throws on `//:x`): never a 500 for an odd path.
 */
function requestUrl(target = '/'): URL {
  try {
    return new URL(target.startsWith('/') ? `http://marque.invalid${target}` : target, 'http://marque.invalid');
  } catch {
    throw new MarqueError('INVALID_INPUT', 'Malformed request URL');
  }
}

/** The HTTP transport of the contract: `POST /api/<method>`, `GET /api/events`, media and the built UI. */
export async function startMarqueServer(options: MarqueServerOptions): Promise<MarqueServer> {
  const { studio, mode } = options;
  const log = studio.log.child({ module: mode === 'share' ? 'share' : 'server' });
  const host = options.host ?? '127.0.0.1';
  let token = options.token ?? newToken();
  const staticDir = options.staticDir ?? defaultStaticDir();
  const maxUploadBytes = options.maxUploadBytes ?? 50 * 1024 * 1024;
  // Browser mode is the full read-write app: it must never listen beyond this computer.
  if (mode === 'browser' && !isLoopbackHost(host))
    throw new MarqueError('FORBIDDEN', `The full app is served on this computer only, not on ${host}; ${SHARE_HINT}`);
  const limits = options.limits === undefined ? (mode === 'share' ? SHARE_LIMITS : APP_SERVER_LIMITS) : options.limits;
  const guard = limits ? new ClientGuard(limits) : null;
  const readOnlyMethods = new Set<string>(readOnlyMethodNames);
  const readOnlyEvents = new Set<string>(readOnlyEventNames);
  const allowedMethod = (name: MethodName) => mode !== 'share' || readOnlyMethods.has(name);
  const allowedEvent = (name: EventName) => mode !== 'share' || readOnlyEvents.has(name);
  const uploadDir = join(studio.dataDir, 'uploads');
  const streams = new Set<() => void>();
  const sockets = new Set<Socket>();
  let allowedHosts = new Set<string>();

  /** Runs one download inside the client's concurrent-download budget. */
  const download = async (client: string, send: () => Promise<void>) => {
    const release = guard ? guard.startDownload(client) : () => {};
    if (!release)
      throw new MarqueError('RATE_LIMITED', 'Too many downloads at once from this computer; wait for one to finish');
    try {
      await send();
    } finally {
      release();
      options.onClientsChanged?.();
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    const client = request.socket.remoteAddress ?? 'unknown';
    // DNS rebinding: a page on another name that resolves to us must not be served.
    if (!allowedHosts.has((request.headers.host ?? '').toLowerCase()))
      throw new MarqueError('FORBIDDEN', 'Unexpected Host header');
    const verdict = guard?.admit(client, request.headers['user-agent'] ?? '') ?? 'ok';
    if (verdict !== 'ok') {
      response.setHeader('Retry-After', verdict === 'locked-out' ? '300' : '10');
      throw new MarqueError(
        'RATE_LIMITED',
        verdict === 'locked-out' ? 'Too many wrong tokens; try again later' : 'Too many requests; slow down',
      );
    }
    const url = requestUrl(request.url);
    const method = request.method ?? 'GET';
    // Cross-site forgery and embedding are refused before the token counts for or against anyone.
    refuseCrossSiteRequest(request, url.pathname);
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null && (method === 'GET' || method === 'HEAD') && !url.pathname.startsWith('/api/')) {
      if (!tokensEqual(queryToken, token)) {
        guard?.failedToken(client, queryToken);
        throw new MarqueError('UNAUTHORIZED', 'This link is not valid (wrong or rotated token)');
      }
      // Exchange the token for an HttpOnly cookie and drop it from the address bar.
      log.info({ client, url: request.url }, 'session opened with the link');
      response.writeHead(303, { 'Set-Cookie': sessionCookie(token), Location: url.pathname });
      response.end();
      return;
    }
    const presented = presentedTokens(request);
    if (!presented.some((given) => tokensEqual(given, token))) {
      // Only a wrong token is a guess: a request with none (a first visit, a stale tab, another
      // page's credential-less fetch) must not lock the designer's own browser out.
      if (presented.length > 0) guard?.failedToken(client, presented.sort().join('\n'));
      throw new MarqueError('UNAUTHORIZED', 'Open the link printed by Marque (it carries an access token)');
    }
    guard?.authenticated(client);
    if (url.pathname === '/api/events' && method === 'GET') {
      const released = guard?.streamOpened(client);
      const close = openEventStream(response, studio.events, allowedEvent);
      streams.add(close);
      options.onClientsChanged?.();
      response.on('close', () => {
        streams.delete(close);
        released?.();
        options.onClientsChanged?.();
      });
      return;
    }
    if (url.pathname === UPLOAD_PATH && method === 'POST') {
      if (mode === 'share') throw new MarqueError('FORBIDDEN', 'The share is read-only');
      await handleUpload(request, response, url);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (method !== 'POST') throw new MarqueError('NOT_FOUND', 'API methods are called with POST');
      const name = url.pathname.slice('/api/'.length);
      if (mode === 'share' && !readOnlyMethods.has(name)) throw new MarqueError('FORBIDDEN', 'The share is read-only');
      const input = await readJsonBody(request, mode === 'share' ? MAX_JSON_BYTES : MAX_JSON_BYTES_LOCAL);
      const result = await dispatch(studio.handlers, name, input, { mode, clientAddress: client }, allowedMethod, log);
      if (result.ok) sendJson(response, 200, result.value ?? null, String(request.headers['accept-encoding'] ?? ''));
      else sendError(response, result.error);
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') throw new MarqueError('NOT_FOUND', 'Not found');
    if (url.pathname === '/download/originals.zip') {
      const ids = parseIds(url.searchParams.get('ids'));
      const files: MediaFile[] = [];
      for (const id of ids) files.push(await studio.media.resolve('original', id, null));
      await download(client, async () => {
        const bytes = await sendZip(response, files, 'logos.zip');
        const detail = `zip of ${ids.length} originals`;
        guard?.countTransfer(client, 'download');
        options.onAccess?.({ kind: 'share-download', clientAddress: client, logoIds: ids, detail, bytes });
      });
      return;
    }
    const media = MediaRegistry.parse(url.pathname);
    if (media) {
      const file = await studio.media.resolve(media.kind, media.id, media.rest);
      if (mode === 'share' && !file.shareable) throw new MarqueError('FORBIDDEN', 'Not shared');
      await download(client, async () => {
        const sent = await sendMediaFile(request, response, file, cacheControlFor(media.kind));
        const kind = transferKind(media.kind, request, sent);
        if (!kind) return;
        guard?.countTransfer(client, kind);
        options.onAccess?.({
          kind: kind === 'view' ? 'share-browse' : 'share-download',
          clientAddress: client,
          logoIds: [media.id],
          detail: file.filename,
          bytes: sent.bytes,
        });
      });
      return;
    }
    if (await serveStatic(staticDir, url.pathname, response, method === 'HEAD')) return;
    // Client-side routes fall back to the app shell.
    if (!url.pathname.includes('.') && (await serveStatic(staticDir, '/', response, method === 'HEAD'))) return;
    throw new MarqueError('NOT_FOUND', 'Not found');
  };

  const handleUpload = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const name =
      basename((url.searchParams.get('name') ?? 'upload').replaceAll('\\', '/')).replace(/\p{Cc}/gu, '') || 'upload';
    const dir = join(uploadDir, randomUUID());
    await mkdir(dir, { recursive: true });
    try {
      const file = join(dir, name.slice(0, 200));
      await saveBodyToFile(request, file, maxUploadBytes);
      sendJson(response, 200, await studio.library.importPaths([file]));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const envelope = toErrorEnvelope(error);
      // Refusals are expected traffic (debug); anything else is a failure worth a bug report.
      const context = { client: request.socket.remoteAddress, method: request.method, url: request.url };
      if (REFUSALS.has(envelope.code)) log.debug({ ...context, code: envelope.code }, envelope.message);
      else log.error({ ...context, code: envelope.code, err: error }, 'request failed');
      if (envelope.code === 'UNAUTHORIZED' && (request.headers.accept ?? '').includes('text/html')) {
        response.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8' });
        response.end(
          '<!doctype html><title>Marque</title><p>Open the link Marque printed: it carries an access token.</p>',
        );
        return;
      }
      sendError(response, envelope);
    });
  });
  // Requests Node's parser rejects still get the contract's error envelope, not a bare 400.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return;
    const body = JSON.stringify({
      error: { code: 'INVALID_INPUT', message: `Malformed request (${error.code ?? 'parse error'})` },
    });
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  server.maxConnections = 256;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new MarqueError('PORT_IN_USE', `Port ${options.port} on ${host} is already in use; pick another port`)
          : error.code === 'EADDRNOTAVAIL'
            ? new MarqueError('INVALID_INPUT', `${host} is not an address of this computer`)
            : error,
      ),
    );
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = allowedHostHeaders(host, port);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}/`;
  log.info({ url, link: `${url}?token=${token}` }, 'listening');
  const dropConnections = () => {
    for (const close of streams) close();
    for (const socket of sockets) socket.destroy();
  };
  return {
    url,
    get link() {
      return `${url}?token=${token}`;
    },
    get token() {
      return token;
    },
    host,
    port,
    guard,
    rotateToken(next = newToken()) {
      token = next;
      dropConnections();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        dropConnections();
      }),
  };
}
