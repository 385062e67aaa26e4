import { spawnSync } from 'node:child_process';
import { clearBenchRows } from './table';

// `npm run bench`: the benches (vitest bench, which fails when a target is missed), then one table of
// every figure beside its floor, printed even when a target was missed.
clearBenchRows();
const run = spawnSync('npx', ['vitest', 'bench', '--run', ...process.argv.slice(2)], { stdio: 'inherit' });
await import('./printTable');
process.exit(run.status ?? 1);
