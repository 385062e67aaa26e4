import { beforeEach, describe, expect, it } from 'vitest';
import { encodeVisitField, VISIT_FIELD } from '../../shared/http/survey/visitField';
import {
  ADMIN,
  configure,
  createTestSystem,
  plantSurvey,
  storedAnswers,
  type TestSystem,
} from '../support/system';

const UNIT = '/api/v1/units/unit-tk-keskusta';

/** Posts an answer; with `visitField`, as the form posts it (stored without reading the link first). */
const answer = (system: TestSystem, token: string, nps: number, visitField?: string) =>
  system.app.request(`/s/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `nps=${nps}&comment=Rinnakkain${visitField ? `&${VISIT_FIELD}=${visitField}` : ''}`,
  });

/** The visit field of `plantSurvey`'s default link. */
const PLANTED_VISIT = encodeVisitField({
  organizationId: 'org-pohde',
  unitId: 'unit-tk-keskusta',
  visitDate: '2026-11-20',
  contactType: 'visit',
  serviceCode: 'T11',
  language: 'fi',
  questionSetId: 'thl-core-v1',
});

describe('answers in parallel', () => {
  let system: TestSystem;
  beforeEach(async () => {
    system = await createTestSystem();
    await configure(system);
    system.clock.set(new Date('2026-11-21T10:00:00+02:00'));
  });

  it('stores all of 200 parallel answers on distinct links', async () => {
    const tokens = await Promise.all(Array.from({ length: 200 }, () => plantSurvey(system)));
    const responses = await Promise.all(tokens.map((token, i) => answer(system, token, i % 11)));
    expect(responses.map((r) => r.status)).toEqual(tokens.map(() => 200));
    const stored = await storedAnswers(system);
    expect(stored).toHaveLength(200);
    expect(new Set(stored.map((a) => a.answerId)).size).toBe(200);
  });

  it('stores exactly one of 50 parallel answers on one link; the rest see it answered', async () => {
    const token = await plantSurvey(system);
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => answer(system, token, i % 11)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 410)).toHaveLength(49);
    expect(await storedAnswers(system)).toHaveLength(1);
  });

  it('stores exactly one of 50 parallel answers posted with the form’s visit field', async () => {
    const token = await plantSurvey(system);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => answer(system, token, i % 11, PLANTED_VISIT)),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 410)).toHaveLength(49);
    expect(await storedAnswers(system)).toHaveLength(1);
  });
});

interface History {
  entries: { version: number; changes: { path: string; to: unknown }[] }[];
  nextCursor?: string;
}

describe('configuration writes in parallel with If-Match', () => {
  let system: TestSystem;
  beforeEach(async () => {
    system = await createTestSystem();
    await configure(system);
  });

  /**
   * A client that reads the unit, changes its own value and writes it back with the version it read,
   * up to `tries` times; returns what the server answered to each write.
   */
  async function client(
    id: number,
    method: 'PUT' | 'PATCH',
    tries: number,
  ): Promise<{ status: number; etag: string | null; quota: number }[]> {
    const writes = [];
    for (let attempt = 0; attempt < tries; attempt++) {
      const read = await system.app.request(UNIT, { headers: ADMIN });
      const etag = read.headers.get('etag') ?? '';
      const unit = (await read.json()) as Record<string, unknown> & { rules: Record<string, unknown> };
      const quota = 1000 * (id + 1) + attempt;
      const body =
        method === 'PATCH'
          ? { rules: { dailyQuota: quota } }
          : {
              organizationId: unit.organizationId,
              name: unit.name,
              enabled: unit.enabled,
              rules: { ...unit.rules, dailyQuota: quota },
            };
      const response = await system.app.request(UNIT, {
        method,
        headers: {
          ...ADMIN,
          'If-Match': etag,
          'content-type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json',
        },
        body: JSON.stringify(body),
      });
      writes.push({ status: response.status, etag: response.headers.get('etag'), quota });
      if (response.status === 200) break;
    }
    return writes;
  }

  async function fullHistory(): Promise<History['entries']> {
    const entries: History['entries'] = [];
    let cursor: string | undefined;
    do {
      const page = (await (
        await system.app.request(`${UNIT}/history?limit=100${cursor ? `&cursor=${cursor}` : ''}`, {
          headers: ADMIN,
        })
      ).json()) as History;
      entries.push(...page.entries);
      cursor = page.nextCursor;
    } while (cursor);
    return entries;
  }

  it.each(['PUT', 'PATCH'] as const)(
    'never loses an accepted %s among 12 parallel clients: the rest get 412',
    async (method) => {
      const writes = (await Promise.all(Array.from({ length: 12 }, (_, id) => client(id, method, 4)))).flat();
      const accepted = writes.filter((w) => w.status === 200);
      const refused = writes.filter((w) => w.status === 412);
      expect(accepted.length + refused.length).toBe(writes.length);
      expect(accepted.length).toBeGreaterThan(0);
      expect(refused.length).toBeGreaterThan(0);

      // Each accepted write got its own version, and each is in the history with its value.
      const versions = accepted.map((w) => Number(w.etag?.replaceAll('"', '')));
      expect(new Set(versions).size).toBe(accepted.length);
      const history = await fullHistory();
      expect(history.map((e) => e.version).sort((a, b) => a - b)).toEqual(
        Array.from({ length: accepted.length + 1 }, (_, i) => i + 1),
      );
      for (const write of accepted) {
        const version = Number(write.etag?.replaceAll('"', ''));
        const entry = history.find((e) => e.version === version);
        expect(entry?.changes).toContainEqual(
          expect.objectContaining({ path: 'rules.dailyQuota', to: write.quota }),
        );
      }
      // The final version counts the creation and every accepted write.
      const final = (await (await system.app.request(UNIT, { headers: ADMIN })).json()) as {
        version: number;
        rules: { dailyQuota: number };
      };
      expect(final.version).toBe(1 + accepted.length);
      expect(final.rules.dailyQuota).toBe(
        accepted.find((w) => w.etag === `"${final.version}"`)?.quota ?? Number.NaN,
      );
    },
  );
});
