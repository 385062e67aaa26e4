/**
 * The arithmetic of the nightly figures: funnel, NPS, statement statistics, roll-ups, and small-number
 * protection (primary and complementary suppression). Pure: no I/O, no clock. See docs/reports.md.
 */
import {
  type Channel,
  DECISION_OUTCOMES,
  type DecisionOutcome,
  type DispatchState,
  FINAL_DISPATCH_STATES,
  type Respondent,
} from '../schemas/records';
import { AGREEMENT_VALUES, NATIONAL_QUESTION_SETS, NOT_APPLICABLE } from './questionSets';
import { addLocalDays } from './sendTime';

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

// ---------------------------------------------------------------------------------------------------
// Small-number protection

export type SuppressionReason = 'minReportN' | 'complementary';

/**
 * One published cell of an organization-month table. `row` is a unit id or {@link ORGANIZATION_ROW};
 * `column` is a date or {@link MONTH_COLUMN}. So the table has unit × day cells, unit-month totals
 * (column `*`), organization-day totals (row `*`) and the organization-month total (both `*`).
 */
export interface TableEntry {
  key: string;
  row: string;
  column: string;
  responses: number;
}
export const MONTH_COLUMN = '*';

interface Line {
  members: TableEntry[];
  total: TableEntry | undefined;
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Primary and complementary suppression of one organization-month table; returns the hidden entries.
 *
 * Primary: every entry with fewer than `minReportN` responses. Complementary: every line of the table
 * is an equation (the unit's days add up to its month, the units of a day add up to the organization's
 * day, and so on). Entries with responses ("content") that are hidden must not be recoverable from
 * these equations, so the rule, repeated until nothing changes:
 *
 * 1. In a line, exactly one hidden entry with content is never allowed (it equals the total minus the
 *    rest, or the rest added up); and when the line's total is shown, the hidden entries together must
 *    have at least `minReportN` responses (else their sum is a small group shown by subtraction).
 *    The fix hides the member with the fewest responses (ties by key), or the total if no member is left.
 * 2. Across lines: seen as a bipartite graph (rows and columns are nodes, hidden entries are edges), a
 *    hidden entry is determined by the equations exactly when it is a bridge. Each bridge is closed into
 *    a cycle by also hiding the cheapest path (fewest responses) between its two ends.
 *
 * Deterministic: the same responses give the same hidden set, so reruns are idempotent.
 */
export function suppressTable(
  entries: readonly TableEntry[],
  minReportN: number,
  /** Entries already hidden by a linked table (see {@link suppressWithAreas}): they stay hidden. */
  alreadyHidden?: ReadonlyMap<string, SuppressionReason>,
): Map<string, SuppressionReason> {
  const sorted = [...entries].sort(byKey);
  const hidden = new Map<string, SuppressionReason>();
  for (const entry of sorted) if (entry.responses < minReportN) hidden.set(entry.key, 'minReportN');
  for (const entry of sorted) {
    const reason = alreadyHidden?.get(entry.key);
    if (reason && !hidden.has(entry.key)) hidden.set(entry.key, reason);
  }
  const hasContent = (e: TableEntry) => e.responses > 0;
  const isHidden = (e: TableEntry) => hidden.has(e.key);

  // Lines: one per row (its total is the month column) and one per column (its total is the org row).
  const lines: Line[] = [];
  const linesOf = new Map<string, number[]>();
  const addLine = (members: TableEntry[], total: TableEntry | undefined) => {
    const index = lines.length;
    lines.push({ members, total });
    for (const e of [...members, ...(total ? [total] : [])]) {
      linesOf.set(e.key, [...(linesOf.get(e.key) ?? []), index]);
    }
  };
  const group = (pick: (e: TableEntry) => string) => {
    const groups = new Map<string, TableEntry[]>();
    for (const e of sorted) groups.set(pick(e), [...(groups.get(pick(e)) ?? []), e]);
    return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  };
  // Columns first: the organization dimension (a unit worked out from the organization's figures).
  for (const [, inColumn] of group((e) => e.column)) {
    addLine(
      inColumn.filter((e) => e.row !== ORGANIZATION_ROW),
      inColumn.find((e) => e.row === ORGANIZATION_ROW),
    );
  }
  for (const [, inRow] of group((e) => e.row)) {
    addLine(
      inRow.filter((e) => e.column !== MONTH_COLUMN),
      inRow.find((e) => e.column === MONTH_COLUMN),
    );
  }

  const hide = (entry: TableEntry, queue: number[], queued: Set<number>) => {
    hidden.set(entry.key, 'complementary');
    for (const index of linesOf.get(entry.key) ?? []) {
      if (!queued.has(index)) {
        queued.add(index);
        queue.push(index);
      }
    }
  };

  const fixLines = () => {
    const queue = lines.map((_, index) => index);
    const queued = new Set(queue);
    while (queue.length > 0) {
      const index = queue.shift() as number;
      queued.delete(index);
      const line = lines[index] as Line;
      const hiddenMembers = line.members.filter((e) => hasContent(e) && isHidden(e));
      const totalHidden = line.total !== undefined && isHidden(line.total);
      const hiddenCount =
        hiddenMembers.length + (totalHidden && line.total && hasContent(line.total) ? 1 : 0);
      if (hiddenCount === 0) continue;
      const hiddenSum = hiddenMembers.reduce((sum, e) => sum + e.responses, 0);
      if (hiddenCount > 1 && (totalHidden || hiddenSum >= minReportN)) continue;
      const candidate = line.members
        .filter((e) => hasContent(e) && !isHidden(e))
        .sort((a, b) => a.responses - b.responses || byKey(a, b))[0];
      const pick =
        candidate ?? (line.total && hasContent(line.total) && !isHidden(line.total) ? line.total : undefined);
      if (!pick) continue;
      hide(pick, queue, queued);
      if (!queued.has(index)) {
        queued.add(index);
        queue.push(index);
      }
    }
  };

  for (;;) {
    fixLines();
    const bridge = findHiddenBridge(sorted, hidden);
    if (!bridge) return hidden;
    const path = cheapestPath(sorted, hidden, bridge);
    // The full table is bridgeless (every entry is on the cycle entry–its month–org month–org day),
    // so a path always exists; the guard only stops a loop should that ever not hold.
    if (!path || path.length === 0) return hidden;
    for (const entry of path) hidden.set(entry.key, 'complementary');
  }
}

const rowNode = (e: TableEntry) => `R:${e.row}`;
const columnNode = (e: TableEntry) => `C:${e.column}`;

/** A hidden entry with content that is a bridge of the graph of hidden entries with content, if any. */
function findHiddenBridge(
  entries: readonly TableEntry[],
  hidden: ReadonlyMap<string, SuppressionReason>,
): TableEntry | undefined {
  const edges = entries.filter((e) => e.responses > 0 && hidden.has(e.key));
  const adjacency = new Map<string, { to: string; edge: number }[]>();
  edges.forEach((e, index) => {
    const [a, b] = [rowNode(e), columnNode(e)];
    adjacency.set(a, [...(adjacency.get(a) ?? []), { to: b, edge: index }]);
    adjacency.set(b, [...(adjacency.get(b) ?? []), { to: a, edge: index }]);
  });
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  let counter = 0;
  let bridge: TableEntry | undefined;
  // Tarjan's bridge search, iterative (an explicit stack instead of recursion).
  for (const start of [...adjacency.keys()].sort()) {
    if (order.has(start)) continue;
    const stack: { node: string; viaEdge: number; next: number }[] = [{ node: start, viaEdge: -1, next: 0 }];
    order.set(start, counter);
    low.set(start, counter++);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as (typeof stack)[number];
      const neighbours = adjacency.get(frame.node) ?? [];
      if (frame.next < neighbours.length) {
        const { to, edge } = neighbours[frame.next++] as { to: string; edge: number };
        if (edge === frame.viaEdge) continue;
        if (order.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, order.get(to) as number));
        } else {
          order.set(to, counter);
          low.set(to, counter++);
          stack.push({ node: to, viaEdge: edge, next: 0 });
        }
        continue;
      }
      stack.pop();
      const parent = stack[stack.length - 1];
      if (!parent) continue;
      low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if ((low.get(frame.node) as number) > (order.get(parent.node) as number)) {
        const candidate = edges[frame.viaEdge] as TableEntry;
        if (!bridge || byKey(candidate, bridge) < 0) bridge = candidate;
      }
    }
  }
  return bridge;
}

