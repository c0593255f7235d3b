import { readdirSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, extname, join } from 'node:path';

/**
 * Where installed fonts are and which files they are. No font parsing here, so the main process
 * can fingerprint the fonts (text-fonts.ts) without loading fontkit.
 */

const FONT_EXTENSIONS = new Set(['.ttf', '.otf', '.ttc', '.otc']);
const MAX_FILES = 20_000;
const MAX_DEPTH = 8;

/** The platform's font folders, user folders included; missing ones are simply not there. */
export function defaultFontDirs(platform = process.platform, env = process.env, home = homedir()): string[] {
  if (platform === 'darwin') return ['/System/Library/Fonts', '/Library/Fonts', join(home, 'Library/Fonts')];
  if (platform === 'win32') {
    const dirs = [join(env.WINDIR ?? 'C:\\Windows', 'Fonts')];
    if (env.LOCALAPPDATA) dirs.push(join(env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts'));
    return dirs;
  }
  return ['/usr/share/fonts', '/usr/local/share/fonts', join(home, '.local/share/fonts'), join(home, '.fonts')];
}

/** Font files under the folders, sorted so every run sees them in the same order. */
export function listFontFiles(dirs: readonly string[]): string[] {
  const files: string[] = [];
  const visit = (dir: string, depth: number): void => {
    if (depth > MAX_DEPTH || files.length >= MAX_FILES) return;
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      const path = join(dir, name);
      let isDir = false;
      try {
        isDir = statSync(path).isDirectory();
      } catch {
        continue;
      }
      if (isDir) visit(path, depth + 1);
      else if (FONT_EXTENSIONS.has(extname(name).toLowerCase()) && files.length < MAX_FILES) files.push(path);
    }
  };
  for (const dir of dirs) visit(dir, 0);
  return files;
}

/**
 * The same files as `listFontFiles`, walked without blocking the thread, for callers on the main
 * process's event loop (a font folder can hold thousands of files).
 */
export async function listFontFilesAsync(dirs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  const visit = async (dir: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH || files.length >= MAX_FILES) return;
    let entries: string[];
    try {
      entries = (await readdir(dir)).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      const path = join(dir, name);
      let isDir = false;
      try {
        isDir = (await stat(path)).isDirectory();
      } catch {
        continue;
      }
      if (isDir) await visit(path, depth + 1);
      else if (FONT_EXTENSIONS.has(extname(name).toLowerCase()) && files.length < MAX_FILES) files.push(path);
    }
  };
  for (const dir of dirs) await visit(dir, 0);
  return files;
}

/** The font folders text is set from: MARQUE_FONT_DIRS (path-list), else the platform's. */
export function configuredFontDirs(): string[] {
  return process.env.MARQUE_FONT_DIRS?.split(delimiter).filter(Boolean) ?? defaultFontDirs();
}
