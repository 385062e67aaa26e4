import { spawnSync } from 'node:child_process';
import { clearBenchRows } from './table';

// `npm run bench`: the benches (vitest bench, which fails when a target is missed), then one table of
// every figure beside its floor, printed even when a target was missed. One bench file at a time: two
// benches side by side on a 2-core machine would each measure the other's load, and the ratios would
// judge the machine rather than the code.
clearBenchRows();
const run = spawnSync(
  'npx',
  ['vitest', 'bench', '--run', '--no-file-parallelism', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
await import('./printTable');
process.exit(run.status ?? 1);
