/**
 * The arithmetic of the nightly figures: the raw counts of a cell, how records add to them, and the
 * statistics derived from them (funnel, NPS, statement statistics). Pure: no I/O, no clock. Small-number
 * protection is in ./aggregateSuppression, what a report shows in ./aggregatePublication, which dates a
 * night recomputes in ./aggregateDates. See docs/reports.md.
 */
import {
  type Channel,
  DECISION_OUTCOMES,
  type DecisionOutcome,
  type DispatchState,
  FINAL_DISPATCH_STATES,
} from '../schemas/records';
import { AGREEMENT_VALUES, NATIONAL_QUESTION_SETS, NOT_APPLICABLE } from './questionSets';

/** `unitId` of the organization-level cells and report rows. Unit ids cannot contain `*`. */
export const ORGANIZATION_ROW = '*';

/**
 * The row of an area in an organization-month table and in the aggregates' sort keys: `A:{areaId}`.
 * Unit ids are configuration ids (letters, digits, `.`, `_`, `-`), so no unit's row contains `:`.
 */
export const areaRow = (areaId: string) => `A:${areaId}`;

/** The table row of a cell: its area's row for an area cell (`unitId` `*` and `areaId` set), else its unitId. */
export const rowOf = (cell: { unitId: string; areaId?: string }) =>
  cell.areaId !== undefined ? areaRow(cell.areaId) : cell.unitId;

/** The organization-only part of a cell: visits of units that do not exist (`UNKNOWN_UNIT`). */
export function unknownUnitCounts(visits: number): CellCounts {
  const counts = emptyCounts();
  counts.funnel.received = visits;
  counts.funnel.decisions.UNKNOWN_UNIT = visits;
  return counts;
}

/**
 * The national statements: reports always carry these, in this order, then custom ones (sorted). The
 * union of the national sets, newest set first (`thl-national-v2`, then the ids only `thl-core-v1`
 * has), so a statement shared by two sets is one column and compares across them.
 */
export const CORE_STATEMENT_IDS: readonly string[] = [
  ...new Set(
    NATIONAL_QUESTION_SETS.flatMap((set) =>
      set.questions.filter((q) => q.kind === 'statement').map((q) => q.id),
    ),
  ),
];
export const NPS_QUESTION_ID = 'nps';

export const DISTRIBUTION_KEYS = [...AGREEMENT_VALUES, NOT_APPLICABLE] as const;
export type DistributionKey = (typeof DISTRIBUTION_KEYS)[number];
export type Distribution = Record<DistributionKey, number>;

/** What a custom statement id may look like to be counted (it becomes a JSON key and a CSV column). */
const QUESTION_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export interface Funnel {
  /** Distinct visits: one decision record each. */
  received: number;
  decisions: Record<DecisionOutcome, number>;
  sent: number;
  failed: number;
  cancelled: number;
  expired: number;
  optedOut: number;
  /** Dispatches whose send attempt died after its claim: the provider may or may not have sent. */
  unknown: number;
}

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

/**
 * The raw counts of one cell (a unit or the organization, a day or a month). Everything published is
 * derived from these, and roll-ups add them up: no average is ever averaged.
 */
export interface CellCounts {
  funnel: Funnel;
  /** Stored answers (one per answered survey). */
  responses: number;
  /**
   * The answers that came by SMS: the response rate's numerator (answers of other channels were
   * never sent). Cells stored before channels existed lack it: all their answers came by SMS.
   */
  smsResponses: number;
  npsCounts: NpsCounts;
  /**
   * How many gave each NPS score, index 0–10 (the national export's `nps_0 … nps_10`). Cells stored
   * before it existed lack it.
   */
  npsScores?: number[];
  /** Statement id → distribution of the values given; n and mean derive from it exactly. */
  questions: Record<string, Distribution>;
}

const DISPATCH_FIELD: Partial<Record<DispatchState, keyof Omit<Funnel, 'received' | 'decisions'>>> = {
  SENT: 'sent',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
  EXPIRED: 'expired',
  OPTED_OUT: 'optedOut',
  UNKNOWN: 'unknown',
};