/**
 * The visible entries with content to hide so that `bridge` lies on a cycle: the cheapest path between
 * its ends avoiding it, where a hidden entry costs nothing and a visible one its responses.
 */
function cheapestPath(
  entries: readonly TableEntry[],
  hidden: ReadonlyMap<string, SuppressionReason>,
  bridge: TableEntry,
): TableEntry[] | undefined {
  const adjacency = new Map<string, { to: string; entry: TableEntry }[]>();
  for (const e of entries) {
    if (e.responses <= 0 || e.key === bridge.key) continue;
    const [a, b] = [rowNode(e), columnNode(e)];
    adjacency.set(a, [...(adjacency.get(a) ?? []), { to: b, entry: e }]);
    adjacency.set(b, [...(adjacency.get(b) ?? []), { to: a, entry: e }]);
  }
  const source = rowNode(bridge);
  const target = columnNode(bridge);
  const cost = new Map<string, number>([[source, 0]]);
  const via = new Map<string, { from: string; entry: TableEntry }>();
  const done = new Set<string>();
  // Dijkstra; the graph has (units + 1) + (days + 1) nodes, so a linear scan for the minimum will do.
  for (;;) {
    let node: string | undefined;
    for (const [candidate, c] of cost) {
      if (done.has(candidate)) continue;
      const best = node === undefined ? undefined : (cost.get(node) as number);
      if (best === undefined || c < best || (c === best && candidate < (node as string))) node = candidate;
    }
    if (node === undefined) return undefined;
    if (node === target) break;
    done.add(node);
    for (const { to, entry } of adjacency.get(node) ?? []) {
      const step = hidden.has(entry.key) ? 0 : entry.responses;
      const next = (cost.get(node) as number) + step;
      const known = cost.get(to);
      if (known === undefined || next < known) {
        cost.set(to, next);
        via.set(to, { from: node, entry });
      }
    }
  }
  const path: TableEntry[] = [];
  for (let node = target; node !== source; ) {
    const step = via.get(node);
    if (!step) return undefined;
    if (!hidden.has(step.entry.key)) path.push(step.entry);
    node = step.from;
  }
  return path;
}

