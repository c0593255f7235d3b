/** Domain types shared by every process. Plain data only: no Node, no DOM. */

export const LOGO_FORMATS = ['png', 'jpeg', 'webp', 'gif', 'tiff', 'avif', 'svg', 'pdf'] as const;
export type LogoFormat = (typeof LOGO_FORMATS)[number];

export const VECTOR_FORMATS: ReadonlySet<LogoFormat> = new Set(['svg', 'pdf']);

export interface Logo {
  readonly id: string;
  readonly name: string;
  readonly format: LogoFormat;
  readonly isVector: boolean;
  readonly width: number;
  readonly height: number;
  readonly hasAlpha: boolean;
  /** Size of the stored (sanitized) master in bytes. */
  readonly byteSize: number;
  /** sha256 of the stored master, hex. */
  readonly hash: string;
  readonly sourcePath: string | null;
  readonly importedAt: string;
  readonly updatedAt: string;
  readonly favorite: boolean;
  /** Star rating, 0 (unrated) to 5. */
  readonly rating: number;
  readonly notes: string;
  readonly tags: readonly string[];
  readonly deletedAt: string | null;
}

export type ImportOutcome =
  | {
      readonly status: 'imported';
      readonly path: string;
      readonly logo: Logo;
      /** What the import did to the file worth telling (a PDF converted to vectors, its scripts removed). */
      readonly notes?: readonly string[];
    }
  | { readonly status: 'duplicate'; readonly path: string; readonly logo: Logo }
  | {
      readonly status: 'failed';
      readonly path: string;
      readonly code: import('./errors.ts').ErrorCode;
      readonly message: string;
    };

/** What an entry inside an imported folder is, when the import left it alone. */
export type ImportSkipKind = 'symlink' | 'fifo' | 'socket' | 'device' | 'unreadable' | 'data-folder' | 'limit';

/** An entry inside an imported folder that was not imported, and why (hidden files are skipped silently). */
export interface ImportSkip {
  readonly path: string;
  readonly kind: ImportSkipKind;
  readonly reason: string;
}

export interface ImportReport {
  readonly outcomes: readonly ImportOutcome[];
  readonly imported: number;
  readonly duplicates: number;
  readonly failed: number;
  /** Entries inside imported folders that were left alone (symlinks, FIFOs, sockets, devices…). */
  readonly skipped: readonly ImportSkip[];
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
}

export type TransportMode = 'desktop' | 'browser' | 'share';

export interface AppInfo {
  readonly name: 'Marque';
  readonly version: string;
  readonly mode: TransportMode;
  readonly platform: string;
  readonly dataDir: string | null;
  readonly schemaVersion: number;
  /** True when mutating methods are available to this client. */
  readonly canEdit: boolean;
}

/** What a library change was, so clients can refresh narrowly. */
export interface LibraryChange {
  readonly kind: 'imported' | 'updated' | 'deleted' | 'restored' | 'purged';
  readonly ids: readonly string[];
}
