import { beforeAll, describe, expect, it } from 'vitest';
import {
  completedEvent,
  configure,
  createTestSystem,
  setClock,
  storedAnswers,
  type TestSystem,
  tokenFrom,
} from '../support/system';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const NATIONAL_V2_STATEMENTS = [
  'helpInTime',
  'caredFor',
  'participation',
  'safety',
  'continuity',
  'information',
  'useful',
];

/** Sends one visit of the unit through ingest and the scheduler, and returns the link's token. */
async function surveyOf(system: TestSystem, unitId: string, language = 'fi'): Promise<string> {
  const sent = system.outbox.messages.length;
  await setClock(system, '2026-11-20T10:00:00+02:00');
  const event = completedEvent({ unitId }, { language });
  expect(await system.ingest(JSON.stringify(event))).toEqual({ status: 'decided', outcome: 'SCHEDULED' });
  await setClock(system, '2026-11-20T11:40:00+02:00');
  expect(system.outbox.messages).toHaveLength(sent + 1);
  return tokenFrom(system.outbox.messages.at(-1)?.body ?? '');
}

describe('the national question set thl-national-v2 over HTTP', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await createTestSystem();
    // Nothing names a question set: the system default applies.
    await configure(system, { unitId: 'unit-default' });
    await configure(system, { unitId: 'unit-core', rules: { questionSetId: 'thl-core-v1' } });
  });

  it('is what a new organization shows: NPS, the seven statements with "Ei koske minua", the comment', async () => {
    const token = await surveyOf(system, 'unit-default');
    const html = await (await system.app.request(`/s/${token}`)).text();
    expect(html.match(/<fieldset/g)).toHaveLength(8);
    const positions = ['nps', ...NATIONAL_V2_STATEMENTS, 'comment'].map((id) => html.indexOf(`id="q-${id}"`));
    expect(positions.every((index) => index > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const id of NATIONAL_V2_STATEMENTS) {
      expect(html.match(new RegExp(`name="${id}"`, 'g'))).toHaveLength(6);
      expect(html).toContain(`id="${id}-na" name="${id}" value="na"`);
    }
    expect(html).not.toContain('name="smooth"');
    expect(html).toContain(
      '<legend>Minulle jäi tunne, että minusta välitettiin kokonaisvaltaisesti.</legend>',
    );
    expect(html.match(/<span>Ei koske minua<\/span>/g)).toHaveLength(7);
    expect(html).not.toContain('En osaa sanoa');
    expect(await (await system.app.request(`/s/${token}?lang=sv`)).text()).toContain(
      '<span>Berör inte mig</span>',
    );
    expect(await (await system.app.request(`/s/${token}?lang=en`)).text()).toContain(
      '<span>Does not apply to me</span>',
    );

    const posted = await system.app.request(`/s/${token}`, {
      method: 'POST',
      headers: FORM,
      body: 'nps=8&caredFor=4&continuity=na&smooth=5',
    });
    expect(posted.status).toBe(200);
    const [answer] = await storedAnswers(system, 'unit-default', '2026-11-20');
    expect(answer?.questionSetId).toBe('thl-national-v2');
    expect(answer?.questionSetVersion).toBe(1);
    // `smooth` is not a question of this set: it is not stored.
    expect(answer?.answers).toEqual({ nps: 8, caredFor: 4, continuity: 'na' });
  });

  it('leaves a unit that names thl-core-v1 on it, and its answers name that set', async () => {
    const token = await surveyOf(system, 'unit-core', 'sv');
    const html = await (await system.app.request(`/s/${token}`)).text();
    expect(html).toContain('name="smooth"');
    expect(html).not.toContain('name="caredFor"');
    expect(html).toContain('<span>Kan inte säga</span>');
    const posted = await system.app.request(`/s/${token}`, {
      method: 'POST',
      headers: FORM,
      body: 'smooth=5',
    });
    expect(posted.status).toBe(200);
    const [answer] = await storedAnswers(system, 'unit-core', '2026-11-20');
    expect(answer).toMatchObject({
      questionSetId: 'thl-core-v1',
      questionSetVersion: 1,
      answers: { smooth: 5 },
    });
  });
});
