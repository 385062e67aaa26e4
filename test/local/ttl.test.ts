import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { ensureTables } from '../../local/dynamo';
import { epochSeconds, tableDefinitions } from '../../shared/adapters/dynamo/tables';
import { createTestSystem, freshTables, setClock } from '../support/system';

const DAY_MS = 24 * 60 * 60 * 1000;
/** DynamoDB Local's own TTL sweeper deletes an expired item within about a second; wait well beyond. */
const LONGER_THAN_DYNAMO_LOCAL_SWEEPS_MS = 3_000;

type System = Awaited<ReturnType<typeof createTestSystem>>;
const plant = (system: System, pk: string, expiresAt: Date) =>
  system.db.send(
    new PutCommand({
      TableName: system.tables.surveys,
      Item: { pk, sk: 'TTL-TEST', ttl: epochSeconds(expiresAt) },
    }),
  );
const exists = async (system: System, pk: string) =>
  (await system.db.send(new GetCommand({ TableName: system.tables.surveys, Key: { pk, sk: 'TTL-TEST' } })))
    .Item !== undefined;

describe('expiry (TTL) follows the virtual clock in local mode', () => {
  it('keeps an item expired by real time but not by the virtual clock, and deletes it once the clock passes its ttl', async () => {
    const system = await createTestSystem();
    // A virtual time a month behind the machine's: items expire between the two.
    const virtual = new Date(Math.floor((Date.now() - 30 * DAY_MS) / 1000) * 1000);
    await setClock(system, virtual.toISOString());
    await plant(system, 'SOON', new Date(virtual.getTime() + DAY_MS));
    await plant(system, 'LATER', new Date(virtual.getTime() + 10 * DAY_MS));

    await new Promise((r) => setTimeout(r, LONGER_THAN_DYNAMO_LOCAL_SWEEPS_MS));
    expect(await exists(system, 'SOON')).toBe(true);
    expect(await exists(system, 'LATER')).toBe(true);

    const moved = await setClock(system, new Date(virtual.getTime() + 2 * DAY_MS).toISOString());
    expect(moved).toMatchObject({ expired: 1 });
    expect(await exists(system, 'SOON')).toBe(false);
    expect(await exists(system, 'LATER')).toBe(true);
  });

  it('sweeps on the scheduler tick once the clock has moved on', async () => {
    const system = await createTestSystem();
    const virtual = new Date('2026-11-20T08:00:00Z');
    await setClock(system, virtual.toISOString());
    await plant(system, 'SOON', new Date(virtual.getTime() + 60 * 60_000));
    await system.tick();
    expect(await exists(system, 'SOON')).toBe(true);
    system.clock.set(new Date(virtual.getTime() + 2 * 60 * 60_000));
    await system.tick();
    expect(await exists(system, 'SOON')).toBe(false);
  });

  it('creates tables without DynamoDB TTL and switches off TTL left on by an older local mode', async () => {
    const { db, tables } = await freshTables();
    for (const TableName of Object.values(tables)) {
      const { TimeToLiveDescription } = await db.send(new DescribeTimeToLiveCommand({ TableName }));
      expect(TimeToLiveDescription?.TimeToLiveStatus).toBe('DISABLED');
    }
    const older = { ...tables, config: `${tables.config}-old` };
    const definition = tableDefinitions(older)[0];
    if (!definition) throw new Error('no table definition');
    await db.send(new CreateTableCommand(definition));
    await db.send(
      new UpdateTimeToLiveCommand({
        TableName: older.config,
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      }),
    );
    await ensureTables(db, older);
    const { TimeToLiveDescription } = await db.send(
      new DescribeTimeToLiveCommand({ TableName: older.config }),
    );
    expect(TimeToLiveDescription?.TimeToLiveStatus).toBe('DISABLED');
  });
});
