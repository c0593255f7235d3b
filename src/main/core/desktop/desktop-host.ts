/**
 * What only a desktop shell can do with a file. Electron passes `shell.openPath` and
 * `shell.showItemInFolder`; the CLI and the server pass nothing, and the contract then answers
 * "download it" so the browser does the next best thing. Keeps the core free of Electron.
 */
export interface DesktopHost {
  /** Opens the file in its default app; resolves to an error message, or '' when it opened. */
  openPath(path: string): Promise<string>;
  showItemInFolder(path: string): void;
}
