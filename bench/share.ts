/**
 * Share under load: 50 concurrent clients listing the library and downloading thumbnails for
 * 20 s from `marque serve --share` (its own process, as in use), next to a plain static server
 * serving the same thumbnail files in the same run. Loopback only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { writeCorpus } from '../test/helpers/corpus.ts';
import { type BenchSection, table } from './bench.ts';

const CLI = fileURLToPath(new URL('../bin/marque.mjs', import.meta.url));
const NODE_ARGS = ['--disable-warning=ExperimentalWarning'];
const DURATION_S = 20;
const CONNECTIONS = 50;

async function firstJson<T>(child: ChildProcess): Promise<T> {
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  let text = '';
  for await (const line of lines) {
    text += line;
    try {
      return JSON.parse(text) as T;
    } catch {
      // incomplete: keep reading
    }
  }
  throw new Error('process ended before printing its address');
}

async function run(argv: string[]): Promise<string> {
  const child = spawn(process.execPath, [...NODE_ARGS, CLI, ...argv], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`marque ${argv[0]} exited ${code}`);
  return out;
}

function load(
  url: string,
  requests: autocannon.Request[],
  headers: Record<string, string>,
): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, requests, headers });
}

export async function shareBench(): Promise<BenchSection> {
  const dir = await mkdtemp(join(tmpdir(), 'marque-bench-share-'));
  const children: ChildProcess[] = [];
  try {
    const dataDir = join(dir, 'data');
    const corpus = await writeCorpus(join(dir, 'logos'), { svgs: 150, pngs: 50 });
    await run(['import', ...corpus.files, '--data-dir', dataDir, '--json']);
    const listed = JSON.parse(await run(['list', '--data-dir', dataDir, '--json', '--limit', '500'])) as {
      logos: { id: string; hash: string }[];
    };

    const share = spawn(
      process.execPath,
      [
        ...NODE_ARGS,
        CLI,
        'serve',
        '--share',
        '--host',
        '127.0.0.1',
        '--port',
        '0',
        // All 50 clients share one loopback address; per-client limits are raised so they measure throughput, not the limiter.
        '--rate-limit',
        '10000000',
        '--max-downloads',
        '1000',
        '--data-dir',
        dataDir,
        '--json',
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.push(share);
    const { link } = await firstJson<{ link: string }>(share);
    const base = new URL(link);
    const token = base.searchParams.get('token') as string;
    const requests: autocannon.Request[] = [];
    for (const [i, logo] of listed.logos.entries()) {
      requests.push({ method: 'GET', path: `/media/thumb/${logo.id}` });
      if (i % 4 === 0)
        requests.push({
          method: 'POST',
          path: '/api/library.list',
          body: JSON.stringify({ limit: 50, offset: (i * 7) % 150 }),
        });
    }
    const ours = await load(base.origin, requests, {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    });

    const staticServer = spawn(
      process.execPath,
      [...NODE_ARGS, fileURLToPath(new URL('./static-server.ts', import.meta.url)), join(dataDir, 'cache', 'thumbs')],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.push(staticServer);
    const { port } = await firstJson<{ port: number }>(staticServer);
    const staticRequests = listed.logos.map((logo) => ({ method: 'GET' as const, path: `/${logo.hash}-256.webp` }));
    const reference = await load(`http://127.0.0.1:${port}`, staticRequests, {});

    const row = (name: string, r: autocannon.Result) => [
      name,
      r.requests.average.toFixed(0),
      r.latency.p50,
      r.latency.p99,
      r.errors + r.timeouts + r.non2xx,
      r.requests.total,
    ];
    const ratio = ours.requests.average / reference.requests.average;
    return {
      title: 'Share under load (50 clients, 20 s, loopback)',
      markdown: [
        table(
          ['server', 'req/s', 'p50 ms', 'p99 ms', 'errors + non-2xx', 'requests'],
          [
            row('marque serve --share (token, Host check, rate limit, list + thumbnails)', ours),
            row('plain Node static server (same thumbnails, no checks)', reference),
          ],
        ),
        '',
        `Throughput ratio share / static: **${ratio.toFixed(2)}x**. ${listed.logos.length} logos; one list call per four thumbnails.`,
      ].join('\n'),
    };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}
