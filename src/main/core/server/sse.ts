import type { ServerResponse } from 'node:http';
import type { EventName } from '../../../shared/contract/index.ts';
import type { EventHub } from '../events.ts';

/** Streams contract events to one client as Server-Sent Events until it disconnects. */
export function openEventStream(
  response: ServerResponse,
  hub: EventHub,
  allowed: (event: EventName) => boolean,
): () => void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  response.write('retry: 2000\n\n');
  const unsubscribe = hub.subscribe((event, payload) => {
    if (allowed(event)) response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  // A comment every 15 s keeps proxies and idle timers from closing a quiet stream.
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
  const close = () => {
    clearInterval(keepAlive);
    unsubscribe();
  };
  response.on('close', close);
  return () => {
    close();
    response.end();
  };
}
