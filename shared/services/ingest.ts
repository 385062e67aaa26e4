import { createHash } from 'node:crypto';
import { decideByRules, type RuleDecision } from '../domain/decision';
import type { KeyedHasher } from '../domain/keys';
import { normaliseMobilePhone } from '../domain/phone';
import { HOUR_MS, localDateOf } from '../domain/sendTime';
import type {
  AlreadyDecided,
  Clock,
  ConfigStore,
  DeadLetterSink,
  Log,
  Metrics,
  PersonHistory,
  SendScheduler,
  VisitStore,
} from '../ports';
import { DEFAULT_TIME_ZONE, mergeRules, surveyLanguage } from '../schemas/config';
import { completedAtProblem, parseVisitEvent, type VisitEvent } from '../schemas/events';
import {
  type DecisionOutcome,
  type DecisionRecord,
  type DispatchRecord,
  sendPayloadOf,
  type VisitKey,
  visitContextOf,
} from '../schemas/records';

export interface IngestDeps {
  clock: Clock;
  config: ConfigStore;
  visits: VisitStore;
  scheduler: SendScheduler;
  deadLetters: DeadLetterSink;
  hasher: KeyedHasher;
  log: Log;
  /** `UnknownOrganization`: a visit named an organization that is not configured. */
  metrics: Metrics;
}

/** The metric counted for every visit (decided once) whose organization is not configured. */
export const UNKNOWN_ORGANIZATION_METRIC = 'UnknownOrganization';

export type IngestResult =
  | { status: 'decided'; outcome: DecisionOutcome }
  | { status: 'duplicate'; outcome: DecisionOutcome }
  | { status: 'cancelled' }
  | { status: 'dead-lettered'; reason: string };

/** EventBridge Scheduler names: [0-9a-zA-Z-_.]{1,64}. Derived from the visit so that retries reuse it. */
export function scheduleNameFor(key: VisitKey): string {
  const digest = createHash('sha256')
    .update(`${key.organizationId}\u0000${key.appointmentId}`)
    .digest('base64url');
  return `visit-${digest.slice(0, 43)}`;
}

/**
 * Handles one visit event as delivered (at least once, in any order). Whatever the body, invalid
 * events go to the dead-letter sink with their reason and the call returns; only storage errors are
 * thrown, so that the message is retried.
 */
export async function ingestVisitEvent(deps: IngestDeps, body: string): Promise<IngestResult> {
  const read = readVisitEvent(body, deps.clock.now());
  if (!read.ok) return deadLetter(deps, body, read.reason, read.eventId);
  const { event } = read;
  const key = { organizationId: event.detail.organizationId, appointmentId: event.detail.appointmentId };
  if (event.kind === 'cancelled') {
    await cancelVisit(deps, key, event.eventId);
    return { status: 'cancelled' };
  }
  return decideVisit(deps, event, body);
}

type ReadEvent = { ok: true; event: VisitEvent } | { ok: false; reason: string; eventId?: string };

/** Parses and checks a message body without ever throwing: any failure is a reason to dead-letter. */
function readVisitEvent(body: string, now: Date): ReadEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  const eventId = eventIdOf(raw);
  try {
    const parsed = parseVisitEvent(raw);
    if (!parsed.ok) return { ...parsed, eventId };
    if (parsed.event.kind === 'completed') {
      const problem = completedAtProblem(parsed.event.detail.completedAt, now);
      if (problem !== undefined)
        return { ok: false, reason: `invalid Appointment Completed: ${problem}`, eventId };
    }
    return parsed;
  } catch (error) {
    // Validation itself failed on this input (e.g. a stack overflow on absurd nesting): still input.
    return { ok: false, reason: `event could not be validated (${errorName(error)})`, eventId };
  }
}

const errorName = (error: unknown) => (error instanceof Error ? error.name : typeof error);

/** The envelope's `id` for the log line of a rejected event, when it has one that looks like an id. */
function eventIdOf(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'string' ? id.slice(0, 100) : undefined;
}

async function deadLetter(
  deps: IngestDeps,
  body: string,
  reason: string,
  correlationId: string | undefined,
): Promise<IngestResult> {
  await deps.deadLetters.put({ reason, body, at: deps.clock.now().toISOString() });
  deps.log.warn('visit event rejected', { reason, correlationId });
  return { status: 'dead-lettered', reason };
}

