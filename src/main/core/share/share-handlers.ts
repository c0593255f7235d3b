import type { Handlers } from '../../../shared/contract/index.ts';
import type { ShareService } from './share-service.ts';

type ShareHandlers = Pick<Handlers, 'share.status' | 'share.start' | 'share.stop' | 'share.rotateToken'>;

export function shareHandlers(share: ShareService): ShareHandlers {
  return {
    'share.status': async () => share.status(),
    'share.start': async ({ host, port }) => share.start({ host, port }),
    'share.stop': async () => share.stop(),
    'share.rotateToken': async () => share.rotateToken(),
  };
}
