import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { bench, describe, expect } from 'vitest';
import { LAMBDA_BUNDLING } from '../infra/function';
import { recordBenchRow } from './table';

/**
 * Cold start per Lambda bundle: its size, and the time a fresh Node process takes to `require` it
 * (module scope included: clients built, environment read), against the floor of a bundle of only
 * the AWS SDK clients it uses, built the same way and constructed the same way.
 */
const RATIO_TARGET = 1.3;
const SIZE_TARGET = 1024 * 1024;
const FUNCTIONS = ['ingest', 'send', 'pages', 'http', 'aggregate'] as const;
/** Fresh processes per bundle and per floor; the medians count. */
const RUNS = 15;

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, '.data', 'bench', 'coldstart');
mkdirSync(OUT, { recursive: true });

/** What the handlers read at module scope: names only, nothing is called. */
const ENV = {
  AWS_REGION: 'eu-north-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  CONFIG_TABLE: 'config',
  VISITS_TABLE: 'visits',
  SURVEYS_TABLE: 'surveys',
  AGGREGATES_TABLE: 'aggregates',
  EVENT_BUS_NAME: 'bus',
  HMAC_SECRET_ARN: 'arn:aws:secretsmanager:eu-north-1:1:secret:x',
  SEND_QUEUE_ARN: 'arn:aws:sqs:eu-north-1:1:send',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::1:role/scheduler',
  SCHEDULE_GROUP_NAME: 'sends',
  INGEST_DLQ_URL: 'https://sqs.eu-north-1.amazonaws.com/1/dlq',
  PUBLIC_BASE_URL: 'https://palaute.example.fi',
  API_CLIENTS: '{}',
  POWERTOOLS_SERVICE_NAME: 'palaute',
};

async function bundle(entry: string, outfile: string) {
  const result = await build({
    ...LAMBDA_BUNDLING,
    entryPoints: [entry],
    outfile,
    metafile: true,
    logLevel: 'silent',
  });
  return { size: statSync(outfile).size, inputs: Object.keys(result.metafile.inputs) };
}

/** The SDK clients a bundle holds, as `@aws-sdk/client-…` package names (lib-dynamodb included). */
function sdkClients(inputs: readonly string[]): string[] {
  const names = new Set<string>();
  for (const input of inputs) {
    const match = /node_modules\/(@aws-sdk\/(?:client-[a-z0-9-]+|lib-dynamodb))\//.exec(input);
    if (match?.[1]) names.add(match[1]);
  }
  return [...names].sort();
}

const clientClass: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'DynamoDBClient',
  '@aws-sdk/client-eventbridge': 'EventBridgeClient',
  '@aws-sdk/client-scheduler': 'SchedulerClient',
  '@aws-sdk/client-secrets-manager': 'SecretsManagerClient',
  '@aws-sdk/client-sns': 'SNSClient',
  '@aws-sdk/client-sqs': 'SQSClient',
};

/** The floor's entry: the same clients built at module scope, as the handlers do. */
function floorEntry(clients: readonly string[]): string {
  const lines = clients.flatMap((name, i) => {
    if (name === '@aws-sdk/lib-dynamodb')
      return [
        `import { DynamoDBDocumentClient } from '${name}';`,
        `export const doc = DynamoDBDocumentClient;`,
      ];
    const cls = clientClass[name];
    return cls ? [`import { ${cls} as C${i} } from '${name}';`, `export const c${i} = new C${i}({});`] : [];
  });
  lines.push(`export const handler = async () => ({});`);
  return lines.join('\n');
}

function importMs(file: string): number {
  const child = spawnSync(
    process.execPath,
    ['-e', `const t=performance.now();require(${JSON.stringify(file)});console.log(performance.now()-t)`],
    { env: { PATH: process.env.PATH, ...ENV }, encoding: 'utf8' },
  );
  if (child.status !== 0) throw new Error(`${file} did not load: ${child.stderr}`);
  return Number(child.stdout.trim());
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/**
 * Ours and the floor loaded in turn, one right after the other, so that a busy moment slows both
 * alike; the ratio is the median of the pairs' ratios (the machine's load drifts between pairs).
 */
function importTimes(file: string, floorFile: string) {
  const ms: number[] = [];
  const floorMs: number[] = [];
  const ratios: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    floorMs.push(importMs(floorFile));
    ms.push(importMs(file));
    ratios.push((ms.at(-1) as number) / (floorMs.at(-1) as number));
  }
  return { ms: median(ms), floorMs: median(floorMs), ratio: median(ratios) };
}

interface Measured {
  name: string;
  size: number;
  floorSize: number;
  ms: number;
  floorMs: number;
  ratio: number;
  clients: string[];
}

const results: Measured[] = [];
for (const name of FUNCTIONS) {
  const ours = await bundle(join(ROOT, 'functions', name, 'handler.ts'), join(OUT, `${name}.cjs`));
  const clients = sdkClients(ours.inputs);
  const entry = join(OUT, `${name}-floor-entry.ts`);
  writeFileSync(entry, floorEntry(clients));
  const floor = await bundle(entry, join(OUT, `${name}-floor.cjs`));
  const times = importTimes(join(OUT, `${name}.cjs`), join(OUT, `${name}-floor.cjs`));
  results.push({
    name,
    size: ours.size,
    floorSize: floor.size,
    ...times,
    clients,
  });
}

for (const r of results) {
  const { ratio } = r;
  console.log(
    `${r.name}: ${(r.size / 1024).toFixed(0)} KB (floor ${(r.floorSize / 1024).toFixed(0)} KB), import ${r.ms.toFixed(1)} ms (floor ${r.floorMs.toFixed(1)} ms), ratio ${ratio.toFixed(2)}; ${r.clients.join(', ')}`,
  );
  recordBenchRow({
    bench: 'coldstart',
    figure: `${r.name} bundle import in a fresh process`,
    ours: Number(r.ms.toFixed(1)),
    floor: Number(r.floorMs.toFixed(1)),
    unit: 'ms',
    ratio: Number(ratio.toFixed(2)),
    target: `<= ${RATIO_TARGET}`,
    met: ratio <= RATIO_TARGET,
    note: `${(r.size / 1024).toFixed(0)} KB (floor ${(r.floorSize / 1024).toFixed(0)} KB); floor: ${r.clients.join(', ')}`,
  });
  recordBenchRow({
    bench: 'coldstart',
    figure: `${r.name} bundle size`,
    ours: Number((r.size / 1024).toFixed(0)),
    floor: Number((r.floorSize / 1024).toFixed(0)),
    unit: 'KB',
    ratio: Number((r.size / SIZE_TARGET).toFixed(2)),
    target: '<= 1 (1 MB)',
    met: r.size <= SIZE_TARGET,
  });
}
// Each target checked once; a miss fails the run.
for (const r of results) {
  expect(r.size, `${r.name} bundle size`).toBeLessThanOrEqual(SIZE_TARGET);
  expect(r.ratio, `${r.name} import time over its floor`).toBeLessThanOrEqual(RATIO_TARGET);
}

describe('cold start', () => {
  bench('measured above (one pass recorded)', () => {}, { iterations: 1 });
});