/** Outcomes decided after the opt-out check: only for these can an opt-out change the outcome. */
const DECIDED_AFTER_OPT_OUT: readonly string[] = ['NOT_SAMPLED', 'STALE', 'ELIGIBLE'];

/**
 * Decides a visit with as few storage calls as it allows: the configuration comes from the (cached)
 * config store; the rules that need no storage run first (sampling is a keyed hash), so one read then
 * serves what the outcome reached still depends on: the opt-out list alone when the visit can end no
 * further than NOT_SAMPLED or STALE, the opt-out list and the person's recontact record together
 * when it can be scheduled. The decision is one conditional write, whose failure tells a duplicate
 * the first decision.
 */
async function decideVisit(
  deps: IngestDeps,
  event: Extract<VisitEvent, { kind: 'completed' }>,
  body: string,
): Promise<IngestResult> {
  const { detail: visit, source, eventId: correlationId } = event;
  const key = { organizationId: visit.organizationId, appointmentId: visit.appointmentId };
  const [unit, organization] = await Promise.all([
    deps.config.getUnit(visit.unitId),
    deps.config.getOrganization(visit.organizationId),
  ]);
  const rules = mergeRules(unit?.rules, organization?.defaults);
  const phone = normaliseMobilePhone(visit.client.mobilePhone);
  const phoneHmac = phone === undefined ? undefined : deps.hasher.phoneHmac(visit.organizationId, phone);
  const now = deps.clock.now();
  const decide = (optedOut: boolean): RuleDecision | { failure: string } => {
    try {
      return decideByRules({ visit, unit, organization, rules, phone, optedOut, now }, deps.hasher);
    } catch (error) {
      // The rules are pure: a throw here comes from this event's values, and a retry would throw again.
      return { failure: errorName(error) };
    }
  };
  let ruling = decide(false);
  const reached = 'outcome' in ruling ? ruling.outcome : undefined;
  // A visit that can still be scheduled has its person's recontact record read with its opt-out.
  const personHmac =
    reached === 'ELIGIBLE' ? deps.hasher.personHmac(visit.organizationId, visit.client.personRef) : undefined;
  let person: PersonHistory | undefined;
  if (
    reached !== undefined &&
    DECIDED_AFTER_OPT_OUT.includes(reached) &&
    phoneHmac !== undefined &&
    organization !== undefined
  ) {
    const read: { optedOut: boolean; person?: PersonHistory } =
      personHmac === undefined
        ? { optedOut: await deps.config.isOptedOut(visit.organizationId, phoneHmac) }
        : await deps.visits.readBeforeScheduling({
            organizationId: visit.organizationId,
            phoneHmac,
            personHmac,
          });
    person = read.person;
    // The opt-out check comes before sampling and staleness: it wins over what was reached without it.
    if (read.optedOut) ruling = decide(true);
  }
  if ('failure' in ruling) {
    deps.log.error('visit rules failed on an event', { error: ruling.failure, correlationId });
    return deadLetter(deps, body, `rules could not be applied (${ruling.failure})`, correlationId);
  }

  const timeZone = organization?.timeZone ?? DEFAULT_TIME_ZONE;
  const completedAt = new Date(visit.completedAt).toISOString();
  const decision: DecisionRecord = {
    organizationId: visit.organizationId,
    appointmentId: visit.appointmentId,
    unitId: visit.unitId,
    outcome: ruling.outcome === 'ELIGIBLE' ? 'SCHEDULED' : ruling.outcome,
    visitDate: localDateOf(new Date(completedAt), timeZone),
    completedAt,
    contactType: visit.contactType,
    serviceCode: visit.serviceCode,
    language: surveyLanguage(visit.client.language),
    source,
    decidedAt: now.toISOString(),
  };

  if (ruling.outcome !== 'ELIGIBLE' || phoneHmac === undefined || personHmac === undefined || !organization) {
    const unknownOrganization = organization === undefined;
    const recorded = await deps.visits.recordDecision(decision, { unknownOrganization });
    if (recorded === 'recorded' && unknownOrganization) deps.metrics.count(UNKNOWN_ORGANIZATION_METRIC);
    return finish(deps, decision, recorded === 'recorded' ? decision.outcome : recorded, key, correlationId);
  }

  const dispatch: DispatchRecord = {
    ...visitContextOf(decision),
    appointmentId: decision.appointmentId,
    completedAt,
    state: 'PENDING',
    sendAt: ruling.sendAt.toISOString(),
    sendBy: new Date(Date.parse(completedAt) + rules.maxLagHours * HOUR_MS).toISOString(),
    phone: ruling.phone,
    phoneHmac,
    scheduleName: scheduleNameFor(key),
    attempts: 0,
    updatedAt: now.toISOString(),
  };
  const result = await deps.visits.scheduleVisit({
    decision,
    dispatch,
    personHmac,
    recontactDays: organization.recontactDays,
    dailyQuota: rules.dailyQuota,
    person,
  });
  // Just written PENDING: its one schedule, with nothing to read first. A cancellation landing from
  // now on deletes it, or is seen by the send it fires.
  if (result === 'SCHEDULED') await scheduleSendOf(deps, dispatch, timeZone);
  return finish(deps, decision, result === 'SCHEDULED_CANCELLED' ? 'SCHEDULED' : result, key, correlationId);
}

