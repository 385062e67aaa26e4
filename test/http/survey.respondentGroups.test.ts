import { beforeAll, describe, expect, it } from 'vitest';
import { findQuestionSet, parseAnswers, THL_QUESTION_SETS } from '../../shared/domain/questionSets';
import { LANGUAGES } from '../../shared/schemas/config';
import { configure, createTestSystem, plantSurvey, storedAnswers, type TestSystem } from '../support/system';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('the respondent groups’ question sets', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await createTestSystem();
    await configure(system);
  });

  it('are THL sets, drafts for the organization to verify, with every text in fi, sv and en', () => {
    for (const id of ['thl-relatives-v1', 'thl-children-v1']) {
      const set = findQuestionSet(id);
      expect(set?.draft).toBe(true);
      for (const q of set?.questions ?? [])
        for (const lang of LANGUAGES) expect(q.text[lang].trim()).not.toBe('');
      for (const label of set?.agreementScale.labels ?? [])
        for (const lang of LANGUAGES) expect(label[lang]).not.toBe('');
    }
    // Their statements are their own: no id of a client's statement is reused.
    const clients = new Set(
      THL_QUESTION_SETS.filter((s) => !s.draft).flatMap((s) =>
        s.questions.filter((q) => q.kind === 'statement').map((q) => q.id),
      ),
    );
    for (const set of THL_QUESTION_SETS.filter((s) => s.draft))
      for (const q of set.questions) if (q.kind === 'statement') expect(clients.has(q.id)).toBe(false);
  });

  it('the children’s form shows a face beside the words of every value, and stores 1–5 as any set', async () => {
    const token = await plantSurvey(system, { questionSetId: 'thl-children-v1' });
    const html = await (await system.app.request(`/s/${token}`)).text();
    expect(html.match(/<fieldset/g)).toHaveLength(5);
    expect(html).not.toContain('name="nps"');
    expect(html.match(/<svg class="face"[^>]*aria-hidden="true"/g)).toHaveLength(25);
    expect(html).toContain('Täysin totta');
    expect(html).toContain('<legend>Minua kuunneltiin.</legend>');
    const sv = await (await system.app.request(`/s/${token}?lang=sv`)).text();
    expect(sv).toContain('Helt sant');
    const before = (await storedAnswers(system)).length;
    const post = await system.app.request(`/s/${token}`, {
      method: 'POST',
      headers: FORM,
      body: 'childKind=5&childHeard=4&childSafe=na',
    });
    expect(post.status).toBe(200);
    const stored = await storedAnswers(system);
    expect(stored).toHaveLength(before + 1);
    expect(stored.at(-1)?.answers).toEqual({ childKind: 5, childHeard: 4, childSafe: 'na' });
  });

  it('the relatives’ form is the agreement scale without faces, with its own 0–10 question', async () => {
    const token = await plantSurvey(system, { questionSetId: 'thl-relatives-v1' });
    const html = await (await system.app.request(`/s/${token}?lang=en`)).text();
    expect(html).toContain('whose close one needs a similar service');
    expect(html).not.toContain('class="face"');
    expect(html.match(/<fieldset/g)).toHaveLength(7);
  });

  it('validates a child’s answer like any other: out of range is an error', () => {
    const set = findQuestionSet('thl-children-v1');
    if (!set) throw new Error('missing');
    expect(parseAnswers(set, { childKind: '6' })).toEqual({
      ok: false,
      errors: [{ questionId: 'childKind', problem: 'range' }],
    });
  });
});
