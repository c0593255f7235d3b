import type { Handlers } from '../../../shared/contract/index.ts';
import { MarqueError } from '../../../shared/errors.ts';
import type { Log } from '../log/logger.ts';
import type { DesktopHost } from './desktop-host.ts';
import type { Handout } from './handout.ts';
import type { OpenedFilesService } from './opened-files.ts';

type DesktopHandlers = Pick<
  Handlers,
  | 'files.locate'
  | 'files.open'
  | 'files.reveal'
  | 'app.openFiles'
  | 'app.openedFiles'
  | 'app.ackOpenedFiles'
  | 'app.logError'
>;

interface DesktopDeps {
  readonly handout: Handout;
  readonly opened: OpenedFilesService;
  /** Present in the Electron shell only. */
  readonly host: DesktopHost | null;
  readonly log: Log;
}

/** The desktop gestures as contract methods: served to the window over IPC and to browser mode over HTTP. */
export function desktopHandlers({ handout, opened, host, log }: DesktopDeps): DesktopHandlers {
  // Only the desktop window gets the OS to act; a browser downloads the file instead.
  const hostFor = (mode: string) => (mode === 'desktop' ? host : null);
  return {
    'files.locate': async ({ items }) => ({ files: await Promise.all(items.map((item) => handout.locate(item))) }),
    'files.open': async ({ item }, context) => {
      const file = await handout.locate(item);
      const desktop = hostFor(context.mode);
      if (!desktop) return { done: 'download', url: file.url };
      const error = await desktop.openPath(file.path);
      if (error) {
        log.warn({ file: file.path, reason: error }, 'open in the default app failed');
        throw new MarqueError('IO_ERROR', `${file.filename}: ${error}`);
      }
      return { done: 'desktop', url: file.url };
    },
    'files.reveal': async ({ item }, context) => {
      const file = await handout.locate(item);
      const desktop = hostFor(context.mode);
      if (!desktop) return { done: 'download', url: file.url };
      desktop.showItemInFolder(file.path);
      return { done: 'desktop', url: file.url };
    },
    'app.openFiles': ({ paths }) => opened.open(paths),
    'app.openedFiles': async () => opened.pending(),
    'app.ackOpenedFiles': async ({ ids }) => ({ acknowledged: opened.acknowledge(ids) }),
    'app.logError': async ({ where, level, message, stack, componentStack }, context) => {
      log[level]({ where, reason: message, stack, componentStack, mode: context.mode }, 'the window caught an error');
      return { logged: true };
    },
  };
}
