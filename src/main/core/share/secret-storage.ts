/**
 * Where secrets are sealed at rest. Electron passes the OS keychain (`safeStorage`); the CLI and
 * tests pass something else (tests: a fake in plain Node), so the core stays Electron-free.
 */
export interface SecretStorage {
  /** False where no keychain is at hand: secrets are then kept in plain text, and the log says so. */
  readonly available: boolean;
  /** Encrypts; returns base64. */
  seal(plain: string): string;
  /** Decrypts what `seal` returned; throws when it cannot (another machine or user, a reset keychain). */
  open(sealed: string): string;
}

/** No keychain: the CLI's and the default. */
export const NO_SECRET_STORAGE: SecretStorage = {
  available: false,
  seal: () => {
    throw new Error('no secret storage');
  },
  open: () => {
    throw new Error('no secret storage');
  },
};
