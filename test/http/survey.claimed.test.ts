import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryLog } from '../../shared/adapters/local/memory';
import { hashSurveyToken } from '../../shared/domain/keys';
import { createApp } from '../../shared/http/app';
import { decodeVisitField, encodeVisitField, VISIT_FIELD } from '../../shared/http/survey/visitField';
import { messages } from '../../shared/i18n';
import type { ClaimedVisit } from '../../shared/services/survey';
import {
  BASE_URL,
  configure,
  createTestSystem,
  plantSurvey,
  setClock,
  storedAnswers,
  type TestSystem,
} from '../support/system';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const fi = messages('fi');

/** The hidden visit field of a link's form page (what a browser posts back). */
async function visitFieldOf(app: { request: (path: string) => Response | Promise<Response> }, token: string) {
  const html = await (await app.request(`/s/${token}`)).text();
  const match = new RegExp(`<input type="hidden" name="${VISIT_FIELD}" value="([A-Za-z0-9_-]+)"/>`).exec(
    html,
  );
  if (!match?.[1]) throw new Error('no visit field in the form');
  return match[1];
}

const claim = (field: string) => decodeVisitField(field) as ClaimedVisit;

describe('survey POST with the form’s visit field', () => {
  let system: TestSystem;
  /** The same pages over the same tables, counting reads of a link. */
  let app: ReturnType<typeof createApp>;
  let linkReads = 0;
  beforeAll(async () => {
    system = await createTestSystem();
    await configure(system);
    await configure(system, { unitId: 'unit-other' });
    await configure(system, { organizationId: 'org-other', unitId: 'unit-of-other' });
    await setClock(system, '2026-11-21T10:00:00+02:00');
    app = createApp({
      clock: system.clock,
      config: system.config,
      surveys: {
        ...system.surveys,
        getSurvey: (tokenHash) => {
          linkReads += 1;
          return system.surveys.getSurvey(tokenHash);
        },
      },
      aggregates: system.aggregates,
      comments: system.comments,
      log: new MemoryLog(),
      authenticate: async () => undefined,
      publicBaseUrl: BASE_URL,
    });
  });

  const post = (token: string, body: string) =>
    app.request(`/s/${token}?lang=fi`, { method: 'POST', headers: FORM, body });

  /** Posts `nps=7` with the link's own visit field changed by `change`; counts the link reads it took. */
  async function postClaim(token: string, change: (visit: ClaimedVisit) => ClaimedVisit = (v) => v) {
    const field = encodeVisitField(change(claim(await visitFieldOf(app, token))));
    linkReads = 0;
    const response = await post(token, `nps=7&${VISIT_FIELD}=${field}`);
    return { response, reads: linkReads };
  }

  it('puts each link’s own visit into the cached form', async () => {
    const a = await plantSurvey(system, { unitId: 'unit-a', serviceCode: 'T11', contactType: 'visit' });
    const b = await plantSurvey(system, { unitId: 'unit-b', serviceCode: 'T22', contactType: 'phone' });
    const c = await plantSurvey(system, { unitId: 'unit-c', serviceCode: undefined, language: 'sv' });
    for (const [token, unitId] of [
      [a, 'unit-a'],
      [b, 'unit-b'],
      [c, 'unit-c'],
      [a, 'unit-a'],
    ] as const) {
      const html = await (await app.request(`/s/${token}?lang=fi`)).text();
      expect(html).not.toContain('StandIn');
      expect(claim(await visitFieldOf(app, token)).unitId).toBe(unitId);
    }
    expect(claim(await visitFieldOf(app, b))).toEqual({
      organizationId: 'org-pohde',
      unitId: 'unit-b',
      visitDate: '2026-11-20',
      contactType: 'phone',
      serviceCode: 'T22',
      language: 'fi',
      questionSetId: 'thl-core-v1',
    });
    expect(claim(await visitFieldOf(app, c)).serviceCode).toBeUndefined();
  });

  it('stores the common answer without reading the link, and thanks with the link’s own token', async () => {
    const token = await plantSurvey(system, { unitId: 'unit-fast' });
    const { response, reads } = await postClaim(token);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(fi.thanks.title);
    expect(html).toContain(`/s/${token}/opt-out`);
    expect(html).not.toContain('StandIn');
    expect(reads).toBe(0);
    expect(await storedAnswers(system, 'unit-fast', '2026-11-20')).toMatchObject([
      { unitId: 'unit-fast', serviceCode: 'T11', questionSetId: 'thl-core-v1', answers: { nps: 7 } },
    ]);
    expect((await system.surveys.getSurvey(hashSurveyToken(token)))?.answeredAt).toBeDefined();
  });

  const tampered: [string, (v: ClaimedVisit) => ClaimedVisit, string, string][] = [
    ['unit', (v) => ({ ...v, unitId: 'unit-other' }), 'unit-other', '2026-11-20'],
    ['visit date', (v) => ({ ...v, visitDate: '2026-11-19' }), 'unit-tk-keskusta', '2026-11-19'],
    [
      'organization',
      (v) => ({ ...v, organizationId: 'org-other', unitId: 'unit-of-other' }),
      'unit-of-other',
      '2026-11-20',
    ],
  ];
  for (const [what, change, wrongUnit, wrongDate] of tampered) {
    it(`stores nothing under a changed ${what}: the answer goes to the link’s own visit`, async () => {
      const token = await plantSurvey(system);
      const before = (await storedAnswers(system)).length;
      const { response, reads } = await postClaim(token, change);
      expect(response.status).toBe(200);
      expect(reads).toBe(1);
      expect(await storedAnswers(system, wrongUnit, wrongDate)).toEqual([]);
      expect(await storedAnswers(system)).toHaveLength(before + 1);
    });
  }

  it('stores nothing under a changed question set, contact type, service or language', async () => {
    const changes: ((v: ClaimedVisit) => ClaimedVisit)[] = [
      (v) => ({ ...v, questionSetId: 'thl-national-v2' }),
      (v) => ({ ...v, contactType: 'phone' }),
      (v) => ({ ...v, serviceCode: 'T99' }),
      (v) => ({ ...v, serviceCode: undefined }),
      (v) => ({ ...v, language: 'en' }),
    ];
    for (const [i, change] of changes.entries()) {
      const unitId = `unit-tamper-${i}`;
      const token = await plantSurvey(system, { unitId });
      const { response, reads } = await postClaim(token, change);
      expect(response.status).toBe(200);
      expect(reads).toBe(1);
      expect(await storedAnswers(system, unitId, '2026-11-20')).toMatchObject([
        { questionSetId: 'thl-core-v1', contactType: 'visit', serviceCode: 'T11', language: 'fi' },
      ]);
    }
  });

  it('answers an expired link 410 expired and an answered one 410 answered, storing nothing', async () => {
    const expiredUnit = 'unit-claim-expired';
    // An expired link shows no form: its visit field is its open twin's (the same visit).
    const field = await visitFieldOf(app, await plantSurvey(system, { unitId: expiredUnit }));
    const expired = await plantSurvey(system, {
      unitId: expiredUnit,
      expiresAt: system.clock.now().toISOString(),
    });
    const gone = await post(expired, `nps=7&${VISIT_FIELD}=${field}`);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain(fi.expired.title);
    expect(await storedAnswers(system, expiredUnit, '2026-11-20')).toEqual([]);

    const answeredUnit = 'unit-claim-answered';
    const answered = await plantSurvey(system, { unitId: answeredUnit });
    const answeredField = await visitFieldOf(app, answered);
    expect((await post(answered, `nps=7&${VISIT_FIELD}=${answeredField}`)).status).toBe(200);
    const again = await post(answered, `nps=1&${VISIT_FIELD}=${answeredField}`);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain(fi.answered.title);
    expect(await storedAnswers(system, answeredUnit, '2026-11-20')).toHaveLength(1);
  });

  it('reads the link when the field is missing or malformed (pages from before it, odd clients)', async () => {
    for (const field of ['', `&${VISIT_FIELD}=`, `&${VISIT_FIELD}=not%20base64`, `&${VISIT_FIELD}=W10`]) {
      const unitId = `unit-no-field-${field.length}`;
      const token = await plantSurvey(system, { unitId });
      linkReads = 0;
      const response = await post(token, `nps=3${field}`);
      expect(response.status).toBe(200);
      expect(linkReads).toBe(1);
      expect(await storedAnswers(system, unitId, '2026-11-20')).toHaveLength(1);
    }
  });

  it('re-renders invalid answers with their messages and the visit field, storing nothing', async () => {
    const unitId = 'unit-claim-invalid';
    const token = await plantSurvey(system, { unitId });
    const field = await visitFieldOf(app, token);
    const response = await post(token, `nps=11&${VISIT_FIELD}=${field}`);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<fieldset class="q q-invalid" id="q-nps" aria-describedby="err-nps">');
    expect(html).toContain(`name="${VISIT_FIELD}" value="${field}"`);
    expect(await storedAnswers(system, unitId, '2026-11-20')).toEqual([]);
  });
});
