import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../shared/http/app';
import { bearerTokenAuthenticator } from '../../shared/http/auth';
import {
  ADMIN,
  completedEvent,
  configure,
  createTestSystem,
  plantSurvey,
  putJson,
  setClock,
  storedAnswers,
  type TestSystem,
  tokenFrom,
  unitBody,
} from '../support/system';

const JSON_BODY = { ...ADMIN, 'content-type': 'application/json' };
const MERGE_PATCH = { ...ADMIN, 'content-type': 'application/merge-patch+json' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

const PARKING = {
  id: 'parking',
  text: {
    fi: 'Pysäköinti sujui helposti.',
    sv: 'Det var lätt att parkera.',
    en: 'Parking was easy.',
  },
};

const ownSetBody = (organizationId = 'org-pohde', overrides: Record<string, unknown> = {}) => ({
  organizationId,
  extends: 'thl-national-v2',
  name: { fi: 'Pohteen kysymykset', sv: 'Pohdes frågor', en: "Pohde's questions" },
  statements: [PARKING],
  ...overrides,
});

const request = (system: TestSystem, path: string, init: RequestInit = {}) =>
  system.app.request(path, { ...init, headers: { ...ADMIN, ...(init.headers ?? {}) } });

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

describe('organizations’ own question sets over HTTP', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await createTestSystem();
    await configure(system);
    await configure(system, { organizationId: 'org-other', unitId: 'unit-other' });
  });

  it('creates, reads, lists, patches and keeps the history of an own set; each change raises version', async () => {
    const created = await putJson(system, '/api/v1/question-sets/pohde-oma', ownSetBody());
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(await created.json()).toMatchObject({ questionSetId: 'pohde-oma', version: 1 });

    const read = await request(system, '/api/v1/question-sets/pohde-oma');
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(await read.json()).toMatchObject({ organizationId: 'org-pohde', statements: [PARKING] });

    // A wording change raises the version.
    const reworded = await request(system, '/api/v1/question-sets/pohde-oma', {
      method: 'PATCH',
      headers: { ...MERGE_PATCH, 'if-match': '"1"' },
      body: JSON.stringify({
        statements: [{ ...PARKING, text: { ...PARKING.text, fi: 'Pysäköinti oli helppoa.' } }],
      }),
    });
    expect(reworded.status).toBe(200);
    expect(reworded.headers.get('etag')).toBe('"2"');
    expect(await reworded.json()).toMatchObject({ version: 2, name: ownSetBody().name });

    // A writer still holding version 1 is refused, and nothing changes.
    const stale = await request(system, '/api/v1/question-sets/pohde-oma', {
      method: 'PUT',
      headers: { ...JSON_BODY, 'if-match': '"1"' },
      body: JSON.stringify(ownSetBody('org-pohde', { statements: [] })),
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe('"2"');
    const after = (await (await request(system, '/api/v1/question-sets/pohde-oma')).json()) as {
      version: number;
      statements: unknown[];
    };
    expect(after.version).toBe(2);
    expect(after.statements).toHaveLength(1);

    const history = (await (await request(system, '/api/v1/question-sets/pohde-oma/history')).json()) as {
      entries: { version: number; changes: { path: string }[] }[];
    };
    expect(history.entries.map((e) => e.version)).toEqual([2, 1]);
    expect(history.entries[0]?.changes.map((c) => c.path)).toEqual(['statements']);

    const list = (await (await request(system, '/api/v1/question-sets')).json()) as {
      questionSets: { questionSetId: string; national?: boolean }[];
    };
    expect(list.questionSets.map((s) => [s.questionSetId, s.national ?? false])).toEqual([
      ['thl-national-v2', true],
      ['thl-core-v1', true],
      ['thl-relatives-v1', true],
      ['thl-children-v1', true],
      ['pohde-oma', false],
    ]);
  });

  it('refuses a set that is not valid, names a missing organization, or moves (400/409)', async () => {
    const badStatement = await putJson(
      system,
      '/api/v1/question-sets/pohde-bad',
      ownSetBody('org-pohde', { statements: [{ ...PARKING, id: 'helpInTime' }] }),
    );
    expect(badStatement.status).toBe(400);
    expect(((await badStatement.json()) as ErrorBody).error.details?.[0]?.path).toBe('statements.0.id');

    const reserved = await putJson(system, '/api/v1/question-sets/thl-mine', ownSetBody());
    expect(reserved.status).toBe(400);
    expect(((await reserved.json()) as ErrorBody).error.details?.[0]?.path).toBe('questionSetId');

    const noOrganization = await putJson(system, '/api/v1/question-sets/x-set', ownSetBody('org-missing'));
    expect(noOrganization.status).toBe(400);
    expect(((await noOrganization.json()) as ErrorBody).error.details?.[0]?.path).toBe('organizationId');

    await putJson(system, '/api/v1/question-sets/pohde-move', ownSetBody());
    const moved = await putJson(system, '/api/v1/question-sets/pohde-move', ownSetBody('org-other'));
    expect(moved.status).toBe(409);
  });

  it('answers the national sets read-only: GET gives the built-in set, PUT and PATCH are 400', async () => {
    const read = await request(system, '/api/v1/question-sets/thl-national-v2');
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    const national = (await read.json()) as { national: boolean; questions: { id: string }[] };
    expect(national.national).toBe(true);
    expect(national.questions.map((q) => q.id)).toContain('caredFor');

    const put = await putJson(system, '/api/v1/question-sets/thl-national-v2', ownSetBody());
    expect(put.status).toBe(400);
    expect(((await put.json()) as ErrorBody).error.message).toBe(
      'thl-national-v2 is a national question set and cannot be changed; create your own set that extends it',
    );
    const patched = await request(system, '/api/v1/question-sets/thl-core-v1', {
      method: 'PATCH',
      headers: MERGE_PATCH,
      body: JSON.stringify({ statements: [] }),
    });
    expect(patched.status).toBe(400);
    expect(await system.config.readVersioned('questionSet', 'thl-national-v2')).toBeUndefined();
    expect(await system.config.readVersioned('questionSet', 'thl-core-v1')).toBeUndefined();
    const history = await request(system, '/api/v1/question-sets/thl-core-v1/history');
    expect(await history.json()).toEqual({ entries: [] });
  });

  it('lets a unit or an organization name only a national set or an own set of the same organization', async () => {
    await putJson(system, '/api/v1/question-sets/other-oma', ownSetBody('org-other'));
    await putJson(system, '/api/v1/question-sets/pohde-ok', ownSetBody());

    for (const questionSetId of ['other-oma', 'no-such-set']) {
      const unit = await putJson(system, '/api/v1/units/unit-qs', unitBody('org-pohde', { questionSetId }));
      expect(unit.status, questionSetId).toBe(400);
      expect(((await unit.json()) as ErrorBody).error.details, questionSetId).toEqual([
        { path: 'rules.questionSetId', message: `no question set ${questionSetId}` },
      ]);
      const organization = await request(system, '/api/v1/organizations/org-pohde', {
        method: 'PATCH',
        headers: MERGE_PATCH,
        body: JSON.stringify({ defaults: { questionSetId } }),
      });
      expect(organization.status, questionSetId).toBe(400);
      expect(((await organization.json()) as ErrorBody).error.details?.[0]?.path).toBe(
        'defaults.questionSetId',
      );
    }
    expect(await system.config.getUnit('unit-qs')).toBeUndefined();

    const own = await putJson(
      system,
      '/api/v1/units/unit-qs',
      unitBody('org-pohde', { questionSetId: 'pohde-ok' }),
    );
    expect(own.status).toBe(201);
    const national = await putJson(
      system,
      '/api/v1/units/unit-qs',
      unitBody('org-pohde', { questionSetId: 'thl-core-v1' }),
    );
    expect(national.status).toBe(200);
  });

  describe('a token limited to one organization', () => {
    let app: ReturnType<typeof createApp>;
    const LIMITED = { Authorization: 'Bearer pohde-admin-token' };
    beforeAll(async () => {
      await putJson(system, '/api/v1/question-sets/other-secret', ownSetBody('org-other'));
      app = createApp({
        clock: system.clock,
        config: system.config,
        surveys: system.surveys,
        aggregates: system.aggregates,
        comments: system.comments,
        log: system.log,
        publicBaseUrl: 'https://palaute.example.fi',
        authenticate: bearerTokenAuthenticator([
          {
            id: 'pohde-admin',
            token: 'pohde-admin-token',
            scopes: ['admin', 'reports:read'],
            organizationId: 'org-pohde',
          },
        ]),
      });
    });

    it('sees the national sets and its own, never another organization’s (404 like a missing set)', async () => {
      const list = (await (await app.request('/api/v1/question-sets', { headers: LIMITED })).json()) as {
        questionSets: { questionSetId: string; organizationId?: string }[];
      };
      expect(list.questionSets.length).toBeGreaterThan(2);
      expect(
        list.questionSets.every((s) => s.organizationId === undefined || s.organizationId === 'org-pohde'),
      ).toBe(true);
      expect(list.questionSets.map((s) => s.questionSetId)).not.toContain('other-secret');

      const filtered = await app.request('/api/v1/question-sets?organizationId=org-other', {
        headers: LIMITED,
      });
      expect(filtered.status).toBe(404);

      const foreign = await app.request('/api/v1/question-sets/other-secret', { headers: LIMITED });
      const missing = await app.request('/api/v1/question-sets/no-such-set', { headers: LIMITED });
      expect(foreign.status).toBe(404);
      expect((await foreign.text()).replace('other-secret', 'ID')).toBe(
        (await missing.text()).replace('no-such-set', 'ID'),
      );

      const overwrite = await app.request('/api/v1/question-sets/other-secret', {
        method: 'PUT',
        headers: { ...LIMITED, 'content-type': 'application/json' },
        body: JSON.stringify(ownSetBody()),
      });
      expect(overwrite.status).toBe(404);
      expect((await system.config.readVersioned('questionSet', 'other-secret'))?.organizationId).toBe(
        'org-other',
      );

      // A new set naming the other organization reads like one naming a missing organization.
      const planted = await app.request('/api/v1/question-sets/planted', {
        method: 'PUT',
        headers: { ...LIMITED, 'content-type': 'application/json' },
        body: JSON.stringify(ownSetBody('org-other')),
      });
      expect(planted.status).toBe(400);
      expect(((await planted.json()) as ErrorBody).error.details).toEqual([
        { path: 'organizationId', message: 'no organization org-other; create it first' },
      ]);
      expect(await system.config.readVersioned('questionSet', 'planted')).toBeUndefined();
      expect(
        (await app.request('/api/v1/question-sets/other-secret/history', { headers: LIMITED })).status,
      ).toBe(404);
    });
  });
});

