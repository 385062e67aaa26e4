import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer } from 'node:net';
import { ensureTables, startDynamoLocal } from '../local/dynamo';
import { createLocalSystem } from '../local/system';
import type { TableNames } from '../shared/adapters/dynamo/tables';
import type { Log } from '../shared/ports';

/** What a bench writes to its logs: nothing (a Lambda's JSON log lines are not what is measured). */
export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };

/** DynamoDB calls by operation, e.g. `{ PutItemCommand: 1, QueryCommand: 1 }`. */
export type CallCounts = Map<string, number>;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * A DynamoDB Local of the bench's own, its tables, and a middleware on the client that counts every
 * call (before the SDK's retries) towards whatever piece of work is running: `counted(counts, work)`
 * attributes the calls `work` makes, however many run at once.
 */
export async function startBenchDynamo() {
  const dynamo = await startDynamoLocal({ port: await freePort() });
  const { db } = dynamo;
  const tables: TableNames = {
    config: 'bench-config',
    visits: 'bench-visits',
    surveys: 'bench-surveys',
    aggregates: 'bench-aggregates',
  };
  await ensureTables(db, tables);
  const current = new AsyncLocalStorage<CallCounts>();
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const counts = current.getStore();
      const name = context.commandName ?? 'unknown';
      if (counts) counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchCallCounter' },
  );
  const counted = <T>(counts: CallCounts, work: () => Promise<T>) => current.run(counts, work);
  return { db, tables, counted, stop: () => dynamo.stop() };
}

/** Writes an organization and its units through the admin API, as an operator would. */
export async function configureBench(
  bench: Awaited<ReturnType<typeof startBenchDynamo>>,
  organizationId: string,
  unitIds: string[],
  rules: Record<string, unknown>,
) {
  const system = createLocalSystem({
    db: bench.db,
    tables: bench.tables,
    publicBaseUrl: 'https://palaute.example.fi',
    hmacKey: 'bench-hmac-key-0123456789',
    adminToken: 'bench-admin-token',
    reportsToken: 'bench-reports-token',
    log: silentLog,
  });
  const put = async (path: string, body: unknown) => {
    const response = await system.app.request(path, {
      method: 'PUT',
      headers: { Authorization: 'Bearer bench-admin-token', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  };
  await put(`/api/v1/organizations/${organizationId}`, {
    name: { fi: 'Pohde', sv: 'Pohde', en: 'Pohde' },
    smsSenderId: 'Pohde',
    smsTemplates: {
      fi: 'Hei! Kiitos asioinnistasi. Kerro kokemuksestasi, se vie minuutin: {link} -{orgName}',
      sv: 'Hej! Tack för besöket. Berätta hur det gick, det tar en minut: {link} -{orgName}',
      en: 'Hi! Thanks for your visit. Tell us how it went, it takes a minute: {link} -{orgName}',
    },
  });
  for (const unitId of unitIds) {
    await put(`/api/v1/units/${unitId}`, {
      organizationId,
      name: { fi: unitId, sv: unitId, en: unitId },
      enabled: true,
      rules,
    });
  }
}

/** Adds `more` into `into`. */
export function addCounts(into: CallCounts, more: CallCounts) {
  for (const [name, n] of more) into.set(name, (into.get(name) ?? 0) + n);
}

export const totalCalls = (counts: CallCounts) => [...counts.values()].reduce((a, b) => a + b, 0);

/** `PutItem 1.00, Query 0.05` per unit of work, largest first, without the `Command` suffix. */
export function describeCounts(counts: CallCounts, per: number): string {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name.replace(/Command$/, '')} ${(n / per).toFixed(2)}`)
    .join(', ');
}
