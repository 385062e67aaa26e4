import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CORE_STATEMENT_IDS } from '../../shared/domain/aggregate';
import {
  findQuestionSet,
  isReservedQuestionId,
  type Localized,
  NATIONAL_QUESTION_SET_IDS,
  NATIONAL_QUESTION_SETS,
  nationalStatementText,
  parseAnswers,
  type QuestionSet,
  THL_CORE_V1,
  THL_NATIONAL_V2,
  withCustomStatements,
} from '../../shared/domain/questionSets';
import { CATALOGUE, formatDate, negotiateLanguage, requestedLanguage } from '../../shared/i18n';
import {
  customStatementsSchema,
  LANGUAGES,
  mergeRules,
  SYSTEM_DEFAULT_RULES,
} from '../../shared/schemas/config';

const localized = (fi: string, sv = `${fi} (sv)`, en = `${fi} (en)`): Localized => ({ fi, sv, en });

describe('thl-core-v1', () => {
  it('has an id, a version, and the questions of the design in order', () => {
    expect(findQuestionSet('thl-core-v1')).toBe(THL_CORE_V1);
    expect(findQuestionSet('toString')).toBeUndefined();
    expect(THL_CORE_V1.version).toBe(1);
    expect(THL_CORE_V1.questions.map((q) => `${q.id}:${q.kind}`)).toEqual([
      'nps:nps',
      'smooth:statement',
      'helpInTime:statement',
      'respect:statement',
      'safety:statement',
      'information:statement',
      'useful:statement',
      'comment:comment',
    ]);
  });

  it('has every text in Finnish, Swedish and English', () => {
    expectEveryTextInEveryLanguage(THL_CORE_V1);
  });
});

/** Every text of a set is non-empty in fi, sv and en, and the three differ (a translation exists). */
function expectEveryTextInEveryLanguage(set: QuestionSet) {
  const texts: Localized[] = [
    ...set.agreementScale.labels,
    set.agreementScale.notApplicable,
    ...set.questions.flatMap((q) => {
      if (q.kind === 'nps') return [q.text, q.lowLabel, q.highLabel];
      if (q.kind === 'comment') return [q.text, q.hint];
      return [q.text];
    }),
  ];
  for (const text of texts) {
    for (const language of LANGUAGES) expect(text[language].trim().length).toBeGreaterThan(0);
    expect(new Set(Object.values(text)).size).toBe(3);
  }
  const comment = set.questions.find((q) => q.kind === 'comment');
  expect(comment?.kind === 'comment' && comment.hint.fi).toMatch(/^Älä kirjoita tähän henkilötietoja/);
  expect(comment?.kind === 'comment' && comment.maxLength).toBe(2000);
}

