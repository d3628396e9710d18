/** One row of the budget table of DESIGN.md §7, as every bench reports it. */
export interface BenchRow {
  what: string;
  budget: string;
  measured: string;
  /** undefined for rows that only inform (no budget to meet). */
  ok?: boolean;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function formatTable(rows: readonly BenchRow[]): string {
  const header: BenchRow = { what: 'what', budget: 'budget', measured: 'measured', ok: undefined };
  const cells = [header, ...rows].map((row, i) => [
    row.what,
    row.budget,
    row.measured,
    i === 0 ? 'ok' : row.ok === undefined ? '—' : row.ok ? 'yes' : 'NO',
  ]);
  const widths = [0, 1, 2, 3].map((c) => Math.max(...cells.map((r) => r[c]!.length)));
  const line = (r: string[]) => `| ${r.map((v, c) => v.padEnd(widths[c]!)).join(' | ')} |`;
  return [
    line(cells[0]!),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.slice(1).map(line),
  ].join('\n');
}
