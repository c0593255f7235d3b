import { utilityProcess } from 'electron';
import type { IsolatedProcess, IsolatedProcessFactory } from '../core/intake/isolated-process.ts';

/** The Electron host for the core's isolated processes: utilityProcess (a real OS process, killable). */
export const forkUtilityProcess: IsolatedProcessFactory = (entry, name): IsolatedProcess => {
  const child = utilityProcess.fork(entry, [], { serviceName: name, stdio: 'ignore' });
  return {
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => {
      child.kill();
    },
  };
};