describe('a survey on an own question set', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await createTestSystem();
    await configure(system);
    expect((await putJson(system, '/api/v1/question-sets/pohde-oma', ownSetBody())).status).toBe(201);
    await configure(system, { unitId: 'unit-oma', rules: { questionSetId: 'pohde-oma' } });
  });

  async function sendOne(): Promise<string> {
    const sent = system.outbox.messages.length;
    await setClock(system, '2026-11-20T10:00:00+02:00');
    expect(await system.ingest(JSON.stringify(completedEvent({ unitId: 'unit-oma' })))).toEqual({
      status: 'decided',
      outcome: 'SCHEDULED',
    });
    await setClock(system, '2026-11-20T11:40:00+02:00');
    expect(system.outbox.messages).toHaveLength(sent + 1);
    return tokenFrom(system.outbox.messages.at(-1)?.body ?? '');
  }

  it('shows the national statements and the own one, and stores the answer with the own set’s id and version', async () => {
    const token = await sendOne();
    const html = await (await system.app.request(`/s/${token}`)).text();
    expect(html).toContain('name="caredFor"');
    expect(html).toContain('<legend>Pysäköinti sujui helposti.</legend>');
    expect(html.indexOf('id="q-parking"')).toBeGreaterThan(html.indexOf('id="q-useful"'));
    expect(html.indexOf('id="q-parking"')).toBeLessThan(html.indexOf('id="q-comment"'));

    const posted = await system.app.request(`/s/${token}`, {
      method: 'POST',
      headers: FORM,
      body: 'nps=9&caredFor=4&parking=2',
    });
    expect(posted.status).toBe(200);
    const [answer] = await storedAnswers(system, 'unit-oma', '2026-11-20');
    expect(answer).toMatchObject({
      questionSetId: 'pohde-oma',
      questionSetVersion: 1,
      answers: { nps: 9, caredFor: 4, parking: 2 },
    });
  });

  it('shows the new wording after a change, and the answer names the new version', async () => {
    const patched = await system.app.request('/api/v1/question-sets/pohde-oma', {
      method: 'PATCH',
      headers: MERGE_PATCH,
      body: JSON.stringify({
        statements: [{ ...PARKING, text: { ...PARKING.text, fi: 'Pysäköinti oli helppoa.' } }],
      }),
    });
    expect(patched.status).toBe(200);
    const token = await sendOne();
    const html = await (await system.app.request(`/s/${token}`)).text();
    expect(html).toContain('<legend>Pysäköinti oli helppoa.</legend>');
    await system.app.request(`/s/${token}`, { method: 'POST', headers: FORM, body: 'parking=5' });
    const answers = await storedAnswers(system, 'unit-oma', '2026-11-20');
    expect(answers.map((a) => a.questionSetVersion).sort()).toEqual([1, 2]);
  });

  it('never shows another organization’s set: a link naming one is unavailable (503) and stores nothing', async () => {
    await configure(system, { organizationId: 'org-other', unitId: 'unit-other' });
    expect((await putJson(system, '/api/v1/question-sets/other-oma', ownSetBody('org-other'))).status).toBe(
      201,
    );
    const token = await plantSurvey(system, { questionSetId: 'other-oma', unitId: 'unit-stray' });
    const shown = await system.app.request(`/s/${token}`);
    expect(shown.status).toBe(503);
    expect(await shown.text()).not.toContain('name="parking"');
    const posted = await system.app.request(`/s/${token}`, {
      method: 'POST',
      headers: FORM,
      body: 'parking=5',
    });
    expect(posted.status).toBe(503);
    expect(await storedAnswers(system, 'unit-stray', '2026-11-20')).toEqual([]);
  });
});