describe('thl-national-v2', () => {
  it('has NPS as in thl-core-v1, the seven national statements of the design in order, then the comment', () => {
    expect(findQuestionSet('thl-national-v2')).toBe(THL_NATIONAL_V2);
    expect(THL_NATIONAL_V2.version).toBe(1);
    expect(THL_NATIONAL_V2.questions.map((q) => `${q.id}:${q.kind}`)).toEqual([
      'nps:nps',
      'helpInTime:statement',
      'caredFor:statement',
      'participation:statement',
      'safety:statement',
      'continuity:statement',
      'information:statement',
      'useful:statement',
      'comment:comment',
    ]);
    expect(THL_NATIONAL_V2.questions[0]).toEqual(THL_CORE_V1.questions[0]);
    expect(THL_NATIONAL_V2.questions.at(-1)).toEqual(THL_CORE_V1.questions.at(-1));
    const finnish = Object.fromEntries(THL_NATIONAL_V2.questions.map((q) => [q.id, q.text.fi]));
    expect(finnish).toMatchObject({
      helpInTime: 'Sain apua, kun sitä tarvitsin.',
      caredFor: 'Minulle jäi tunne, että minusta välitettiin kokonaisvaltaisesti.',
      participation: 'Hoitoani / asiaani koskevat päätökset tehtiin yhteistyössä kanssani.',
      safety: 'Koin oloni turvalliseksi hoidon / palvelun aikana.',
      continuity: 'Tiedän, miten hoitoni / palveluni jatkuu.',
      information: 'Saamani tieto hoidosta / palvelusta oli ymmärrettävää.',
      useful: 'Koin saamani hoidon / palvelun hyödylliseksi.',
    });
  });

  it('labels na "Ei koske minua" in every language, on the same 1–5 scale as thl-core-v1', () => {
    expect(THL_NATIONAL_V2.agreementScale.notApplicable).toEqual({
      fi: 'Ei koske minua',
      sv: 'Berör inte mig',
      en: 'Does not apply to me',
    });
    expect(THL_NATIONAL_V2.agreementScale.labels).toEqual(THL_CORE_V1.agreementScale.labels);
    expect(parseAnswers(THL_NATIONAL_V2, { caredFor: 'na', continuity: '5', smooth: '3' })).toEqual({
      ok: true,
      value: { answers: { caredFor: 'na', continuity: 5 } },
    });
  });

  it('has every text in Finnish, Swedish and English', () => {
    expectEveryTextInEveryLanguage(THL_NATIONAL_V2);
  });

  it('is the default for new organizations; a unit or organization that names thl-core-v1 keeps it', () => {
    expect(SYSTEM_DEFAULT_RULES.questionSetId).toBe('thl-national-v2');
    expect(mergeRules({}, {}).questionSetId).toBe('thl-national-v2');
    expect(mergeRules({}, { questionSetId: 'thl-core-v1' }).questionSetId).toBe('thl-core-v1');
    expect(mergeRules({ questionSetId: 'thl-core-v1' }, undefined).questionSetId).toBe('thl-core-v1');
  });
});

describe('the national sets together', () => {
  it('are listed newest first under ids that match their data', () => {
    expect(NATIONAL_QUESTION_SETS.map((set) => set.id)).toEqual([...NATIONAL_QUESTION_SET_IDS]);
    expect(NATIONAL_QUESTION_SET_IDS).toEqual(['thl-national-v2', 'thl-core-v1']);
  });

  it('reports carry the union of their statements: thl-national-v2 first, then ids only thl-core-v1 has', () => {
    expect(CORE_STATEMENT_IDS).toEqual([
      'helpInTime',
      'caredFor',
      'participation',
      'safety',
      'continuity',
      'information',
      'useful',
      'smooth',
      'respect',
    ]);
  });

  it('keep the id of a statement that means the same in both sets', () => {
    const ids = (set: QuestionSet) => set.questions.filter((q) => q.kind === 'statement').map((q) => q.id);
    const shared = ids(THL_NATIONAL_V2).filter((id) => ids(THL_CORE_V1).includes(id));
    expect(shared).toEqual(['helpInTime', 'safety', 'information', 'useful']);
  });

  it('label a statement with the newest wording that has it', () => {
    expect(nationalStatementText('safety')?.fi).toBe('Koin oloni turvalliseksi hoidon / palvelun aikana.');
    expect(nationalStatementText('smooth')?.fi).toBe('Asiointi oli sujuvaa.');
    expect(nationalStatementText('nps')).toBeUndefined();
    expect(nationalStatementText('parking')).toBeUndefined();
  });

  it('reserve every national id, so an organization statement cannot take one', () => {
    for (const id of ['caredFor', 'participation', 'continuity', 'smooth', 'respect'])
      expect(isReservedQuestionId(id), id).toBe(true);
  });
});

