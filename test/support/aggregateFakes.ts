import { rowOf } from '../../shared/domain/aggregate';
import { monthOf } from '../../shared/domain/aggregateDates';
import { cellSortKey, type Dimensions } from '../../shared/domain/aggregateDimensions';
import type {
  AggregateCell,
  AggregateSources,
  AggregateStore,
  AnswerFigures,
  CommentItem,
  CommentSource,
  ConfigStore,
  FunnelItem,
  HistoryPageRequest,
  UnknownOrganizationDay,
  VersionedKind,
  VersionedRecords,
} from '../../shared/ports';
import {
  type Area,
  DEFAULT_MIN_REPORT_N,
  DEFAULT_RECONTACT_DAYS,
  DEFAULT_TIME_ZONE,
  type HistoryEntry,
  type Organization,
  type Unit,
} from '../../shared/schemas/config';
import type { AnswerValue } from '../../shared/schemas/records';

type CellId = Pick<
  AggregateCell,
  'organizationId' | 'unitId' | 'areaId' | 'granularity' | 'period' | 'channel' | 'respondent'
>;
/** The DynamoDB adapter's key: partition (organization, month) and sort key. */
const cellKey = (c: CellId) => `${c.organizationId}|${monthOf(c.period)}|${cellSortKey(c)}`;
const isSlice = (c: AggregateCell) => c.channel !== undefined;

/** The aggregates table in memory, with the same reads as the DynamoDB adapter. */
export class MemoryAggregateStore implements AggregateStore {
  readonly cells = new Map<string, AggregateCell>();
  readonly unknownOrganizations = new Map<string, UnknownOrganizationDay>();
  puts = 0;

  async unknownOrganizationDays(from: string, to: string) {
    return [...this.unknownOrganizations.values()].filter((d) => d.date >= from && d.date <= to);
  }
  async putUnknownOrganizationDays(days: readonly UnknownOrganizationDay[]) {
    for (const day of days) this.unknownOrganizations.set(day.date, structuredClone(day));
  }
  async deleteUnknownOrganizationDays(dates: readonly string[]) {
    for (const date of dates) this.unknownOrganizations.delete(date);
  }

  async listMonth(organizationId: string, month: string) {
    return [...this.cells.values()].filter(
      (c) => c.organizationId === organizationId && monthOf(c.period) === month,
    );
  }
  async putCells(cells: readonly AggregateCell[]) {
    for (const cell of cells) {
      this.cells.set(cellKey(cell), structuredClone(cell));
      this.puts += 1;
    }
  }
  async deleteCells(cells: readonly CellId[]) {
    for (const cell of cells) this.cells.delete(cellKey(cell));
  }
  async dailyCells(
    organizationId: string,
    unitId: string | undefined,
    from: string,
    to: string,
    options?: { slices?: boolean },
  ) {
    return [...this.cells.values()].filter(
      (c) =>
        c.organizationId === organizationId &&
        c.granularity === 'day' &&
        isSlice(c) === (options?.slices ?? false) &&
        (unitId === undefined || rowOf(c) === unitId) &&
        c.period >= from &&
        c.period <= to,
    );
  }
  async monthlyCells(
    organizationId: string,
    unitId: string | undefined,
    from: string,
    to: string,
    options?: { slices?: boolean },
  ) {
    return [...this.cells.values()].filter(
      (c) =>
        c.organizationId === organizationId &&
        c.granularity === 'month' &&
        isSlice(c) === (options?.slices ?? false) &&
        (unitId === undefined || rowOf(c) === unitId) &&
        c.period >= from &&
        c.period <= to,
    );
  }
  /** A stable picture of the table for comparing runs. */
  snapshot() {
    return Object.fromEntries(
      [...this.cells.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, { updatedAt, ...cell }]) => [key, cell]),
    );
  }
}

const unknownUnitsKey = (organizationId: string, date: string) => `ORG#${organizationId}#UNKNOWN#${date}`;
const unknownOrganizationsKey = (date: string) => `PLATFORM#UNKNOWN_ORG#${date}`;