// ---------------------------------------------------------------------------------------------------
// Publication

export interface PublishedQuestion extends StatementStats {}

export interface PublishedFigures {
  funnel: Funnel;
  responses: number;
  responseRate: number | null;
  suppressed: boolean;
  /** Why the figures are withheld: fewer than minReportN responses, or to protect another cell. */
  suppressionReason: SuppressionReason | null;
  nps: number | null;
  npsCounts: NpsCounts | null;
  questions: Record<string, PublishedQuestion> | null;
}

/** The funnel in the design's order: stored maps come back from DynamoDB in any order. */
function orderedFunnel(f: Funnel): Funnel {
  return {
    received: f.received,
    decisions: Object.fromEntries(
      DECISION_OUTCOMES.map((o) => [o, f.decisions[o] ?? 0]),
    ) as Funnel['decisions'],
    sent: f.sent,
    failed: f.failed,
    cancelled: f.cancelled,
    expired: f.expired,
    optedOut: f.optedOut,
    unknown: f.unknown ?? 0,
  };
}

/**
 * What a report may show of a cell. A suppressed cell shows the funnel (and how many answered) only:
 * NPS, its counts and the statements are null.
 */
export function publishFigures(
  counts: CellCounts,
  suppression: SuppressionReason | null | undefined,
): PublishedFigures {
  const base = {
    funnel: orderedFunnel(counts.funnel),
    responses: counts.responses,
    // Only SMS answers answer something sent: the other channels never count towards the rate.
    responseRate: responseRate(counts.smsResponses ?? counts.responses, counts.funnel.sent),
  };
  if (suppression) {
    return {
      ...base,
      suppressed: true,
      suppressionReason: suppression,
      nps: null,
      npsCounts: null,
      questions: null,
    };
  }
  const ids = questionIdsOf([counts]);
  return {
    ...base,
    suppressed: false,
    suppressionReason: null,
    nps: npsScore(counts.npsCounts),
    npsCounts: { ...counts.npsCounts },
    questions: Object.fromEntries(
      ids.map((id) => [id, statementStats(counts.questions[id] ?? emptyDistribution())]),
    ),
  };
}

// ---------------------------------------------------------------------------------------------------
// Which visit dates a night recomputes

export interface WindowRules {
  linkTtlDays: number;
  maxLagHours: number;
}

/**
 * How many days before the run date a visit date can still change. A visit on day D is sent at the
 * latest `maxLagHours` after it was completed, and its link answers for `linkTtlDays` after that, so
 * its last answer falls on D + ceil(maxLagHours / 24) + linkTtlDays at the latest; one more day covers
 * daylight-saving shifts and answers stored while the job runs.
 */
export function lookbackDays(rules: WindowRules): number {
  return rules.linkTtlDays + Math.ceil(rules.maxLagHours / 24) + 1;
}

/** The visit dates still open on `runDate` (normally yesterday): oldest first, `runDate` last. */
export function openVisitDates(runDate: string, rules: readonly WindowRules[]): string[] {
  const days = Math.max(0, ...rules.map(lookbackDays));
  return Array.from({ length: days + 1 }, (_, i) => addLocalDays(runDate, i - days));
}

/** 'YYYY-MM' of a 'YYYY-MM-DD'. */
export const monthOf = (date: string) => date.slice(0, 7);

