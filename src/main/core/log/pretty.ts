/**
 * One JSON log line as a person reads it on a terminal: `<time> warn  library: import failed  file=…`
 * followed by the fields that matter. Lines that are not JSON pass through unchanged.
 */

const LEVEL_NAMES: Readonly<Record<number, string>> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

// pino's own fields, shown in the prefix or not at all.
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'module', 'err', 'error']);

export function formatLine(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = (LEVEL_NAMES[Number(record.level)] ?? 'log').padEnd(5);
  const module = typeof record.module === 'string' ? `${record.module}: ` : '';
  const fields = Object.entries(record)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const error = (record.err ?? record.error) as { message?: string } | undefined;
  const reason = error?.message ? ` (${error.message})` : '';
  const time = typeof record.time === 'number' ? `${new Date(record.time).toISOString()} ` : '';
  return `${time}${level} ${module}${String(record.msg ?? '')}${reason}${fields.length ? `  ${fields.join(' ')}` : ''}`;
}