/** Decisions, dispatches and answers by unit and date, served in small pages. */
export class MemorySources implements AggregateSources, CommentSource {
  readonly funnel = new Map<string, FunnelItem[]>();
  readonly answers = new Map<string, (AnswerFigures & { comment?: CommentItem })[]>();
  pagesServed = 0;
  constructor(readonly pageSize = 3) {}

  /** Files the decision as the visits table does: `UNKNOWN_UNIT` under the organization, not the unit. */
  addVisit(organizationId: string, unitId: string, date: string, outcome: string, state?: string) {
    const key = outcome === 'UNKNOWN_UNIT' ? unknownUnitsKey(organizationId, date) : `${unitId}#${date}`;
    const list = this.funnel.get(key) ?? [];
    list.push({ kind: 'DECISION', organizationId, outcome });
    if (state) list.push({ kind: 'DISPATCH', organizationId, state });
    this.funnel.set(key, list);
  }
  addAnswer(
    organizationId: string,
    unitId: string,
    date: string,
    answers: Record<string, AnswerValue>,
    comment?: { text: string; language?: string; answeredDate?: string },
    /** The answer's channel and respondent; left out, it reads as an answer stored before them. */
    dimensions?: Dimensions,
  ) {
    const list = this.answers.get(`${unitId}#${date}`) ?? [];
    const answerId = `a${String(list.length).padStart(4, '0')}-${unitId}-${date}`;
    list.push({
      organizationId,
      answers,
      ...dimensions,
      ...(comment
        ? {
            comment: {
              answerId,
              organizationId,
              unitId,
              visitDate: date,
              answeredDate: comment.answeredDate ?? date,
              language: comment.language ?? 'fi',
              nps: typeof answers.nps === 'number' ? answers.nps : null,
              comment: comment.text,
            },
          }
        : {}),
    });
    this.answers.set(`${unitId}#${date}`, list);
  }
  /** A visit that was sent and answered. */
  addAnswered(organizationId: string, unitId: string, date: string, answers: Record<string, AnswerValue>) {
    this.addVisit(organizationId, unitId, date, 'SCHEDULED', 'SENT');
    this.addAnswer(organizationId, unitId, date, answers);
  }

  /** A visit naming an organization that is not configured: filed for the platform figure. */
  addUnknownOrganizationVisit(organizationId: string, date: string) {
    const key = unknownOrganizationsKey(date);
    this.funnel.set(key, [
      ...(this.funnel.get(key) ?? []),
      { kind: 'DECISION', organizationId, outcome: 'UNKNOWN_UNIT' },
    ]);
  }

  private async *funnelPages(key: string) {
    const items = this.funnel.get(key) ?? [];
    for (let i = 0; i < items.length; i += this.pageSize) {
      this.pagesServed += 1;
      yield items.slice(i, i + this.pageSize);
    }
  }
  funnelItems(unitId: string, visitDate: string) {
    return this.funnelPages(`${unitId}#${visitDate}`);
  }
  unknownUnitItems(organizationId: string, visitDate: string) {
    return this.funnelPages(unknownUnitsKey(organizationId, visitDate));
  }
  unknownOrganizationItems(visitDate: string) {
    return this.funnelPages(unknownOrganizationsKey(visitDate));
  }
  async *answerFigures(unitId: string, visitDate: string) {
    const items = this.answers.get(`${unitId}#${visitDate}`) ?? [];
    for (let i = 0; i < items.length; i += this.pageSize) {
      this.pagesServed += 1;
      yield items.slice(i, i + this.pageSize).map(({ organizationId, answers, channel, respondent }) => ({
        organizationId,
        answers,
        ...(channel ? { channel } : {}),
        ...(respondent ? { respondent } : {}),
      }));
    }
  }
  async commentsOf(unitId: string, visitDate: string) {
    return (this.answers.get(`${unitId}#${visitDate}`) ?? []).flatMap((a) => (a.comment ? [a.comment] : []));
  }
}

