import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isReservedQuestionId,
  type Localized,
  NATIONAL_QUESTION_SET_IDS,
  nationalQuestionSet,
  parseAnswers,
} from '../../shared/domain/questionSets';
import type { Question } from '../../shared/domain/questionSets/model';
import { ownQuestionSet } from '../../shared/domain/questionSets/ownSets';
import { type OwnQuestionSet, ownQuestionSetSchema } from '../../shared/schemas/questionSets';

/** An organization's own statement, as the builder marks it. */
const isOwn = (q: Question) => q.kind === 'statement' && q.custom === true;

const localized = (fi: string): Localized => ({ fi, sv: `${fi} (sv)`, en: `${fi} (en)` });

const valid: OwnQuestionSet = {
  organizationId: 'org-pohde',
  questionSetId: 'pohde-neuvola',
  extends: 'thl-national-v2',
  name: localized('Neuvolan kysely'),
  statements: [
    { id: 'parking', text: localized('Pysäköinti oli helppoa.') },
    { id: 'waitingRoom', text: localized('Odotustila oli siisti.') },
  ],
};

/** The paths zod reports for a body, so each case shows which field was refused. */
const issuePaths = (body: unknown) => {
  const result = ownQuestionSetSchema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('the schema of an own question set', () => {
  it('accepts a set that extends either national set, with 0–10 own statements', () => {
    expect(ownQuestionSetSchema.parse(valid)).toEqual(valid);
    expect(ownQuestionSetSchema.safeParse({ ...valid, extends: 'thl-core-v1' }).success).toBe(true);
    expect(ownQuestionSetSchema.safeParse({ ...valid, statements: [] }).success).toBe(true);
    const ten = Array.from({ length: 10 }, (_, i) => ({ id: `own${i}`, text: localized(`Väite ${i}`) }));
    expect(ownQuestionSetSchema.safeParse({ ...valid, statements: ten }).success).toBe(true);
  });

  it('refuses own statement ids that clash with any national id or a reserved name', () => {
    for (const id of [
      'helpInTime',
      'caredFor',
      'continuity',
      'smooth',
      'respect',
      'nps',
      'comment',
      'lang',
      'na',
    ]) {
      expect(isReservedQuestionId(id), id).toBe(true);
      const statements = [{ id, text: localized('Väite') }];
      expect(issuePaths({ ...valid, statements }), id).toEqual(['statements.0.id']);
    }
    // A clash with thl-core-v1's ids matters in a set that extends thl-national-v2 too: report
    // columns are by id across every set.
    expect(issuePaths({ ...valid, statements: [{ id: 'respect', text: localized('x') }] })).toEqual([
      'statements.0.id',
    ]);
  });

  it('refuses more than 10 statements, duplicates, bad ids and missing languages', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => ({ id: `own${i}`, text: localized(`Väite ${i}`) }));
    expect(issuePaths({ ...valid, statements: eleven })).toEqual(['statements']);
    const parking = valid.statements[0];
    expect(issuePaths({ ...valid, statements: [parking, parking] })).toEqual(['statements']);
    expect(issuePaths({ ...valid, statements: [{ ...parking, id: 'Parking' }] })).toEqual([
      'statements.0.id',
    ]);
    expect(issuePaths({ ...valid, statements: [{ id: 'parking', text: { fi: 'Vain suomeksi' } }] })).toEqual([
      'statements.0.text.sv',
      'statements.0.text.en',
    ]);
    expect(issuePaths({ ...valid, name: { fi: 'Nimi', sv: 'Namn' } })).toEqual(['name.en']);
  });

  it('extends only a national set, and never takes a national id for itself', () => {
    expect(issuePaths({ ...valid, extends: 'pohde-muu' })).toEqual(['extends']);
    expect(issuePaths({ ...valid, extends: undefined })).toEqual(['extends']);
    for (const questionSetId of ['thl-national-v2', 'thl-core-v1', 'THL-oma', 'thl-national-v3'])
      expect(issuePaths({ ...valid, questionSetId }), questionSetId).toEqual(['questionSetId']);
    expect(issuePaths({ ...valid, questionSetId: 'with space' })).toEqual(['questionSetId']);
  });

  it('has no way to remove or reword a national statement: other fields are refused', () => {
    const reworded = { ...valid, questions: [{ id: 'safety', text: localized('Muutettu') }] };
    expect(issuePaths(reworded)).toEqual(['']);
    expect(ownQuestionSetSchema.safeParse(reworded).error?.issues[0]?.code).toBe('unrecognized_keys');
  });
});

