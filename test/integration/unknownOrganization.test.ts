import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { GSI_BY_UNIT_DATE, keys } from '../../shared/adapters/dynamo/tables';
import { createKeyedHasher } from '../../shared/domain/keys';
import { createApp } from '../../shared/http/app';
import { bearerTokenAuthenticator } from '../../shared/http/auth';
import type { Metrics } from '../../shared/ports';
import type { AggregateRunSummary } from '../../shared/services/aggregate';
import { type IngestDeps, ingestVisitEvent, UNKNOWN_ORGANIZATION_METRIC } from '../../shared/services/ingest';
import {
  BASE_URL,
  completedEvent,
  configure,
  createTestSystem,
  REPORTS,
  setClock,
  type TestSystem,
} from '../support/system';

class RecordingMetrics implements Metrics {
  readonly counts: Record<string, number> = {};
  count(name: string, value = 1) {
    this.counts[name] = (this.counts[name] ?? 0) + value;
  }
}

const LIMITED = { Authorization: 'Bearer test-limited-token' };

describe('visits naming an organization that is not configured, on DynamoDB Local', () => {
  let system: TestSystem;
  const metrics = new RecordingMetrics();
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    system = await createTestSystem();
    await configure(system);
    // Late on the 20th in Helsinki: 23:30 local is the 20th there, already the 20th in UTC too (21:30Z).
    await setClock(system, '2026-11-20T23:45:00+02:00');
    const deps: IngestDeps = {
      clock: system.clock,
      config: system.config,
      visits: system.visits,
      scheduler: system.scheduler,
      deadLetters: system.deadLetters,
      hasher: createKeyedHasher('test-hmac-key-0123456789'),
      log: system.log,
      metrics,
    };
    const visit = (organizationId: string, completedAt: string) =>
      JSON.stringify(completedEvent({ organizationId, completedAt }));
    const once = visit('org-typo', '2026-11-20T09:40:00+02:00');
    for (const body of [
      once,
      once, // a redelivery counts once
      visit('org-typo', '2026-11-20T10:40:00+02:00'),
      visit('org-new#1', '2026-11-20T11:40:00+02:00'),
      // 00:30 on the 20th in Helsinki is still the 19th in UTC: the date is Helsinki's.
      visit('org-typo', '2026-11-20T00:30:00+02:00'),
      visit('org-typo', '2026-11-19T12:00:00+02:00'),
      // A configured organization's unknown unit is the organization's own figure, not the platform's.
      JSON.stringify(completedEvent({ unitId: 'unit-missing' })),
    ])
      await ingestVisitEvent(deps, body);
    app = createApp({
      clock: system.clock,
      config: system.config,
      surveys: system.surveys,
      aggregates: system.aggregates,
      comments: system.comments,
      log: system.log,
      publicBaseUrl: BASE_URL,
      authenticate: bearerTokenAuthenticator([
        { token: 'test-reports-token', scopes: ['reports:read'] },
        { token: 'test-limited-token', scopes: ['reports:read'], organizationId: 'org-pohde' },
      ]),
    });
  });

  it('are counted as a metric once per visit', () => {
    expect(metrics.counts).toEqual({ [UNKNOWN_ORGANIZATION_METRIC]: 5 });
  });

  it('are filed under the platform partition of byUnitDate by Helsinki date', async () => {
    const partition = async (gsi1pk: string) =>
      (
        await system.db.send(
          new QueryCommand({
            TableName: system.tables.visits,
            IndexName: GSI_BY_UNIT_DATE,
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': gsi1pk },
          }),
        )
      ).Items ?? [];
    const of20th = await partition(keys.unknownOrganizationDate('2026-11-20'));
    expect(keys.unknownOrganizationDate('2026-11-20')).toBe('PLATFORM#UNKNOWN_ORG#2026-11-20');
    expect(of20th.map((item) => [item.organizationId, item.outcome]).sort()).toEqual([
      ['org-new#1', 'UNKNOWN_UNIT'],
      ['org-typo', 'UNKNOWN_UNIT'],
      ['org-typo', 'UNKNOWN_UNIT'],
      ['org-typo', 'UNKNOWN_UNIT'],
    ]);
    expect(await partition(keys.unknownOrganizationDate('2026-11-19'))).toHaveLength(1);
    expect(await partition(keys.unknownUnitDate('org-pohde', '2026-11-20'))).toHaveLength(1);
  });

  it('the nightly job counts them per date and organization named; the platform report shows them', async () => {
    const runNight = async () => {
      const job = await system.app.request('/local/jobs/aggregate', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ date: '2026-11-20' }),
      });
      expect(job.status).toBe(200);
      return (await job.json()) as AggregateRunSummary;
    };
    const summary = await runNight();
    expect(summary.unknownOrganizations).toMatchObject({ visits: 5, daysWritten: 2 });
    expect(summary.platformFailure).toBeUndefined();
    // Rerun: the same figure.
    expect((await runNight()).unknownOrganizations).toMatchObject({
      visits: 5,
      daysWritten: 2,
      daysDeleted: 0,
    });

    const response = await app.request('/api/v1/reports/platform?from=2026-11-01&to=2026-11-30', {
      headers: REPORTS,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      rows: [
        { date: '2026-11-19', unknownOrganizations: { 'org-typo': 1 } },
        { date: '2026-11-20', unknownOrganizations: { 'org-typo': 3, 'org-new#1': 1 } },
      ],
    });
    const narrow = await app.request('/api/v1/reports/platform?from=2026-11-20&to=2026-11-20', {
      headers: REPORTS,
    });
    expect(((await narrow.json()) as { rows: unknown[] }).rows).toHaveLength(1);
    // The organization's own report still counts its unknown unit.
    const daily = await app.request(
      '/api/v1/reports/daily?organizationId=org-pohde&from=2026-11-20&to=2026-11-20',
      {
        headers: REPORTS,
      },
    );
    type Row = { unitId: string; funnel: { decisions: Record<string, number> } };
    const orgRow = ((await daily.json()) as { rows: Row[] }).rows.find((r) => r.unitId === '*');
    expect(orgRow?.funnel.decisions.UNKNOWN_UNIT).toBe(1);
  });

  it('is for platform-wide callers only: a token limited to an organization gets 404', async () => {
    const limited = await app.request('/api/v1/reports/platform?from=2026-11-01&to=2026-11-30', {
      headers: LIMITED,
    });
    expect(limited.status).toBe(404);
    expect(JSON.stringify(await limited.json())).not.toContain('org-typo');
    expect((await app.request('/api/v1/reports/platform?from=2026-11-01&to=2026-11-30')).status).toBe(401);
  });

  it('answers 400 with field paths for a bad range', async () => {
    const bad = await app.request('/api/v1/reports/platform?from=2026-11-31&to=2026-11-01', {
      headers: REPORTS,
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { details: { path: string }[] } };
    expect(body.error.details.map((d) => d.path)).toContain('from');
    const long = await app.request('/api/v1/reports/platform?from=2025-01-01&to=2026-11-01', {
      headers: REPORTS,
    });
    expect(long.status).toBe(400);
  });
});