export function organization(organizationId: string, overrides: Partial<Organization> = {}): Organization {
  return {
    organizationId,
    name: { fi: `Org ${organizationId}`, sv: `Org ${organizationId}`, en: `Org ${organizationId}` },
    smsSenderId: 'Palaute',
    timeZone: DEFAULT_TIME_ZONE,
    recontactDays: DEFAULT_RECONTACT_DAYS,
    minReportN: DEFAULT_MIN_REPORT_N,
    smsTemplates: { fi: '{link}', sv: '{link}', en: '{link}' },
    defaults: {},
    version: 1,
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function unit(unitId: string, organizationId: string, overrides: Partial<Unit> = {}): Unit {
  return {
    unitId,
    organizationId,
    name: { fi: `Yksikkö ${unitId}`, sv: `Enhet ${unitId}`, en: `Unit ${unitId}` },
    enabled: true,
    rules: {},
    version: 1,
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** Organizations and units in memory (what the job and the reports read of the configuration). */
export class MemoryConfig implements ConfigStore {
  readonly organizations = new Map<string, Organization>();
  readonly units = new Map<string, Unit>();
  readonly areas = new Map<string, Area>();
  constructor(organizations: Organization[] = [], units: Unit[] = []) {
    for (const o of organizations) this.organizations.set(o.organizationId, o);
    for (const u of units) this.units.set(u.unitId, u);
  }
  async getOrganization(id: string) {
    return this.organizations.get(id);
  }
  async putOrganization(o: Organization) {
    this.organizations.set(o.organizationId, o);
  }
  async getUnit(id: string) {
    return this.units.get(id);
  }
  async putUnit(u: Unit) {
    this.units.set(u.unitId, u);
  }
  async listUnits(organizationId: string) {
    return [...this.units.values()].filter((u) => u.organizationId === organizationId);
  }
  async listOrganizations() {
    return [...this.organizations.values()];
  }
  async getArea(id: string) {
    return this.areas.get(id);
  }
  async listAreas(organizationId: string) {
    return [...this.areas.values()].filter((a) => a.organizationId === organizationId);
  }
  readonly histories = new Map<string, HistoryEntry[]>();
  async listQuestionSets() {
    return [];
  }
  async readVersioned<K extends VersionedKind>(kind: K, id: string) {
    if (kind === 'questionSet') return undefined;
    const records: Map<string, VersionedRecords[VersionedKind]> =
      kind === 'organization' ? this.organizations : kind === 'area' ? this.areas : this.units;
    return records.get(id) as VersionedRecords[K] | undefined;
  }
  async writeVersion<K extends VersionedKind>(
    kind: K,
    record: VersionedRecords[K],
    expectedVersion: number | undefined,
    entry: HistoryEntry,
  ) {
    const id =
      'unitId' in record ? record.unitId : 'areaId' in record ? record.areaId : record.organizationId;
    if ((await this.readVersioned(kind, id))?.version !== expectedVersion) return 'conflict' as const;
    if ('unitId' in record) this.units.set(id, record);
    else if ('areaId' in record) this.areas.set(id, record);
    else this.organizations.set(id, record as Organization);
    this.histories.set(`${kind}#${id}`, [entry, ...(this.histories.get(`${kind}#${id}`) ?? [])]);
    return 'written' as const;
  }
  async history(kind: VersionedKind, id: string, page: HistoryPageRequest) {
    const entries = (this.histories.get(`${kind}#${id}`) ?? []).filter(
      (e) => page.before === undefined || e.version < page.before,
    );
    const shown = entries.slice(0, page.limit);
    return entries.length > page.limit
      ? { entries: shown, nextBefore: shown.at(-1)?.version }
      : { entries: shown };
  }
  async isOptedOut() {
    return false;
  }
  async addOptOut() {}
}
