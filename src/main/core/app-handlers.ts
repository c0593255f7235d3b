import type { Handlers } from '../../shared/contract/index.ts';
import type { Db } from './database/database.ts';
import { schemaVersion } from './database/database.ts';

export const APP_VERSION = '0.1.0';

type AppHandlers = Pick<Handlers, 'app.info'>;

export function appHandlers(db: Db, dataDir: string): AppHandlers {
  return {
    'app.info': async (_input, context) => ({
      name: 'Marque',
      version: APP_VERSION,
      mode: context.mode,
      platform: process.platform,
      // Teammates on the share never learn where the designer keeps files.
      dataDir: context.mode === 'share' ? null : dataDir,
      schemaVersion: schemaVersion(db),
      canEdit: context.mode !== 'share',
    }),
  };
}
