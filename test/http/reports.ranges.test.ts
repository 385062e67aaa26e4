import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoAggregateStore } from '../../shared/adapters/dynamo/aggregateStore';
import { configure, createTestSystem, freshTables, REPORTS, type TestSystem } from '../support/system';

/** More DynamoDB calls than any valid report needs: past it, a request is running away. */
const RUNAWAY = 200;

/** The document client with every `send` counted; a runaway loop fails fast instead of hanging. */
function countingClient(db: DynamoDBDocumentClient) {
  const counter = { sends: 0 };
  const client = new Proxy(db, {
    get(target, property) {
      if (property === 'send') {
        return (command: Parameters<DynamoDBDocumentClient['send']>[0]) => {
          counter.sends += 1;
          if (counter.sends > RUNAWAY) throw new Error(`more than ${RUNAWAY} DynamoDB calls`);
          return target.send(command);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { client, counter };
}

type Details = { path: string; message: string }[];

describe('report ranges', () => {
  let system: TestSystem;
  let counter: { sends: number };
  beforeAll(async () => {
    const { db, tables } = await freshTables();
    const counting = countingClient(db);
    counter = counting.counter;
    system = await createTestSystem({ db: counting.client, tables });
    await configure(system);
  });

  async function rejected(path: string): Promise<Details> {
    counter.sends = 0;
    const response = await system.app.request(path, { headers: REPORTS });
    expect(response.status, path).toBe(400);
    const body = (await response.json()) as { error: { code: string; details: Details } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(counter.sends, 'a rejected query reads nothing').toBe(0);
    return body.error.details;
  }

  const daily = (from: string, to: string) =>
    `/api/v1/reports/daily?unitId=unit-tk-keskusta&from=${from}&to=${to}`;
  const monthly = (from: string, to: string) =>
    `/api/v1/reports/monthly?organizationId=org-pohde&from=${from}&to=${to}`;
  const year = 'the year must be 2000–2100';

  it('refuses years outside 2000–2100 at once, with the field paths, and reads nothing', async () => {
    expect(await rejected(daily('9999-12-01', '9999-12-31'))).toEqual([
      { path: 'from', message: year },
      { path: 'to', message: year },
    ]);
    expect(await rejected(monthly('9999-01', '9999-12'))).toEqual([
      { path: 'from', message: year },
      { path: 'to', message: year },
    ]);
    expect(await rejected(daily('1999-12-31', '2000-01-01'))).toEqual([{ path: 'from', message: year }]);
    expect(await rejected(monthly('2100-12', '2101-01'))).toEqual([{ path: 'to', message: year }]);
    expect(
      await rejected(`/api/v1/reports/comments?unitId=unit-tk-keskusta&from=0001-01-01&to=2026-01-01`),
    ).toEqual([{ path: 'from', message: year }]);
  });

  it('refuses dates that are not in the calendar', async () => {
    expect(await rejected(daily('2026-02-30', '2026-03-01'))).toEqual([
      { path: 'from', message: 'expected a date YYYY-MM-DD' },
    ]);
    expect(await rejected(daily('2026-02-01', '2025-02-29'))).toEqual([
      { path: 'to', message: 'expected a date YYYY-MM-DD' },
    ]);
    expect(await rejected(monthly('2026-00', '2026-13'))).toEqual([
      { path: 'from', message: 'expected a month YYYY-MM' },
      { path: 'to', message: 'expected a month YYYY-MM' },
    ]);
  });

  it('refuses from after to, more than 366 days and more than 36 months', async () => {
    expect(await rejected(daily('2026-11-02', '2026-11-01'))).toEqual([
      { path: 'to', message: 'must not be before from' },
    ]);
    expect(await rejected(daily('2026-01-01', '2027-01-02'))).toEqual([
      { path: 'to', message: 'at most 366 days per request' },
    ]);
    expect(await rejected(monthly('2024-01', '2027-01'))).toEqual([
      { path: 'to', message: 'at most 36 months per request' },
    ]);
  });

  it('reads a bounded number of partitions for the longest ranges allowed', async () => {
    counter.sends = 0;
    const days = await system.app.request(daily('2099-01-01', '2099-12-31'), { headers: REPORTS });
    expect(days.status).toBe(200);
    // a unit lookup, then one query per month the days touch
    expect(counter.sends).toBeLessThanOrEqual(2 + 13);
    counter.sends = 0;
    const months = await system.app.request(monthly('2098-01', '2100-12'), { headers: REPORTS });
    expect(months.status).toBe(200);
    expect(counter.sends).toBeLessThanOrEqual(2 + 36);
  });

  it('the store itself reads one partition for a month of year 9999, not a million', async () => {
    const { db, tables } = await freshTables();
    const { client, counter: calls } = countingClient(db);
    const store = createDynamoAggregateStore(client, tables.aggregates);
    expect(await store.dailyCells('org-pohde', 'unit-tk-keskusta', '9999-12-01', '9999-12-31')).toEqual([]);
    expect(calls.sends).toBe(1);
    expect(await store.monthlyCells('org-pohde', undefined, '9999-11', '9999-12')).toEqual([]);
    expect(calls.sends).toBe(3);
  });
});
