const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/**
 * A byte count in the binary unit that fits: "512 B", "1 MiB", "1.5 GiB", "320 MiB" (never
 * "0.00 GiB" for a small cap). Three significant digits at most, trailing zeros dropped.
 * Used by the core's messages and the CLI; the renderer shows decimal sizes like Finder.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${bytes} B`;
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${sign}${Math.round(value)} B`;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  let text = Number(value.toFixed(digits)).toString();
  // 1023.9 KiB rounds to "1024 KiB": say "1 MiB" instead.
  if (Number(text) >= 1024 && unit < UNITS.length - 1) {
    text = '1';
    unit++;
  }
  return `${sign}${text} ${UNITS[unit]}`;
}
