import QRCode from 'qrcode';
import { SHARE_LIMITS } from '../../core/network/client-guard.ts';
import { isLoopbackHost } from '../../core/network/lan-addresses.ts';
import { SHARE_HINT, startMarqueServer } from '../../core/server/http-server.ts';
import type { Command } from '../command.ts';

export const serveCommand: Command = {
  name: 'serve',
  usage: 'marque serve [--share [--rate-limit N] [--max-downloads N]] [--host H] [--port P] [--data-dir D] [--json]',
  summary:
    'Serve the full app to a browser on this machine (browser mode, loopback only), or with --share the read-only library to teammates on the LAN; prints the link with its token.',
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    share: { type: 'boolean', default: false },
    'rate-limit': { type: 'string' },
    'max-downloads': { type: 'string' },
  },
  async run(context) {
    const share = context.values.share === true;
    const port = context.values.port === undefined ? undefined : Number(context.values.port);
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
      context.log(`marque serve: --port must be 0-65535, got ${String(context.values.port)}`);
      return 2;
    }
    const host = context.values.host as string | undefined;
    if (!share && host !== undefined && !isLoopbackHost(host)) {
      context.log(
        `marque serve: refusing --host ${host}: the full read-write app is served on this computer only (127.0.0.1, ::1, localhost); ${SHARE_HINT}`,
      );
      return 2;
    }
    const studio = await context.openStudio();
    let link: string;
    let url: string;
    let stop: () => Promise<unknown>;
    if (share) {
      const requests = Number(context.values['rate-limit'] ?? SHARE_LIMITS.requestsPerWindow);
      const downloads = Number(context.values['max-downloads'] ?? SHARE_LIMITS.maxConcurrentDownloads);
      if (!(requests >= 1 && downloads >= 1)) {
        context.log('marque serve: --rate-limit and --max-downloads take a number >= 1');
        return 2;
      }
      const limits = { ...SHARE_LIMITS, requestsPerWindow: requests, maxConcurrentDownloads: downloads };
      const status = await studio.share.start({ host, port, limits });
      link = status.link as string;
      url = link.slice(0, link.indexOf('?'));
      stop = () => studio.share.stop();
    } else {
      const server = await startMarqueServer({
        studio,
        mode: 'browser',
        host: host ?? '127.0.0.1',
        port: port ?? 4870,
      });
      link = server.link;
      url = server.url;
      stop = () => server.close();
    }
    const parsed = new URL(url);
    if (context.json) {
      context.reply({
        mode: share ? 'share' : 'browser',
        url,
        link,
        host: parsed.hostname.replace(/^\[|\]$/g, ''),
        port: Number(parsed.port),
      });
    } else {
      context.log(
        share
          ? `Marque is sharing ${context.dataDir} (read-only) with your network.`
          : `Marque is serving ${context.dataDir}.`,
      );
      context.log(`Open: ${link}`);
      if (share) context.log(await QRCode.toString(link, { type: 'terminal', small: true }));
      context.log('Press Ctrl+C to stop.');
    }
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await stop();
    return 0;
  },
};
