import { readFile, stat } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { protocol } from 'electron';
import { MarqueError, toErrorEnvelope } from '../../shared/errors.ts';
import { MediaRegistry } from '../core/media.ts';
import { contentTypeOf } from '../core/server/content-types.ts';
import { statusOf } from '../core/server/responses.ts';
import type { Studio } from '../core/studio.ts';

export const APP_SCHEME = 'marque';

/** Must run before `app.whenReady`: the app's own origin is standard and secure (not file://). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/**
 * Serves `marque://app/…`: the built renderer, and `/media/<kind>/<id>` through the same media
 * table the HTTP server uses. Paths are normalized and must stay inside the renderer folder.
 */
export function handleAppProtocol(rendererDir: string, studio: Studio): void {
  protocol.handle(APP_SCHEME, async (request) => {
    try {
      const url = new URL(request.url);
      if (url.host !== 'app') throw new MarqueError('NOT_FOUND', 'Unknown host');
      const media = MediaRegistry.parse(url.pathname);
      if (media) {
        const file = await studio.media.resolve(media.kind, media.id, media.rest);
        const headers: Record<string, string> = { 'Content-Type': file.mime };
        if (file.attachment)
          headers['Content-Disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`;
        return new Response(await readFile(file.path), { headers });
      }
      const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname).replace(/^\/+/, '');
      const path = normalize(join(rendererDir, relative));
      if (!path.startsWith(rendererDir + sep) || relative.includes('\0'))
        throw new MarqueError('NOT_FOUND', 'Outside the app');
      const info = await stat(path).catch(() => null);
      const target = info?.isFile() ? path : join(rendererDir, 'index.html');
      return new Response(await readFile(target), {
        headers: { 'Content-Type': contentTypeOf(target) },
      });
    } catch (error) {
      const envelope = toErrorEnvelope(error);
      return new Response(JSON.stringify({ error: envelope }), { status: statusOf(envelope.code) });
    }
  });
}
