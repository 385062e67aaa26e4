import type { CellCounts } from '../domain/aggregate';
import type { SuppressionReason } from '../domain/aggregateSuppression';
import type { Area, HistoryEntry, Organization, Unit } from '../schemas/config';
import type { OpenLink, RejectionReason } from '../schemas/openLinks';
import type { QuestionSetRecord } from '../schemas/questionSets';
import type {
  AnswerRecord,
  AnswerValue,
  Channel,
  DeadLetter,
  DecisionOutcome,
  DecisionRecord,
  DispatchRecord,
  DispatchState,
  Respondent,
  SendPayload,
  SurveyRecord,
  VisitKey,
} from '../schemas/records';

/** The only way domain code learns the time. */
export interface Clock {
  now(): Date;
}

/** Configuration records kept with a version and a history; areas and question sets join this map. */
export interface VersionedRecords {
  organization: Organization;
  unit: Unit;
  /** An organization's own question set, keyed by its id (ids are global). */
  questionSet: QuestionSetRecord;
  area: Area;
}
export type VersionedKind = keyof VersionedRecords;

export interface HistoryPageRequest {
  limit: number;
  /** Continue below this version (the `nextCursor` of the previous page). */
  before?: number;
}

export interface HistoryPage {
  /** Newest first. */
  entries: HistoryEntry[];
  /** The version to continue below, when older entries remain. */
  nextBefore?: number;
}

export interface ConfigStore {
  getOrganization(organizationId: string): Promise<Organization | undefined>;
  getUnit(unitId: string): Promise<Unit | undefined>;
  listUnits(organizationId: string): Promise<Unit[]>;
  getArea(areaId: string): Promise<Area | undefined>;
  listAreas(organizationId: string): Promise<Area[]>;
  listOrganizations(): Promise<Organization[]>;
  /** The organization's own question sets. */
  listQuestionSets(organizationId: string): Promise<QuestionSetRecord[]>;
  /** A strongly consistent read: the base of a versioned write. */
  readVersioned<K extends VersionedKind>(kind: K, id: string): Promise<VersionedRecords[K] | undefined>;
  /**
   * Writes `record` (its `version` one above `expectedVersion`) and its history entry in one
   * transaction, only if the stored version is still `expectedVersion` (undefined: no record yet).
   * 'conflict' when another write came first: nothing was written.
   */
  writeVersion<K extends VersionedKind>(
    kind: K,
    record: VersionedRecords[K],
    expectedVersion: number | undefined,
    entry: HistoryEntry,
  ): Promise<'written' | 'conflict'>;
  history(kind: VersionedKind, id: string, page: HistoryPageRequest): Promise<HistoryPage>;
  isOptedOut(organizationId: string, phoneHmac: string): Promise<boolean>;
  addOptOut(organizationId: string, phoneHmac: string, at: Date): Promise<void>;
}

/** `SCHEDULED_CANCELLED`: scheduled, but the visit's cancellation was already stored, so its dispatch starts ended. */
export type ScheduleVisitResult =
  | 'SCHEDULED'
  | 'SCHEDULED_CANCELLED'
  | 'RECENTLY_SURVEYED'
  | 'QUOTA_REACHED'
  | AlreadyDecided;

/**
 * A write that found its visit already decided: the first decision stands. Its outcome comes back with
 * the failed write itself; undefined when the store could not tell (then read it with `getDecision`).
 */
export interface AlreadyDecided {
  duplicateOf: DecisionOutcome | undefined;
}

/**
 * A person's recontact record as read before scheduling (see `readBeforeScheduling`): the send times
 * that still matter and the version the next write must find. Only the store looks inside.
 */
export interface PersonHistory {
  sends: string[];
  /** Undefined: no record yet (or one from before versions), written only if still so. */
  version?: number;
}

export interface ScheduleVisitCommand {
  decision: DecisionRecord;
  dispatch: DispatchRecord;
  personHmac: string;
  /** Another scheduled visit of the same person within this many days makes this one RECENTLY_SURVEYED. */
  recontactDays: number;
  dailyQuota?: number;
  /**
   * The person's record as `readBeforeScheduling` just read it (consistently): the first attempt
   * decides on it instead of reading it again. A lost race reads it anew.
   */
  person?: PersonHistory;
}

