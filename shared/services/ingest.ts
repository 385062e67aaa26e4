import { createHash } from 'node:crypto';
import { decideByRules } from '../domain/decision';
import type { KeyedHasher } from '../domain/keys';
import { normaliseMobilePhone } from '../domain/phone';
import { HOUR_MS, localDateOf } from '../domain/sendTime';
import type { Clock, ConfigStore, DeadLetterSink, Log, Metrics, SendScheduler, VisitStore } from '../ports';
import { DEFAULT_TIME_ZONE, mergeRules, type Organization, surveyLanguage } from '../schemas/config';
import { completedAtProblem, parseVisitEvent, type VisitEvent } from '../schemas/events';
import {
  type DecisionOutcome,
  type DecisionRecord,
  type DispatchRecord,
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

/** How long after `sendBy` the closing schedule fires: past the send deadline, so that it only ends things. */
const CLOSING_DELAY_MS = 5 * 60 * 1000;

/** The schedule that ends a dispatch no send managed to end (and so erases its phone number). */
export const closingScheduleName = (scheduleName: string) => `${scheduleName}-end`;

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

async function decideVisit(
  deps: IngestDeps,
  event: Extract<VisitEvent, { kind: 'completed' }>,
  body: string,
): Promise<IngestResult> {
  const { detail: visit, source, eventId: correlationId } = event;
  const key = { organizationId: visit.organizationId, appointmentId: visit.appointmentId };
  const existing = await deps.visits.getDecision(key);
  if (existing) {
    if (existing.outcome === 'SCHEDULED') await ensureScheduled(deps, key);
    deps.log.info('visit already decided', { outcome: existing.outcome, correlationId });
    return { status: 'duplicate', outcome: existing.outcome };
  }

  const [unit, organization] = await Promise.all([
    deps.config.getUnit(visit.unitId),
    deps.config.getOrganization(visit.organizationId),
  ]);
  const rules = mergeRules(unit?.rules, organization?.defaults);
  const phone = normaliseMobilePhone(visit.client.mobilePhone);
  const phoneHmac = phone === undefined ? undefined : deps.hasher.phoneHmac(visit.organizationId, phone);
  const optedOut =
    phoneHmac !== undefined && organization !== undefined
      ? await deps.config.isOptedOut(visit.organizationId, phoneHmac)
      : false;
  const now = deps.clock.now();
  let ruling: ReturnType<typeof decideByRules>;
  try {
    ruling = decideByRules({ visit, unit, organization, rules, phone, optedOut, now }, deps.hasher);
  } catch (error) {
    // The rules are pure: a throw here comes from this event's values, and a retry would throw again.
    deps.log.error('visit rules failed on an event', { error: errorName(error), correlationId });
    return deadLetter(deps, body, `rules could not be applied (${errorName(error)})`, correlationId);
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

  if (ruling.outcome !== 'ELIGIBLE' || phoneHmac === undefined || !organization) {
    const unknownOrganization = organization === undefined;
    const recorded = await deps.visits.recordDecision(decision, { unknownOrganization });
    if (recorded === 'recorded' && unknownOrganization) deps.metrics.count(UNKNOWN_ORGANIZATION_METRIC);
    return finish(deps, decision, recorded === 'recorded' ? decision.outcome : undefined, key, correlationId);
  }

  const cancelledAlready = await deps.visits.isCancelled(key);
  const dispatch: DispatchRecord = {
    ...visitContextOf(decision),
    appointmentId: decision.appointmentId,
    completedAt,
    state: cancelledAlready ? 'CANCELLED' : 'PENDING',
    sendAt: ruling.sendAt.toISOString(),
    sendBy: new Date(Date.parse(completedAt) + rules.maxLagHours * HOUR_MS).toISOString(),
    // A visit cancelled before its completion arrived never needs the number at all.
    phone: cancelledAlready ? undefined : ruling.phone,
    phoneHmac,
    scheduleName: scheduleNameFor(key),
    attempts: 0,
    updatedAt: now.toISOString(),
    ...(cancelledAlready ? { endedAt: now.toISOString(), endReason: 'appointment cancelled' } : {}),
  };
  const result = await deps.visits.scheduleVisit({
    decision,
    dispatch,
    personHmac: deps.hasher.personHmac(visit.organizationId, visit.client.personRef),
    recontactDays: organization.recontactDays,
    dailyQuota: rules.dailyQuota,
  });
  if (result === 'SCHEDULED') await ensureScheduled(deps, key, organization);
  return finish(deps, decision, result === 'DUPLICATE' ? undefined : result, key, correlationId);
}

/**
 * Logs and answers the decision. `correlationId` is the EventBridge event id: an integrator finds
 * their event's fate by it, and it says nothing about the person.
 */
async function finish(
  deps: IngestDeps,
  decision: DecisionRecord,
  recordedOutcome: DecisionOutcome | undefined,
  key: VisitKey,
  correlationId: string | undefined,
): Promise<IngestResult> {
  if (recordedOutcome !== undefined) {
    deps.log.info('visit decided', { unitId: decision.unitId, outcome: recordedOutcome, correlationId });
    return { status: 'decided', outcome: recordedOutcome };
  }
  // Lost a race with a duplicate of the same event: the first decision stands.
  const existing = await deps.visits.getDecision(key);
  if (existing?.outcome === 'SCHEDULED') await ensureScheduled(deps, key);
  return { status: 'duplicate', outcome: existing?.outcome ?? decision.outcome };
}

/**
 * Makes sure a pending dispatch has its schedule. Safe to repeat: schedule creation is idempotent,
 * which also repairs a crash between the decision and the schedule.
 */
async function ensureScheduled(
  deps: IngestDeps,
  key: VisitKey,
  knownOrganization?: Organization,
): Promise<void> {
  const dispatch = await deps.visits.getDispatch(key);
  if (dispatch?.state !== 'PENDING') return;
  // A cancellation may have landed between the decision and now: it wins.
  if (await deps.visits.isCancelled(key)) {
    await cancelDispatch(deps, key, dispatch.scheduleName);
    return;
  }
  const organization = knownOrganization ?? (await deps.config.getOrganization(key.organizationId));
  const timeZone = organization?.timeZone ?? DEFAULT_TIME_ZONE;
  await deps.scheduler.scheduleSend({
    name: dispatch.scheduleName,
    at: new Date(dispatch.sendAt),
    timeZone,
    payload: key,
  });
  // Fires after the send deadline: the send service then ends whatever is still open as EXPIRED.
  await deps.scheduler.scheduleSend({
    name: closingScheduleName(scheduleNameFor(key)),
    at: new Date(Date.parse(dispatch.sendBy) + CLOSING_DELAY_MS),
    timeZone,
    payload: key,
  });
}

async function cancelVisit(
  deps: IngestDeps,
  key: VisitKey,
  correlationId: string | undefined,
): Promise<void> {
  await deps.visits.markCancelled(key, deps.clock.now());
  const dispatch = await deps.visits.getDispatch(key);
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
  await deps.scheduler.cancelSend(scheduleName);
  await deps.scheduler.cancelSend(closingScheduleName(scheduleNameFor(key)));
}