describe('the question set a survey of an own set shows', () => {
  it('is the national set with the own statements after its statements, under the own id and version', () => {
    const set = ownQuestionSet({ ...valid, version: 3 });
    expect(set.id).toBe('pohde-neuvola');
    expect(set.version).toBe(3);
    expect(set.agreementScale).toBe(nationalQuestionSet('thl-national-v2').agreementScale);
    expect(set.questions.map((q) => q.id)).toEqual([
      'nps',
      'helpInTime',
      'caredFor',
      'participation',
      'safety',
      'continuity',
      'information',
      'useful',
      'parking',
      'waitingRoom',
      'comment',
    ]);
    expect(set.questions.find((q) => q.id === 'parking')).toEqual({
      id: 'parking',
      kind: 'statement',
      text: valid.statements[0]?.text,
      custom: true,
    });
    expect(parseAnswers(set, { parking: 'na', caredFor: '4' })).toEqual({
      ok: true,
      value: { answers: { parking: 'na', caredFor: 4 } },
    });
  });

  it('extends thl-core-v1 the same way', () => {
    const set = ownQuestionSet({ ...valid, extends: 'thl-core-v1', version: 1 });
    expect(set.questions.map((q) => q.id).slice(-4)).toEqual(['useful', 'parking', 'waitingRoom', 'comment']);
    expect(set.questions[1]?.id).toBe('smooth');
  });

  it('always keeps every national question, unchanged and in order (property)', () => {
    const statementId = fc.oneof(
      fc.stringMatching(/^[a-z][A-Za-z0-9_]{1,12}$/),
      fc.constantFrom('nps', 'comment', 'safety', 'caredFor', 'smooth', 'na', 'lang', 'X', ''),
    );
    const text = fc.record({ fi: fc.string(), sv: fc.string(), en: fc.string() });
    fc.assert(
      fc.property(
        fc.constantFrom(...NATIONAL_QUESTION_SET_IDS),
        fc.array(fc.record({ id: statementId, text }), { maxLength: 14 }),
        fc.nat(1000),
        (base, statements, version) => {
          const national = nationalQuestionSet(base);
          const set = ownQuestionSet({ ...valid, extends: base, statements, version });
          const nationalIds = new Set(national.questions.map((q) => q.id));
          // The national questions, as objects, in the national order.
          expect(set.questions.filter((q) => !isOwn(q))).toEqual(national.questions);
          for (const q of national.questions) expect(set.questions).toContain(q);
          // Own statements never replace a national one, come after every national statement, and
          // the free text stays last.
          const own = set.questions.filter(isOwn);
          for (const q of own) expect(nationalIds.has(q.id)).toBe(false);
          expect(own.length).toBeLessThanOrEqual(10);
          expect(set.questions.at(-1)?.kind).toBe('comment');
          const lastNational = set.questions.findLastIndex((q) => !isOwn(q) && q.kind === 'statement');
          const firstOwn = set.questions.findIndex(isOwn);
          if (firstOwn !== -1) expect(firstOwn).toBeGreaterThan(lastNational);
          expect(new Set(set.questions.map((q) => q.id)).size).toBe(set.questions.length);
          expect(set.id).toBe(valid.questionSetId);
          expect(set.version).toBe(version);
        },
      ),
    );
  });

  it('keeps every valid own statement, in the order given (property)', () => {
    const ids = fc.uniqueArray(fc.stringMatching(/^[a-z][A-Za-z0-9_]{1,12}$/), { maxLength: 10 });
    fc.assert(
      fc.property(ids, (candidateIds) => {
        const statements = candidateIds
          .filter((id) => !isReservedQuestionId(id))
          .map((id) => ({ id, text: localized(`Väite ${id}`) }));
        const body = { ...valid, statements };
        expect(ownQuestionSetSchema.safeParse(body).success).toBe(true);
        const set = ownQuestionSet({ ...body, version: 1 });
        expect(set.questions.filter(isOwn).map((q) => q.id)).toEqual(statements.map((s) => s.id));
      }),
    );
  });
});