export function emptyDistribution(): Distribution {
  return { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, na: 0 };
}

export function emptyCounts(): CellCounts {
  return {
    funnel: {
      received: 0,
      decisions: Object.fromEntries(DECISION_OUTCOMES.map((o) => [o, 0])) as Record<DecisionOutcome, number>,
      sent: 0,
      failed: 0,
      cancelled: 0,
      expired: 0,
      optedOut: 0,
      unknown: 0,
    },
    responses: 0,
    smsResponses: 0,
    npsCounts: { promoters: 0, passives: 0, detractors: 0 },
    npsScores: emptyNpsScores(),
    questions: {},
  };
}

export const emptyNpsScores = () => Array.from({ length: 11 }, () => 0);

export function isEmptyCounts(counts: CellCounts): boolean {
  return counts.funnel.received === 0 && counts.responses === 0 && totalDispatches(counts.funnel) === 0;
}

const totalDispatches = (f: Funnel) => f.sent + f.failed + f.cancelled + f.expired + f.optedOut + f.unknown;

/** Adds one decision record (one visit). Mutates: the nightly fold adds page by page. */
export function countDecision(counts: CellCounts, outcome: string | undefined): void {
  if (!(DECISION_OUTCOMES as readonly string[]).includes(outcome ?? '')) return;
  counts.funnel.received += 1;
  counts.funnel.decisions[outcome as DecisionOutcome] += 1;
}

/** Adds one dispatch by its state; PENDING and SENDING are still under way and count nowhere yet. */
export function countDispatch(counts: CellCounts, state: string | undefined): void {
  if (!(FINAL_DISPATCH_STATES as readonly string[]).includes(state ?? '')) return;
  const field = DISPATCH_FIELD[state as DispatchState];
  if (field) counts.funnel[field] += 1;
}

/** The NPS group of a 0–10 score, or undefined for anything else. */
export function npsGroup(score: unknown): keyof NpsCounts | undefined {
  if (typeof score !== 'number' || !Number.isInteger(score) || score < 0 || score > 10) return undefined;
  if (score >= 9) return 'promoters';
  if (score >= 7) return 'passives';
  return 'detractors';
}

function statementKey(value: unknown): DistributionKey | undefined {
  if (value === 'na') return 'na';
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5)
    return String(value) as DistributionKey;
  return undefined;
}

/**
 * Adds one stored answer. `nps` must be an integer 0–10; every other key whose value is 1–5 or `na`
 * is a statement (the national ones and any custom ones). Anything else is not counted. `channel`
 * is the answer's channel (stored answers without one came by SMS).
 */
export function countAnswer(
  counts: CellCounts,
  answers: Record<string, unknown> | undefined,
  channel: Channel = 'sms',
): void {
  counts.responses += 1;
  if (channel === 'sms') counts.smsResponses += 1;
  for (const [id, value] of Object.entries(answers ?? {})) {
    if (id === NPS_QUESTION_ID) {
      const group = npsGroup(value);
      if (group) {
        counts.npsCounts[group] += 1;
        counts.npsScores ??= emptyNpsScores();
        counts.npsScores[value as number] = (counts.npsScores[value as number] ?? 0) + 1;
      }
      continue;
    }
    if (id === 'comment' || !QUESTION_ID.test(id)) continue;
    const key = statementKey(value);
    if (!key) continue;
    let distribution = counts.questions[id];
    if (!distribution) {
      distribution = emptyDistribution();
      counts.questions[id] = distribution;
    }
    distribution[key] += 1;
  }
}

