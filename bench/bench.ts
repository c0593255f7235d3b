/**
 * A benchmark section: `npm run bench` (bench/run.ts) runs every section in one process and writes
 * bench/results.md. Each section measures our code and its reference tool in the same run.
 */
export interface BenchSection {
  readonly title: string;
  /** Markdown body: a table of figures and ratios, plus one line on how it was measured. */
  readonly markdown: string;
}

export type Bench = () => Promise<BenchSection>;

/** Median and percentile of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function table(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
