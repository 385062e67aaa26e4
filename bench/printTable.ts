import { readBenchRows } from './table';

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(n >= 10 ? 1 : 3));

const rows = readBenchRows();
const header = ['bench', 'figure', 'ours', 'floor', 'unit', 'ratio', 'target', 'met', 'note'];
const cells = rows.map((r) => [
  r.bench,
  r.figure,
  fmt(r.ours),
  fmt(r.floor),
  r.unit,
  r.ratio.toFixed(2),
  r.target,
  r.met ? 'yes' : 'NO',
  r.note ?? '',
]);
const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ');
console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}`);
for (const c of cells) console.log(line(c));
if (rows.length === 0) console.log('(no rows recorded)');
