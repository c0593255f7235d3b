// Runs before `npm start` / `npm run dev`: the electron package's binary is fetched by its install
// script, which this repository does not run on install (package.json allowScripts). Without it,
// electron-vite fails with "Error: Electron uninstall"; say what to run instead.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const pkg = join(import.meta.dirname, '..', 'node_modules', 'electron');
const pathFile = join(pkg, 'path.txt');
const binary = existsSync(pathFile) ? join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
if (!binary || !existsSync(binary)) {
  process.stderr.write(
    'The Electron binary is not installed (install scripts are off in this repository).\n' +
      'Fetch it once with:  node node_modules/electron/install.js\n' +
      'Without Electron, run the same app in a browser:  npm run build && npx marque serve\n',
  );
  process.exit(1);
}