/**
 * Logs and answers the decision: the outcome recorded, or the first decision a duplicate's write found.
 * `correlationId` is the EventBridge event id: an integrator finds their event's fate by it, and it
 * says nothing about the person.
 */
async function finish(
  deps: IngestDeps,
  decision: DecisionRecord,
  recorded: DecisionOutcome | AlreadyDecided,
  key: VisitKey,
  correlationId: string | undefined,
): Promise<IngestResult> {
  if (typeof recorded === 'string') {
    deps.log.info('visit decided', { unitId: decision.unitId, outcome: recorded, correlationId });
    return { status: 'decided', outcome: recorded };
  }
  // A duplicate of an event already decided (or one that lost the race with it): the first decision
  // stands, and a scheduled one gets its schedule again in case the first delivery died before it.
  // Its outcome came back with the failed write; read only if the store could not tell.
  const existing = recorded.duplicateOf ?? (await deps.visits.getDecision(key))?.outcome;
  if (existing === 'SCHEDULED') await ensureScheduled(deps, key);
  deps.log.info('visit already decided', { outcome: existing, correlationId });
  return { status: 'duplicate', outcome: existing ?? decision.outcome };
}

/**
 * Makes sure a pending dispatch has its schedule. Safe to repeat: schedule creation is idempotent
 * (the schedule is named by the visit; one that exists is left as it is), which also repairs a crash
 * between the decision and the schedule.
 */
async function ensureScheduled(deps: IngestDeps, key: VisitKey): Promise<void> {
  const { dispatch, cancelled } = await deps.visits.readDispatch(key);
  if (dispatch?.state !== 'PENDING') return;
  // A cancellation may have landed between the decision and now: it wins.
  if (cancelled) {
    await cancelDispatch(deps, key, dispatch.scheduleName);
    return;
  }
  const organization = await deps.config.getOrganization(key.organizationId);
  await scheduleSendOf(deps, dispatch, organization?.timeZone ?? DEFAULT_TIME_ZONE);
}

/**
 * The one schedule of a visit: its send. There is no second, closing schedule up front: the send
 * creates one only when it leaves the dispatch open (see `ensureClosingSchedule` in send.ts).
 */
function scheduleSendOf(deps: IngestDeps, dispatch: DispatchRecord, timeZone: string): Promise<void> {
  return deps.scheduler.scheduleSend({
    name: dispatch.scheduleName,
    at: new Date(dispatch.sendAt),
    timeZone,
    payload: sendPayloadOf(dispatch),
  });
}

async function cancelVisit(
  deps: IngestDeps,
  key: VisitKey,
  correlationId: string | undefined,
): Promise<void> {
  await deps.visits.markCancelled(key, deps.clock.now());
  const { dispatch } = await deps.visits.readDispatch(key);
  if (dispatch?.state === 'PENDING') await cancelDispatch(deps, key, dispatch.scheduleName);
  deps.log.info('visit cancelled', { state: dispatch?.state ?? 'no dispatch', correlationId });
}

async function cancelDispatch(deps: IngestDeps, key: VisitKey, scheduleName: string): Promise<void> {
  const now = deps.clock.now().toISOString();
  // Only a survey not yet sent is cancelled: the conditional write leaves a sending or sent one alone,
  // and its schedules with it (the closing one must still end a send that was interrupted).
  const cancelled = await deps.visits.transitionDispatch(
    key,
    'PENDING',
    'CANCELLED',
    { endedAt: now, endReason: 'appointment cancelled', updatedAt: now },
    ['phone'],
  );
  if (!cancelled) return;
  // A closing schedule exists only if a send attempt left the dispatch open; it would find it ended.
  await deps.scheduler.cancelSend(scheduleName);
}