export interface VisitStore {
  getDecision(key: VisitKey): Promise<DecisionRecord | undefined>;
  /**
   * Records a non-scheduled outcome once; `duplicateOf` when the visit already has a decision (the first
   * one stands). A visit whose organization is not configured is filed for the platform figure.
   */
  recordDecision(
    decision: DecisionRecord,
    filing?: { unknownOrganization?: boolean },
  ): Promise<'recorded' | AlreadyDecided>;
  /**
   * What a visit that passed every rule of its own needs before `scheduleVisit`, in one consistent
   * read: whether its number is on the organization's opt-out list, and its person's recontact record.
   */
  readBeforeScheduling(lookup: {
    organizationId: string;
    phoneHmac: string;
    personHmac: string;
  }): Promise<{ optedOut: boolean; person: PersonHistory }>;
  /**
   * Atomically: the decision (once), the person's recent send times, the unit's daily quota and the
   * dispatch (written CANCELLED, without its phone, if the visit's cancellation is already stored). When the recontact or quota check fails, records that outcome instead. Whatever the
   * order in which a person's visits arrive, no two of their scheduled sends are closer than
   * `recontactDays`.
   */
  scheduleVisit(command: ScheduleVisitCommand): Promise<ScheduleVisitResult>;
  getDispatch(key: VisitKey): Promise<DispatchRecord | undefined>;
  /**
   * The dispatch and whether the visit is cancelled, in one consistent read. Given the phone's keyed
   * HMAC (the send's payload carries it), also whether it is on the organization's opt-out list, in
   * the same read; `optedOut` is left undefined when that was not read.
   */
  readDispatch(
    key: VisitKey,
    optOutOf?: { phoneHmac: string },
  ): Promise<{ dispatch: DispatchRecord | undefined; cancelled: boolean; optedOut?: boolean }>;
  /**
   * Moves a dispatch from one state to another only if it is still in `from` (a conditional write).
   * `remove` names attributes to erase (e.g. the phone). Returns false when the state had changed, and
   * true also when a retry of this write finds that its own first try had succeeded (lost response).
   */
  transitionDispatch(
    key: VisitKey,
    from: DispatchState,
    to: DispatchState,
    changes: Partial<DispatchRecord>,
    remove?: (keyof DispatchRecord)[],
  ): Promise<boolean>;
  /** Marks the visit as cancelled (tombstone), so that a completion arriving later is not sent. */
  markCancelled(key: VisitKey, at: Date): Promise<void>;
  isCancelled(key: VisitKey): Promise<boolean>;
}

export interface SurveyStore {
  putSurvey(survey: SurveyRecord): Promise<void>;
  getSurvey(tokenHash: string): Promise<SurveyRecord | undefined>;
  /**
   * Stores the answer and marks the survey answered in one transaction: two submits store one answer.
   * `refused` (nothing stored) when the link is unknown, answered, expired at `at`, or not the visit
   * and question set the answer names.
   */
  submitAnswer(tokenHash: string, answer: AnswerRecord, at: Date): Promise<'stored' | 'refused'>;
}

/** Open links (QR, web, kiosk), their abuse-protection counters, and answers that come without an SMS. */
export interface OpenLinkStore {
  /** Creates a link; ids are random, so an existing id is an error. */
  createOpenLink(link: OpenLink): Promise<void>;
  getOpenLink(openLinkId: string): Promise<OpenLink | undefined>;
  /** Every link of a unit, revoked ones too, oldest first. */
  listOpenLinks(unitId: string): Promise<OpenLink[]>;
  /** Sets `revokedAt` once (a second revoke keeps the first time); the link as it now is, or undefined. */
  revokeOpenLink(openLinkId: string, at: Date): Promise<OpenLink | undefined>;
  countRejected(openLinkId: string, reason: RejectionReason): Promise<void>;
  /**
   * Takes one from a fixed-window budget (an atomic conditional counter): false when `limit` is used
   * up. The counter expires after `windowEndsAt`.
   */
  takeFromBudget(bucket: string, limit: number, windowEndsAt: Date): Promise<boolean>;
  /** A random secret every instance shares, created by the first to ask; expires when `expiresAt` is given. */
  sharedSecret(name: string, expiresAt?: Date): Promise<string>;
  /** The one write of an answer that came without an SMS (open link or paper). */
  storeAnswer(answer: AnswerRecord, at: Date): Promise<void>;
}