describe('parseAnswers', () => {
  it('accepts 0–10 for nps, 1–5 or na for statements, and a comment', () => {
    const result = parseAnswers(THL_CORE_V1, {
      nps: '0',
      smooth: '5',
      helpInTime: 'na',
      respect: ' 1 ',
      comment: '  Kiitos!  ',
    });
    expect(result).toEqual({
      ok: true,
      value: { answers: { nps: 0, smooth: 5, helpInTime: 'na', respect: 1 }, comment: 'Kiitos!' },
    });
    expect(parseAnswers(THL_CORE_V1, { nps: '10' })).toEqual({ ok: true, value: { answers: { nps: 10 } } });
  });

  it('rejects values out of range or of the wrong form', () => {
    for (const [id, value] of [
      ['nps', '11'],
      ['nps', '-1'],
      ['nps', 'na'],
      ['nps', '05'],
      ['nps', '1.0'],
      ['smooth', '0'],
      ['smooth', '6'],
      ['smooth', 'NA'],
      ['smooth', '3e0'],
    ] as const) {
      expect(parseAnswers(THL_CORE_V1, { [id]: value, useful: '3' })).toEqual({
        ok: false,
        errors: [{ questionId: id, problem: 'range' }],
      });
    }
  });

  it('wants at least one answer; blank fields and unknown fields do not count', () => {
    const empty = { ok: false, errors: [{ questionId: '*', problem: 'empty' }] };
    expect(parseAnswers(THL_CORE_V1, {})).toEqual(empty);
    expect(parseAnswers(THL_CORE_V1, { nps: '', comment: ' \r\n ', other: '5' })).toEqual(empty);
    expect(parseAnswers(THL_CORE_V1, JSON.parse('{"__proto__": "5", "constructor": "1"}'))).toEqual(empty);
    expect(parseAnswers(THL_CORE_V1, { comment: 'vain kommentti' })).toEqual({
      ok: true,
      value: { answers: {}, comment: 'vain kommentti' },
    });
  });

  it('counts the comment as the browser does: CRLF is one character, 2000 at most', () => {
    const ok = `${'a'.repeat(1000)}\r\n${'b'.repeat(999)}`;
    expect(parseAnswers(THL_CORE_V1, { comment: ok })).toEqual({
      ok: true,
      value: { answers: {}, comment: `${'a'.repeat(1000)}\n${'b'.repeat(999)}` },
    });
    expect(parseAnswers(THL_CORE_V1, { comment: 'x'.repeat(2001), nps: '5' })).toEqual({
      ok: false,
      errors: [{ questionId: 'comment', problem: 'tooLong' }],
    });
  });
});

