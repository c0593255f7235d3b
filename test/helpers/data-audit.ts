/**
 * Checks a Marque data folder (and an export folder) for what a crash must never leave: a blob
 * whose bytes do not hash to its name, leftovers in store/tmp, temp files of the exporter, a
 * database that fails `PRAGMA integrity_check`.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface StoreAudit {
  /** sha256 names of every blob in store/originals. */
  readonly blobs: readonly string[];
  /** Blobs whose bytes do not hash to their name, or that sit under the wrong prefix folders. */
  readonly corrupt: readonly string[];
  /** Anything in store/tmp. */
  readonly tmpLeftovers: readonly string[];
}

export async function auditStore(dataDir: string): Promise<StoreAudit> {
  const base = join(dataDir, 'store', 'originals');
  const blobs: string[] = [];
  const corrupt: string[] = [];
  for (const a of await readdir(base).catch(() => [] as string[])) {
    for (const b of await readdir(join(base, a)).catch(() => [] as string[])) {
      for (const name of await readdir(join(base, a, b))) {
        const bytes = await readFile(join(base, a, b, name));
        const hash = createHash('sha256').update(bytes).digest('hex');
        blobs.push(name);
        if (hash !== name || name.slice(0, 2) !== a || name.slice(2, 4) !== b) corrupt.push(`${a}/${b}/${name}`);
      }
    }
  }
  const tmpLeftovers = await readdir(join(dataDir, 'store', 'tmp')).catch(() => [] as string[]);
  return { blobs, corrupt, tmpLeftovers };
}

/** `PRAGMA integrity_check` and `foreign_key_check` on a database file, opened read-only. */
export function auditDatabase(file: string): { integrity: string; foreignKeyViolations: number } {
  const db = new Database(file, { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      foreignKeyViolations: (db.pragma('foreign_key_check') as unknown[]).length,
    };
  } finally {
    db.close();
  }
}

/** Every file below `root` (relative, '/'-separated), dot files included. */
export async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
}

/** The exporter's temp files (`.marque-<uuid>.tmp`) and any other `.tmp` below `root`. */
export async function exportTempFiles(root: string): Promise<string[]> {
  return (await listFiles(root)).filter((p) =>
    p.split('/').some((c) => c.startsWith('.marque-') || c.endsWith('.tmp')),
  );
}

/** Path -> "kind size mtime" of everything below `root` except the `skip` folders (absolute). */
export async function snapshotTree(root: string, skip: readonly string[] = []): Promise<Map<string, string>> {
  const { lstat } = await import('node:fs/promises');
  const out = new Map<string, string>();
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const path = join(e.parentPath, e.name);
    if (skip.some((s) => path === s || path.startsWith(`${s}/`))) continue;
    const info = await lstat(path).catch(() => null);
    if (!info) continue;
    out.set(
      path,
      `${info.isDirectory() ? 'dir' : info.isSymbolicLink() ? 'link' : 'file'} ${info.isDirectory() ? 0 : info.size} ${info.mtimeMs}`,
    );
  }
  return out;
}
