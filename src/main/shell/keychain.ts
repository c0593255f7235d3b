import { safeStorage } from 'electron';
import type { Log } from '../core/log/logger.ts';
import type { SecretStorage } from '../core/share/secret-storage.ts';

/**
 * The OS keychain through Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet). On Linux
 * without a secret service safeStorage falls back to a hard-coded key ('basic_text'), which is no
 * protection, so that counts as unavailable and the share keeps its token in plain text (logged).
 * Call after `app.whenReady()`.
 */
export function keychainSecretStorage(log: Log): SecretStorage {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
  const available = safeStorage.isEncryptionAvailable() && backend !== 'basic_text' && backend !== 'unknown';
  if (!available) log.warn({ backend }, 'no usable OS keychain: secrets are kept in plain text');
  return {
    available,
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