describe("the organization's own statements", () => {
  const parking = { id: 'parking', text: localized('Pysäköinti oli helppoa.') };

  it('come after the core statements and before the free text, under the core id and version', () => {
    const set = withCustomStatements(THL_CORE_V1, [
      parking,
      { id: 'waitingRoom', text: localized('Odotustila oli siisti.') },
    ]);
    expect(set.id).toBe('thl-core-v1');
    expect(set.version).toBe(1);
    expect(set.questions.map((q) => q.id).slice(-4)).toEqual(['useful', 'parking', 'waitingRoom', 'comment']);
    expect(withCustomStatements(THL_CORE_V1, undefined)).toBe(THL_CORE_V1);
    expect(withCustomStatements(THL_CORE_V1, [{ id: 'nps', text: localized('x') }]).questions).toHaveLength(
      8,
    );
  });

  it('are answered on the same scale and stored under their own ids', () => {
    const set = withCustomStatements(THL_CORE_V1, [parking]);
    expect(parseAnswers(set, { parking: 'na', nps: '9' })).toEqual({
      ok: true,
      value: { answers: { parking: 'na', nps: 9 } },
    });
    expect(parseAnswers(set, { parking: '7' })).toEqual({
      ok: false,
      errors: [{ questionId: 'parking', problem: 'range' }],
    });
  });

  it('are validated in configuration: pattern, no clash with core ids, unique, at most 10, all languages', () => {
    expect(customStatementsSchema.safeParse([parking]).success).toBe(true);
    expect(isReservedQuestionId('nps')).toBe(true);
    expect(isReservedQuestionId('comment')).toBe(true);
    expect(isReservedQuestionId('parking')).toBe(false);
    for (const bad of [
      [{ ...parking, id: 'useful' }],
      [{ ...parking, id: 'lang' }],
      [{ ...parking, id: 'Parking' }],
      [{ ...parking, id: 'with space' }],
      [parking, parking],
      Array.from({ length: 11 }, (_, i) => ({ ...parking, id: `own${i}` })),
      [{ id: 'parking', text: { fi: 'Vain suomeksi' } }],
    ]) {
      expect(customStatementsSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('the text catalogue', () => {
  /** Every leaf of a catalogue as text: functions are called with sample arguments. */
  function leaves(value: unknown, path = ''): [string, string][] {
    if (typeof value === 'string') return [[path, value]];
    if (typeof value === 'function') return [[path, String(value('X', 'Y'))]];
    if (value && typeof value === 'object')
      return Object.entries(value).flatMap(([key, child]) => leaves(child, path ? `${path}.${key}` : key));
    return [[path, '']];
  }

  it('has the same, non-empty texts in fi, sv and en', () => {
    const byLanguage = LANGUAGES.map((language) => new Map(leaves(CATALOGUE[language])));
    const keys = [...(byLanguage[0]?.keys() ?? [])];
    expect(keys.length).toBeGreaterThan(60);
    for (const map of byLanguage) {
      expect([...map.keys()]).toEqual(keys);
      for (const [key, text] of map) expect(text.trim(), key).not.toBe('');
    }
    // Spot-check that the languages really differ.
    for (const key of [
      'form.heading',
      'thanks.title',
      'optOut.link',
      'accessibility.title',
      'errors.empty',
    ]) {
      expect(new Set(byLanguage.map((map) => map.get(key))).size, key).toBe(3);
    }
    expect(CATALOGUE.fi.optOut.link).toBe('Älä lähetä minulle enää kyselyitä');
    expect(CATALOGUE.fi.accessibility.title).toBe('Saavutettavuusseloste');
  });

  it('picks languages: ?lang= when served, Accept-Language by weight', () => {
    expect(requestedLanguage('sv')).toBe('sv');
    expect(requestedLanguage(' EN ')).toBe('en');
    expect(requestedLanguage('de')).toBeUndefined();
    expect(requestedLanguage(undefined)).toBeUndefined();
    expect(negotiateLanguage('de-DE,de;q=0.9,sv;q=0.5,en;q=0.7')).toBe('en');
    expect(negotiateLanguage('fi-FI')).toBe('fi');
    expect(negotiateLanguage('sv;q=0, de')).toBeUndefined();
    expect(negotiateLanguage(undefined)).toBeUndefined();
  });

  it('writes visit dates in the language', () => {
    expect(formatDate('fi', '2026-11-20')).toBe('20. marraskuuta 2026');
    expect(formatDate('sv', '2026-11-20')).toBe('20 november 2026');
    expect(formatDate('en', '2026-11-20')).toBe('20 November 2026');
  });

  it('is the only source of visible text in the page templates (no text literals in JSX)', () => {
    const root = join(import.meta.dirname, '../../shared/http');
    const files = [
      join(root, 'survey.tsx'),
      ...['survey', 'pages'].flatMap((dir) =>
        readdirSync(join(root, dir))
          .filter((f) => f.endsWith('.tsx'))
          .map((f) => join(root, dir, f)),
      ),
    ];
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const source = ts.createSourceFile(
        file,
        readFileSync(file, 'utf8'),
        ts.ScriptTarget.Latest,
        true,
        ts.ScriptKind.TSX,
      );
      const literals: string[] = [];
      const visit = (node: ts.Node) => {
        // Text written between tags, e.g. <p>Kiitos</p>.
        if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) literals.push(node.text.trim());
        // A string as a child or attribute expression, e.g. <p>{'Kiitos'}</p> or aria-label={'Kieli'}.
        if (ts.isJsxExpression(node) && node.expression) {
          const e = node.expression;
          if ((ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && /\p{L}/u.test(e.text))
            literals.push(e.text);
        }
        // Attributes people read: aria-label="…", title="…", alt="…", placeholder="…".
        if (
          ts.isJsxAttribute(node) &&
          /^(aria-label|title|alt|placeholder)$/.test(node.name.getText(source)) &&
          node.initializer &&
          ts.isStringLiteral(node.initializer)
        )
          literals.push(node.initializer.text);
        ts.forEachChild(node, visit);
      };
      visit(source);
      expect(literals, file).toEqual([]);
    }
  });
});