export interface SendScheduleRequest {
  name: string;
  at: Date;
  timeZone: string;
  payload: SendPayload;
}

export interface SendScheduler {
  /** Creates a one-time schedule; creating one that exists already is not an error. */
  scheduleSend(request: SendScheduleRequest): Promise<void>;
  /** Deletes a schedule; one that does not exist (fired, or never made) is not an error. */
  cancelSend(name: string): Promise<void>;
}

export interface SmsMessage {
  to: string;
  senderId: string;
  body: string;
}

/** The provider said no for good (invalid number, opted out at the carrier): do not retry. */
export class SmsRejectedError extends Error {
  override readonly name = 'SmsRejectedError';
}
/** The provider refused for now (throttling) and certainly did not send: safe to retry. */
export class SmsThrottledError extends Error {
  override readonly name = 'SmsThrottledError';
}

export interface SmsGateway {
  /** Returns the provider's message id. Any error other than the two above leaves it unknown whether it was sent. */
  send(message: SmsMessage): Promise<{ messageId: string }>;
}

export interface PublishedEvent {
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
}

export interface EventPublisher {
  publish(event: PublishedEvent): Promise<void>;
}

export interface DeadLetterSink {
  put(letter: DeadLetter): Promise<void>;
}

/** What domain code may log: structured, never event bodies, phones, personRefs, tokens or free text. */
export interface Log {
  debug(message: string, extra?: Record<string, unknown>): void;
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

/** Business metrics (e.g. SmsSent, SmsFailed): CloudWatch through Powertools in the cloud, nothing locally. */
export interface Metrics {
  count(name: string, value?: number): void;
}

export const noMetrics: Metrics = { count: () => {} };

// --- Nightly aggregation and reports

/** A decision or dispatch as the `byUnitDate` index shows it: nothing personal. */
export interface FunnelItem {
  kind: 'DECISION' | 'DISPATCH';
  organizationId: string;
  outcome?: string;
  state?: string;
}

/** The part of a stored answer the figures need: no comment, no ids. */
export interface AnswerFigures {
  organizationId: string;
  answers: Record<string, AnswerValue>;
  /** Absent on answers stored before channels existed: they came by SMS from clients. */
  channel?: Channel;
  respondent?: Respondent;
}

/** What the nightly job reads, page by page (memory does not grow with the number of answers). */
export interface AggregateSources {
  /** Decisions and dispatches of a unit and visit date: a Query on the `byUnitDate` index, never a scan. */
  funnelItems(unitId: string, visitDate: string): AsyncIterable<FunnelItem[]>;
  /** Decisions of an organization's visits to units that do not exist (`UNKNOWN_UNIT`) of a visit date. */
  unknownUnitItems(organizationId: string, visitDate: string): AsyncIterable<FunnelItem[]>;
  /** Decisions of visits naming an organization that is not configured, by visit date (Europe/Helsinki). */
  unknownOrganizationItems(visitDate: string): AsyncIterable<FunnelItem[]>;
  /** Answers of a unit and visit date: a Query on their partition. */
  answerFigures(unitId: string, visitDate: string): AsyncIterable<AnswerFigures[]>;
}

/**
 * A unit-date whose decisions, dispatches or answers changed since the nightly job last read it (the
 * touched record; unitId `*`: the organization's visits of unknown units).
 */
export interface Touch {
  organizationId: string;
  unitId: string;
  visitDate: string;
  /** Long enough ago that every write it announced is readable now: the job may forget it. */
  settled: boolean;
  /** Where the touch is kept and which write it is: forgetting it fails if it was touched again. */
  source: number;
  version: number;
}

/** What the nightly job reads instead of walking every unit × open date (see docs/data-model.md). */
export interface TouchedRecord {
  /** The organization's touches, and whether the job has run for it with this record before. */
  pending(organizationId: string): Promise<{ hasRun: boolean; touches: Touch[] }>;
  /** Forgets touches that were recounted, except any touched again since they were read. */
  clear(touches: readonly Touch[]): Promise<void>;
  /** Notes that a night ran for the organization: from then on its touches say what changed. */
  markRun(organizationId: string, at: Date): Promise<void>;
}

/** One cell of the aggregates table: a unit (or `*`, the organization) and a day or a month. */
export interface AggregateCell {
  organizationId: string;
  /** A unit id, or `*` for the organization and for an area. */
  unitId: string;
  /** Set on an area's cells (the sums of its units' cells; unitId `*`). */
  areaId?: string;
  /** Set on the cells of one channel × respondent; cells without them are all channels and respondents. */
  channel?: Channel;
  respondent?: Respondent;
  granularity: 'day' | 'month';
  /** 'YYYY-MM-DD' (day) or 'YYYY-MM' (month). */
  period: string;
  /** Raw counts, also of a suppressed cell: roll-ups add these up. Never published as such. */
  counts: CellCounts;
  suppressed: boolean;
  suppressionReason?: SuppressionReason;
  /** The organization's minReportN when the cell was computed. */
  minReportN: number;
  updatedAt: string;
}

/**
 * A platform figure of one visit date (Europe/Helsinki): visits naming an organization that is not
 * configured, per organization id named. Only the most frequent ids are listed; the rest are summed.
 */
export interface UnknownOrganizationDay {
  date: string;
  unknownOrganizations: Record<string, number>;
  /** Visits of further organization ids beyond those listed (0 when all are listed). */
  unlistedVisits: number;
  updatedAt: string;
}

/** Where the nightly job keeps the platform figures (the aggregates table). */
export interface PlatformFigureStore {
  /** Days from..to ('YYYY-MM-DD', inclusive) that had such visits, by date. */
  unknownOrganizationDays(from: string, to: string): Promise<UnknownOrganizationDay[]>;
  /** Overwrites the days given. */
  putUnknownOrganizationDays(days: readonly UnknownOrganizationDay[]): Promise<void>;
  deleteUnknownOrganizationDays(dates: readonly string[]): Promise<void>;
}

/** The aggregates table: cells per organization, and the platform figures beside them. */
export interface AggregateStore extends PlatformFigureStore {
  /** Every cell of an organization-month (its days and the month). */
  listMonth(organizationId: string, month: string): Promise<AggregateCell[]>;
  /** Overwrites by key, in the order given. */
  putCells(cells: readonly AggregateCell[]): Promise<void>;
  deleteCells(
    cells: readonly Pick<AggregateCell, 'organizationId' | 'unitId' | 'areaId' | 'granularity' | 'period'>[],
  ): Promise<void>;
  /**
   * Day cells from..to ('YYYY-MM-DD', inclusive) of one table row (a unit id, or an area's row
   * `A:{areaId}`, see `rowOf`), or of every unit, area and `*` when row is undefined.
   */
  dailyCells(
    organizationId: string,
    row: string | undefined,
    from: string,
    to: string,
    /** `slices`: the channel × respondent cells instead of the all-channels ones. */
    options?: { slices?: boolean },
  ): Promise<AggregateCell[]>;
  /** Month cells from..to ('YYYY-MM', inclusive), likewise. */
  monthlyCells(
    organizationId: string,
    row: string | undefined,
    from: string,
    to: string,
    options?: { slices?: boolean },
  ): Promise<AggregateCell[]>;
}

/** A free-text comment with what may be shown beside it. */
export interface CommentItem {
  answerId: string;
  organizationId: string;
  unitId: string;
  visitDate: string;
  answeredDate: string;
  language: string;
  nps: number | null;
  comment: string;
}

export interface CommentSource {
  /** The comments given for a unit and visit date (all pages of that partition). */
  commentsOf(unitId: string, visitDate: string): Promise<CommentItem[]>;
}
