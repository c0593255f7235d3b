import type { HealthReason, StorageHealth } from '../../../shared/contract/storage.ts';
import { formatBytes } from '../../../shared/format-bytes.ts';

/** What health is judged from; gathered by StorageService, judged here (pure, so every branch is testable). */
export interface HealthFacts {
  readonly folders: readonly { readonly path: string; readonly exists: boolean; readonly writable: boolean }[];
  readonly cacheBytes: number;
  readonly capBytes: number;
  readonly disk: { readonly freeBytes: number; readonly totalBytes: number } | null;
  readonly missingOriginals: number;
  readonly quarantined: number;
}

export const CAP_WARNING_SHARE = 0.8;
export const DISK_WARNING_SHARE = 0.9;
export const DISK_ERROR_SHARE = 0.98;

const percent = (share: number) => `${Math.round(share * 100)} %`;

export function assessHealth(facts: HealthFacts): StorageHealth {
  const reasons: HealthReason[] = [];
  for (const folder of facts.folders) {
    if (!folder.exists)
      reasons.push({ status: 'error', code: 'folder-missing', message: `The folder ${folder.path} is missing` });
    else if (!folder.writable) {
      reasons.push({ status: 'error', code: 'folder-not-writable', message: `Marque cannot write to ${folder.path}` });
    }
  }
  if (facts.missingOriginals > 0) {
    reasons.push({
      status: 'error',
      code: 'originals-missing',
      message: `${facts.missingOriginals} stored original(s) are missing from the store folder; restore the data folder from a backup`,
    });
  }
  const capShare = facts.capBytes > 0 ? facts.cacheBytes / facts.capBytes : 0;
  if (capShare > CAP_WARNING_SHARE) {
    reasons.push({
      status: 'warning',
      code: 'cap-nearly-full',
      message: `The derived-file cache uses ${percent(capShare)} of its ${formatBytes(facts.capBytes)} cap; older thumbnails and outputs will be evicted`,
    });
  }
  if (facts.disk && facts.disk.totalBytes > 0) {
    const used = 1 - facts.disk.freeBytes / facts.disk.totalBytes;
    if (used > DISK_WARNING_SHARE) {
      reasons.push({
        status: used > DISK_ERROR_SHARE ? 'error' : 'warning',
        code: 'disk-nearly-full',
        message: `The disk holding the library is ${percent(used)} full (${formatBytes(facts.disk.freeBytes)} free)`,
      });
    }
  }
  if (facts.quarantined > 0) {
    reasons.push({
      status: 'warning',
      code: 'quarantined',
      message: `${facts.quarantined} stored file(s) no logo referenced were moved to the quarantine folder for you to check`,
    });
  }
  const status = reasons.some((r) => r.status === 'error') ? 'error' : reasons.length > 0 ? 'warning' : 'healthy';
  return { status, reasons };
}
