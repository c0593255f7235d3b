import { z } from 'zod';
import { method } from './define.ts';

export interface ShareAddress {
  readonly address: string;
  readonly label: string;
  readonly kind: 'loopback' | 'lan' | 'all';
}

export interface ShareClient {
  readonly address: string;
  readonly userAgent: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly requests: number;
  /** Thumbnails, previews and images looked at in the page: browsing, not downloads. */
  readonly views: number;
  /** Originals, outputs and zips taken away, each counted once. */
  readonly downloads: number;
}

export interface ShareStatus {
  readonly running: boolean;
  readonly host: string | null;
  readonly port: number;
  /** The link teammates open (with its token) while running. */
  readonly link: string | null;
  readonly addresses: readonly ShareAddress[];
  readonly clients: readonly ShareClient[];
}

export const SHARE_DEFAULT_PORT = 4871;

// All 'write': only the designer manages the share; teammates never see these methods.
export const shareMethods = {
  'share.status': method<ShareStatus>()({
    summary: 'Whether the share runs, its link, the addresses it can bind and who is connected.',
    access: 'write',
    input: z.object({}).strict(),
  }),
  'share.start': method<ShareStatus>()({
    summary: 'Start (or move) the share on an address and port; both are remembered.',
    access: 'write',
    input: z
      .object({
        host: z.union([z.ipv4(), z.ipv6()]).optional(),
        port: z.number().int().min(1024).max(65535).optional(),
      })
      .strict(),
  }),
  'share.stop': method<ShareStatus>()({
    summary: 'Stop the share at once; open connections are closed.',
    access: 'write',
    input: z.object({}).strict(),
  }),
  'share.rotateToken': method<ShareStatus>()({
    summary: 'Issue a new share token: old links and sessions stop working.',
    access: 'write',
    input: z.object({}).strict(),
  }),
} as const;