/** Every date of a month, 'YYYY-MM-01' … last day. */
export function datesOfMonth(month: string): string[] {
  const dates: string[] = [];
  for (let date = `${month}-01`; monthOf(date) === month; date = addLocalDays(date, 1)) dates.push(date);
  return dates;
}

/** The most months `monthsBetween` lists: a hundred years, far beyond any report or job. */
export const MAX_MONTHS_BETWEEN = 1200;

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Months since year 0 of a 'YYYY-MM'; a RangeError for anything else. */
function monthNumber(month: string): number {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new RangeError(`not a month YYYY-MM: ${JSON.stringify(month)}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

/**
 * Months from `from` to `to` inclusive ('YYYY-MM'), none when `to` is before `from`. Compared as
 * numbers (as strings, '10000-01' sorts before '9999-12'), and bounded: a span over
 * `MAX_MONTHS_BETWEEN` months is a RangeError, never a runaway loop of queries.
 */
export function monthsBetween(from: string, to: string): string[] {
  const first = monthNumber(from);
  const last = monthNumber(to);
  const count = last - first + 1;
  if (count <= 0) return [];
  if (count > MAX_MONTHS_BETWEEN) {
    throw new RangeError(`${count} months from ${from} to ${to}; at most ${MAX_MONTHS_BETWEEN}`);
  }
  return Array.from({ length: count }, (_, i) => {
    const k = first + i;
    return `${String(Math.floor(k / 12)).padStart(4, '0')}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

// ---------------------------------------------------------------------------------------------------
// CSV

export interface ReportRow extends PublishedFigures {
  /** 'YYYY-MM-DD' for daily rows, 'YYYY-MM' for monthly rows. */
  date: string;
  organizationId: string;
  /** A unit id, or `*` for the organization's own row and for an area's rows. */
  unitId: string;
  /** Set on an area's rows (whose unitId is `*`). */
  areaId?: string;
  /** Set on the rows of one channel × respondent; rows without them are all channels and respondents. */
  channel?: Channel;
  respondent?: Respondent;
}

/**
 * The CSV columns, in this order: `date, organizationId, unitId, areaId, channel, respondent,
 * suppressed, suppressionReason,
 * received, decisions.<OUTCOME>…` (the outcomes in the design's order), `sent, failed, cancelled,
 * expired, optedOut, unknown, responses, responseRate, nps, promoters, passives, detractors`, then for each
 * statement (core ones first, custom ones alphabetically) `<id>.n, <id>.mean, <id>.1 … <id>.5, <id>.na`.
 */
export function csvColumns(questionIds: readonly string[]): string[] {
  return [
    'date',
    'organizationId',
    'unitId',
    'areaId',
    'channel',
    'respondent',
    'suppressed',
    'suppressionReason',
    'received',
    ...DECISION_OUTCOMES.map((o) => `decisions.${o}`),
    'sent',
    'failed',
    'cancelled',
    'expired',
    'optedOut',
    'unknown',
    'responses',
    'responseRate',
    'nps',
    'promoters',
    'passives',
    'detractors',
    ...questionIds.flatMap((id) => [
      `${id}.n`,
      `${id}.mean`,
      ...DISTRIBUTION_KEYS.map((key) => `${id}.${key}`),
    ]),
  ];
}

const csvField = (value: string | number | boolean | null | undefined): string => {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Quote what needs it; a leading =, +, - or @ is prefixed so that spreadsheets do not run it.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** RFC 4180 CSV (CRLF line ends), UTF-8, with a header row; empty fields where a figure is withheld. */
export function toCsv(rows: readonly ReportRow[]): string {
  const ids = questionIdsOf(rows);
  const lines = [csvColumns(ids).join(',')];
  for (const row of rows) {
    const f = row.funnel;
    const values: (string | number | boolean | null | undefined)[] = [
      row.date,
      row.organizationId,
      row.unitId,
      row.areaId,
      row.channel,
      row.respondent,
      row.suppressed,
      row.suppressionReason,
      f.received,
      ...DECISION_OUTCOMES.map((o) => f.decisions[o]),
      f.sent,
      f.failed,
      f.cancelled,
      f.expired,
      f.optedOut,
      f.unknown,
      row.responses,
      row.responseRate,
      row.nps,
      row.npsCounts?.promoters,
      row.npsCounts?.passives,
      row.npsCounts?.detractors,
      ...ids.flatMap((id) => {
        const q = row.questions?.[id];
        return [q?.n, q?.mean, ...DISTRIBUTION_KEYS.map((key) => q?.distribution[key])];
      }),
    ];
    lines.push(values.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
