import type { Language } from '../../schemas/config';

export type Localized = Record<Language, string>;

/** The 0–10 recommendation scale (NPS). */
export const NPS_VALUES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;
/** The agreement scale of every statement: 1 (strongly disagree) … 5 (strongly agree). */
export const AGREEMENT_VALUES = ['1', '2', '3', '4', '5'] as const;
/** The "no opinion" option of every statement, stored as `na`; each set names it in its own words. */
export const NOT_APPLICABLE = 'na';

export type Question =
  | { id: string; kind: 'nps'; text: Localized; lowLabel: Localized; highLabel: Localized }
  | { id: string; kind: 'statement'; text: Localized; custom?: boolean }
  | { id: string; kind: 'comment'; text: Localized; hint: Localized; maxLength: number };

export interface AgreementScale {
  /** Labels of the values 1…5, in order. */
  labels: readonly [Localized, Localized, Localized, Localized, Localized];
  /** Label of `na`. */
  notApplicable: Localized;
  /**
   * Show each value 1…5 with a face beside its words (children's sets): a rendering option only, the
   * stored values are the same 1…5 and `na`.
   */
  pictures?: boolean;
}

export interface QuestionSet {
  id: string;
  /** Raised whenever the wording or the questions change; every stored answer names it. */
  version: number;
  /** Wording drafted to THL's themes, for the organization to verify against THL's texts before use. */
  draft?: boolean;
  /** The scale every statement (national and the organization's own) is answered on. */
  agreementScale: AgreementScale;
  questions: readonly Question[];
}

/** An organization's own statement, appended after the national statements. */
export interface CustomStatement {
  id: string;
  text: Localized;
}

export const MAX_CUSTOM_STATEMENTS = 10;
export const CUSTOM_STATEMENT_ID_PATTERN = /^[a-z][A-Za-z0-9_]{1,39}$/;
