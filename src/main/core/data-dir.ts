import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The library folder the desktop app uses, computed without Electron so the CLI opens the same
 * library: `<userData>/library`, where userData is Electron's default for the product "Marque".
 * MARQUE_DATA_DIR overrides it everywhere.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MARQUE_DATA_DIR) return env.MARQUE_DATA_DIR;
  return join(userDataDir(env), 'library');
}

export function userDataDir(env: NodeJS.ProcessEnv = process.env): string {
  switch (process.platform) {
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'Marque');
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Marque');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Marque');
  }
}
