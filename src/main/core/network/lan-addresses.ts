import { BlockList, isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import type { ShareAddress } from '../../../shared/contract/share.ts';

/** The machine's addresses a share can bind to: loopback, each LAN address, or all interfaces. */
export function shareAddresses(): ShareAddress[] {
  const addresses: ShareAddress[] = [{ address: '127.0.0.1', label: 'This computer only', kind: 'loopback' }];
  for (const [name, infos] of Object.entries(networkInterfaces())) {
    for (const info of infos ?? []) {
      if (info.internal || info.family !== 'IPv4') continue;
      addresses.push({ address: info.address, label: name, kind: 'lan' });
    }
  }
  addresses.push({ address: '0.0.0.0', label: 'All networks', kind: 'all' });
  return addresses;
}

/** The default for a share: the first LAN address, else loopback (a machine with no network). */
export function defaultShareHost(): string {
  return shareAddresses().find((a) => a.kind === 'lan')?.address ?? '127.0.0.1';
}

/**
 * Host header values a server bound to `host:port` answers to. Binding alone does not stop DNS
 * rebinding, so every request's Host must be one of these.
 */
export function allowedHostHeaders(host: string, port: number): Set<string> {
  const names = new Set<string>();
  const add = (name: string) => names.add(`${name.includes(':') ? `[${name}]` : name}:${port}`.toLowerCase());
  if (host === '0.0.0.0' || host === '::') {
    for (const infos of Object.values(networkInterfaces())) for (const info of infos ?? []) add(info.address);
    add(hostname());
    add(`${hostname()}.local`);
    add('localhost');
  } else {
    add(host);
  }
  if (host === '127.0.0.1' || host === '::1' || host === 'localhost') {
    add('127.0.0.1');
    add('localhost');
    add('::1');
  }
  return names;
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Whether `host` only ever reaches this computer: `localhost`, 127.0.0.0/8, `::1` (and the
 * IPv4-mapped form). `0.0.0.0`, `::` and LAN addresses are not.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (name === 'localhost') return true;
  const family = isIP(name);
  return family !== 0 && LOOPBACK.check(name, family === 4 ? 'ipv4' : 'ipv6');
}
