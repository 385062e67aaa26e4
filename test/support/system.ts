import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { ensureTables } from '../../local/dynamo';
import { createLocalSystem, type LocalSystemOptions } from '../../local/system';
import { createDocumentClient } from '../../shared/adapters/dynamo/client';
import { keys, type TableNames } from '../../shared/adapters/dynamo/tables';
import { MemoryLog } from '../../shared/adapters/local/memory';
import { hashSurveyToken, newSurveyToken } from '../../shared/domain/keys';
import type { AnswerRecord, SurveyRecord } from '../../shared/schemas/records';

export const ADMIN = { Authorization: 'Bearer test-admin-token' };
export const REPORTS = { Authorization: 'Bearer test-reports-token' };
export const BASE_URL = 'https://palaute.example.fi';

/** Fresh tables in the shared DynamoDB Local: test files never see each other's data. */
export async function freshTables(): Promise<{
  db: ReturnType<typeof createDocumentClient>;
  tables: TableNames;
}> {
  const db = createDocumentClient(inject('dynamoEndpoint'));
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const tables = {
    config: `${prefix}-config`,
    visits: `${prefix}-visits`,
    surveys: `${prefix}-surveys`,
    aggregates: `${prefix}-aggregates`,
  };
  await ensureTables(db, tables);
  return { db, tables };
}

export async function createTestSystem(overrides: Partial<LocalSystemOptions> = {}) {
  const { db, tables } = await freshTables();
  const log = new MemoryLog();
  const system = createLocalSystem({
    db,
    tables,
    publicBaseUrl: BASE_URL,
    hmacKey: 'test-hmac-key-0123456789',
    adminToken: 'test-admin-token',
    reportsToken: 'test-reports-token',
    log,
    ...overrides,
  });
  return { ...system, db, tables, log };
}

export type TestSystem = Awaited<ReturnType<typeof createTestSystem>>;

export const organizationBody = (overrides: Record<string, unknown> = {}) => ({
  name: { fi: 'Pohde', sv: 'Pohde', en: 'Pohde' },
  smsSenderId: 'Pohde',
  smsTemplates: {
    fi: 'Hei! Kiitos asioinnistasi. Kerro kokemuksestasi, se vie minuutin: {link} -{orgName}',
    sv: 'Hej! Tack för besöket. Berätta hur det gick, det tar en minut: {link} -{orgName}',
    en: 'Hi! Thanks for your visit. Tell us how it went, it takes a minute: {link} -{orgName}',
  },
  ...overrides,
});

export const unitBody = (
  organizationId: string,
  rules: Record<string, unknown> = {},
  overrides: Record<string, unknown> = {},
) => ({
  organizationId,
  name: { fi: 'Keskustan terveysasema', sv: 'Centrums hälsostation', en: 'Central health centre' },
  enabled: true,
  rules: { timing: { mode: 'delay', delayMinutes: 120 }, ...rules },
  ...overrides,
});

export async function putJson(
  system: TestSystem,
  path: string,
  body: unknown,
  headers: Record<string, string> = ADMIN,
) {
  return system.app.request(path, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export async function configure(
  system: TestSystem,
  options: {
    organizationId?: string;
    unitId?: string;
    rules?: Record<string, unknown>;
    organization?: Record<string, unknown>;
    unit?: Record<string, unknown>;
  } = {},
) {
  const organizationId = options.organizationId ?? 'org-pohde';
  const unitId = options.unitId ?? 'unit-tk-keskusta';
  const org = await putJson(
    system,
    `/api/v1/organizations/${organizationId}`,
    organizationBody(options.organization),
  );
  if (org.status >= 300) throw new Error(`organization: ${org.status} ${await org.text()}`);
  const unit = await putJson(
    system,
    `/api/v1/units/${unitId}`,
    unitBody(organizationId, options.rules, options.unit),
  );
  if (unit.status >= 300) throw new Error(`unit: ${unit.status} ${await unit.text()}`);
  return { organizationId, unitId };
}

let appointmentCounter = 0;
export function completedEvent(
  overrides: Record<string, unknown> = {},
  client: Record<string, unknown> = {},
) {
  appointmentCounter += 1;
  return {
    version: '0',
    id: randomUUID(),
    source: 'fi.example.apotti',
    'detail-type': 'Appointment Completed',
    detail: {
      schemaVersion: 1,
      appointmentId: `A-${appointmentCounter}-${randomUUID().slice(0, 6)}`,
      organizationId: 'org-pohde',
      unitId: 'unit-tk-keskusta',
      serviceCode: 'T11',
      contactType: 'visit',
      completedAt: '2026-11-20T09:40:00+02:00',
      ...overrides,
      client: {
        personRef: `person-${randomUUID()}`,
        mobilePhone: '+358401234567',
        language: 'fi',
        age: 47,
        ...client,
      },
    },
  };
}

export function cancelledEvent(detail: { organizationId: string; appointmentId: string; unitId: string }) {
  return {
    version: '0',
    id: randomUUID(),
    source: 'fi.example.apotti',
    'detail-type': 'Appointment Cancelled',
    detail: { schemaVersion: 1, ...detail },
  };
}

export async function setClock(system: TestSystem, iso: string) {
  const response = await system.app.request('/local/clock', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ now: iso }),
  });
  return (await response.json()) as { now: string; fired: number };
}

export function tokenFrom(body: string): string {
  const match = /\/s\/([A-Za-z0-9_-]{22})/.exec(body);
  if (!match?.[1]) throw new Error(`no survey link in ${body}`);
  return match[1];
}

/** A sent survey link as the send service leaves it (token hash only), in any state a test needs. */
export async function plantSurvey(
  system: TestSystem,
  overrides: Partial<SurveyRecord> = {},
): Promise<string> {
  const token = newSurveyToken();
  const now = system.clock.now();
  await system.surveys.putSurvey({
    tokenHash: hashSurveyToken(token),
    organizationId: 'org-pohde',
    unitId: 'unit-tk-keskusta',
    visitDate: '2026-11-20',
    contactType: 'visit',
    serviceCode: 'T11',
    language: 'fi',
    questionSetId: 'thl-core-v1',
    phoneHmac: 'planted-phone-hmac',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 14 * 24 * 60 * 60 * 1000).toISOString(),
    ...overrides,
  });
  return token;
}

/** The anonymous answers stored for a unit and visit date. */
export async function storedAnswers(
  system: TestSystem,
  unitId = 'unit-tk-keskusta',
  visitDate = '2026-11-20',
): Promise<AnswerRecord[]> {
  const result = await system.db.send(
    new QueryCommand({
      TableName: system.tables.surveys,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.answers(unitId, visitDate) },
    }),
  );
  return (result.Items ?? []) as AnswerRecord[];
}
