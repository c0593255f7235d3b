import type { Handlers } from '../../../shared/contract/index.ts';
import type { PrintService } from './print-service.ts';

type PrintHandlers = Pick<Handlers, Extract<keyof Handlers, `print.${string}`>>;

function decode(base64: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

/** The print colour contract methods: press profile, intent, limits, swatch books. */
export function printHandlers(print: PrintService): PrintHandlers {
  return {
    'print.status': async () => print.status(),
    'print.configure': async (change) => print.configure(change),
    'print.addProfile': async ({ fileName, base64 }) => print.addProfile(fileName, decode(base64)),
    'print.removeProfile': async ({ id }) => print.removeProfile(id),
    'print.addSwatchBook': async ({ fileName, base64 }) => print.addSwatchBook(fileName, decode(base64)),
    'print.removeSwatchBook': async ({ id }) => print.removeSwatchBook(id),
  };
}
