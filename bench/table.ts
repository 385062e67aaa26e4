import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * One row of the table `npm run bench` prints at the end: a figure of ours beside its floor measured
 * in the same run. Each bench file records its rows here; `bench/printTable.ts` prints them together
 * (bench files run in separate workers, so the rows meet in a file rather than in memory).
 */
export interface BenchRow {
  bench: string;
  figure: string;
  /** Ours and the floor in the same unit (`unit`), e.g. ms per pass or events/s. */
  ours: number;
  floor: number;
  unit: string;
  /** How ours compares to the floor, written so that lower is better (ours/floor for times). */
  ratio: number;
  /** The target the ratio must meet, e.g. "<= 2". */
  target: string;
  /** Whether the target is met. */
  met: boolean;
  /** Anything else worth a column's note: calls per event, peak memory, … */
  note?: string;
}

export const BENCH_ROWS_FILE = resolve(import.meta.dirname, '..', '.data', 'bench', 'rows.jsonl');

export function recordBenchRow(row: BenchRow): void {
  mkdirSync(dirname(BENCH_ROWS_FILE), { recursive: true });
  appendFileSync(BENCH_ROWS_FILE, `${JSON.stringify(row)}\n`);
}

export function clearBenchRows(): void {
  rmSync(BENCH_ROWS_FILE, { force: true });
}

export function readBenchRows(): BenchRow[] {
  if (!existsSync(BENCH_ROWS_FILE)) return [];
  return readFileSync(BENCH_ROWS_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as BenchRow);
}
