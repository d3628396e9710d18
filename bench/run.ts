/**
 * `npm run bench`: runs every benchmark and prints the budget table of DESIGN.md §7 with the
 * measured values. Each bench module exports `run(): Promise<BenchRow[]>`; a bench that fails is
 * reported as a failed row, and the run exits non-zero, rather than hiding it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { formatTable, type BenchRow } from './table';

const benches: Array<[name: string, load: () => Promise<{ run: () => Promise<BenchRow[]> }>]> = [
  ['unlock', () => import('./unlock')],
  ['search', () => import('./search')],
  ['strength', () => import('./strength')],
  ['vault', () => import('./vault')],
  // The server bench before the browser ones: browsers still exiting would take its cores.
  ['server', () => import('./server')],
  ['popup', () => import('./popup')],
  ['live', () => import('./live')],
  ['events', () => import('./events')],
  ['autofill', () => import('./autofill')],
  ['detect', () => import('./detect')],
  ['menu', () => import('./menu')],
  ['import', () => import('./import')],
];

const rows: BenchRow[] = [];
for (const [name, load] of benches) {
  const only = process.argv.slice(2);
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`bench ${name}…\n`);
  try {
    rows.push(...(await (await load()).run()));
  } catch (error) {
    rows.push({ what: `${name} (failed)`, budget: '', measured: String(error), ok: false });
  }
}

const table = formatTable(rows);
console.log(table);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.md', import.meta.url), `${table}\n`);
process.exitCode = rows.some((row) => row.ok === false) ? 1 : 0;
