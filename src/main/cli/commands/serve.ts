import { startMarqueServer } from '../../core/server/http-server.ts';
import type { Command } from '../command.ts';

export const serveCommand: Command = {
  name: 'serve',
  usage: 'marque serve [--host H] [--port P] [--data-dir D] [--json]',
  summary: 'Serve the full app to a browser on this machine (browser mode); prints the link with its token.',
  options: { host: { type: 'string' }, port: { type: 'string' } },
  async run(context) {
    const port = context.values.port === undefined ? 4870 : Number(context.values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      context.log(`marque serve: --port must be 0-65535, got ${String(context.values.port)}`);
      return 2;
    }
    const studio = await context.openStudio();
    const server = await startMarqueServer({
      studio,
      mode: 'browser',
      host: (context.values.host as string | undefined) ?? '127.0.0.1',
      port,
    });
    if (context.json) context.reply({ url: server.url, link: server.link, host: server.host, port: server.port });
    else context.log(`Marque is serving ${context.dataDir}\nOpen: ${server.link}\nPress Ctrl+C to stop.`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    return 0;
  },
};
