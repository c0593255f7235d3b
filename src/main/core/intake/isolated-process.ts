import { fork } from 'node:child_process';

/**
 * A process the core can start, talk to and kill. The host provides it: Electron hands over
 * `utilityProcess`, plain Node `child_process.fork`. The core never imports electron.
 */
export interface IsolatedProcess {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  /** Ends the process at once (SIGKILL where there are signals). */
  kill(): void;
}

export type IsolatedProcessFactory = (entry: string, name: string) => IsolatedProcess;

/** The plain-Node host: `child_process.fork` with structured-clone messages. */
export const forkNodeProcess: IsolatedProcessFactory = (entry) => {
  const child = fork(entry, [], {
    serialization: 'advanced',
    // Never inherit the parent's loaders or inspector flags; cap the JS heap of the decoder.
    execArgv: ['--disable-warning=ExperimentalWarning', '--max-old-space-size=768'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  // An IPC pipe torn down by a kill must not surface as an unhandled error in the parent.
  child.on('error', () => {});
  return {
    postMessage: (message) => {
      if (child.connected) child.send(message as never);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => {
      child.kill('SIGKILL');
    },
  };
};
