import { isAbsolute, resolve } from 'node:path';

/**
 * The files in a command line that launched Marque (Windows and Linux pass "Open with" files
 * as arguments; a second launch forwards its argv). Skips the executable, the app folder in
 * development, Chromium's switches and `marque://` URLs; relative paths are resolved against the
 * launch's working directory. Pure, so the rules are unit-tested without Electron.
 */
export function filesFromArgv(
  argv: readonly string[],
  options: { readonly cwd: string; readonly packaged: boolean },
): string[] {
  // Packaged: [exe, ...files]. Development: [electron, appPath, ...files].
  const args = argv.slice(options.packaged ? 1 : 2);
  const files: string[] = [];
  let afterDoubleDash = false;
  for (const arg of args) {
    if (!afterDoubleDash && arg === '--') {
      afterDoubleDash = true;
      continue;
    }
    if (!afterDoubleDash && arg.startsWith('-')) continue;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) continue;
    if (arg.trim() === '') continue;
    files.push(isAbsolute(arg) ? arg : resolve(options.cwd, arg));
  }
  return files;
}