/** target += source (mutates target). */
export function addCounts(target: CellCounts, source: CellCounts): CellCounts {
  const t = target.funnel;
  const s = source.funnel;
  t.received += s.received;
  for (const outcome of DECISION_OUTCOMES) t.decisions[outcome] += s.decisions[outcome] ?? 0;
  t.sent += s.sent;
  t.failed += s.failed;
  t.cancelled += s.cancelled;
  t.expired += s.expired;
  t.optedOut += s.optedOut;
  // Cells stored before `unknown` existed have none.
  t.unknown += s.unknown ?? 0;
  // Cells stored before channels existed: every answer came by SMS.
  target.smsResponses = (target.smsResponses ?? target.responses) + (source.smsResponses ?? source.responses);
  target.responses += source.responses;
  if (source.npsScores) {
    const scores = target.npsScores ?? emptyNpsScores();
    source.npsScores.forEach((count, score) => {
      scores[score] = (scores[score] ?? 0) + count;
    });
    target.npsScores = scores;
  }
  target.npsCounts.promoters += source.npsCounts.promoters;
  target.npsCounts.passives += source.npsCounts.passives;
  target.npsCounts.detractors += source.npsCounts.detractors;
  for (const [id, distribution] of Object.entries(source.questions)) {
    const into = target.questions[id] ?? emptyDistribution();
    for (const key of DISTRIBUTION_KEYS) into[key] += distribution[key] ?? 0;
    target.questions[id] = into;
  }
  return target;
}

export function sumCounts(cells: Iterable<CellCounts>): CellCounts {
  const total = emptyCounts();
  for (const cell of cells) addCounts(total, cell);
  return total;
}

/**
 * `numerator / denominator` rounded to `decimals` places, exactly (integer arithmetic, no binary
 * floating-point surprises), with a half rounded away from zero: 12.5 → 13, −12.5 → −13.
 * Both arguments must be integers and the denominator positive.
 */
export function roundRatio(numerator: number, denominator: number, decimals = 0): number {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || denominator <= 0) {
    throw new RangeError('roundRatio needs integers and a positive denominator');
  }
  const scale = 10 ** decimals;
  const magnitude = Math.abs(numerator) * scale;
  const rounded = Math.floor((2 * magnitude + denominator) / (2 * denominator));
  if (rounded === 0) return 0;
  return (numerator < 0 ? -rounded : rounded) / scale;
}

/**
 * NPS = %promoters − %detractors of those who gave a score, the exact difference rounded once to an
 * integer, half away from zero (−12.5 → −13). Null when nobody gave a score.
 */
export function npsScore(counts: NpsCounts): number | null {
  const n = counts.promoters + counts.passives + counts.detractors;
  if (n === 0) return null;
  return roundRatio(100 * (counts.promoters - counts.detractors), n);
}

export interface StatementStats {
  /** Answers 1–5 (`na` not included). */
  n: number;
  /** Mean of the 1–5 answers, two decimals (half up); null when n = 0. */
  mean: number | null;
  distribution: Distribution;
}

export function statementStats(distribution: Distribution): StatementStats {
  let n = 0;
  let sum = 0;
  for (const value of [1, 2, 3, 4, 5] as const) {
    const count = distribution[String(value) as DistributionKey] ?? 0;
    n += count;
    sum += value * count;
  }
  return { n, mean: n === 0 ? null : roundRatio(sum, n, 2), distribution: { ...distribution } };
}

/**
 * responses / sent, four decimals, capped at 1 (an answer can exist for a survey whose SMS went out
 * while its dispatch was never marked SENT). Null when nothing was sent.
 */
export function responseRate(responses: number, sent: number): number | null {
  if (sent === 0) return null;
  return Math.min(1, roundRatio(responses, sent, 4));
}

/** Statement ids of a report: the core ones first, then custom ones in alphabetical order. */
export function questionIdsOf(cells: Iterable<{ questions: Record<string, unknown> | null }>): string[] {
  const custom = new Set<string>();
  for (const cell of cells) {
    for (const id of Object.keys(cell.questions ?? {})) {
      if (!CORE_STATEMENT_IDS.includes(id)) custom.add(id);
    }
  }
  return [...CORE_STATEMENT_IDS, ...[...custom].sort()];
}
