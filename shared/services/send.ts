import { hashSurveyToken, newSurveyToken } from '../domain/keys';
import { DAY_MS, earliestSendableInstant, HOUR_MS, isInsideSendWindow } from '../domain/sendTime';
import { fitsOneSegment, renderSurveySms, surveyLink } from '../domain/sms';
import {
  type Clock,
  type ConfigStore,
  type Log,
  type Metrics,
  type SendScheduler,
  type SmsGateway,
  SmsRejectedError,
  SmsThrottledError,
  type SurveyStore,
  type VisitStore,
} from '../ports';
import { type Language, mergeRules, type Organization, type Unit } from '../schemas/config';
import {
  type DispatchRecord,
  type DispatchState,
  FINAL_DISPATCH_STATES,
  type SendPayload,
  sendPayloadOf,
  type VisitKey,
  visitContextOf,
} from '../schemas/records';
import { scheduleNameFor } from './ingest';

export interface SendDeps {
  clock: Clock;
  config: ConfigStore;
  visits: VisitStore;
  surveys: SurveyStore;
  sms: SmsGateway;
  scheduler: SendScheduler;
  publicBaseUrl: string;
  log: Log;
  metrics: Metrics;
  /**
   * How long a send attempt may take before a redelivered message may conclude that it died. Must
   * exceed the send function's timeout.
   */
  sendingLeaseMs: number;
}

export type SendOutcome =
  | 'SENT'
  | 'CANCELLED'
  | 'EXPIRED'
  | 'FAILED'
  | 'OPTED_OUT'
  | 'UNKNOWN'
  | 'RESCHEDULED'
  | 'ALREADY_ENDED'
  | 'UNKNOWN_VISIT';

/** Thrown when the message should be delivered again later (nothing was sent). */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';
}

/** Scheduler fires within the minute it is set for. */
const EARLY_TOLERANCE_MS = 60_000;

export function smsSenderName(
  organization: Organization,
  unit: Unit | undefined,
  language: Language,
): string {
  return unit?.smsName?.[language] ?? unit?.smsName?.fi ?? organization.name[language];
}

/**
 * Sends the survey SMS of one scheduled visit, at most once. The dispatch moves PENDING → SENDING
 * with a conditional write before the provider is called, so no two attempts can both send; an
 * attempt that dies after its claim leaves SENDING, which is never sent again and, after the lease,
 * ends UNKNOWN: only the provider's acceptance makes a dispatch SENT.
 */
export async function sendScheduledSurvey(deps: SendDeps, payload: SendPayload): Promise<SendOutcome> {
  const key: VisitKey = { organizationId: payload.organizationId, appointmentId: payload.appointmentId };
  const { phoneHmac } = payload;
  const read = await deps.visits.readDispatch(key, phoneHmac === undefined ? undefined : { phoneHmac });
  const { dispatch, cancelled } = read;
  if (!dispatch) {
    deps.log.warn('schedule fired for an unknown visit');
    return 'UNKNOWN_VISIT';
  }
  if (FINAL_DISPATCH_STATES.includes(dispatch.state)) return 'ALREADY_ENDED';
  // Read with the dispatch when the schedule carried this dispatch's phoneHmac; otherwise (a schedule
  // made before payloads carried it) read on its own, when it is needed.
  const optedOut =
    read.optedOut !== undefined && phoneHmac === dispatch.phoneHmac
      ? () => Promise.resolve(read.optedOut === true)
      : () => deps.config.isOptedOut(key.organizationId, dispatch.phoneHmac);
  try {
    return await attemptSend(deps, key, dispatch, cancelled, optedOut);
  } catch (error) {
    // Left open (to be retried, or SENDING after a failure): make sure something ends it in the end.
    await ensureClosingSchedule(deps, key, dispatch);
    throw error;
  }
}

/** How long after `sendBy` the closing schedule fires: past the send deadline, so that it only ends things. */
const CLOSING_DELAY_MS = 5 * 60 * 1000;

/** The schedule that ends a dispatch no send managed to end (and so erases its phone number). */
export const closingScheduleName = (key: VisitKey) => `${scheduleNameFor(key)}-end`;

/**
 * Only an attempt that leaves its dispatch open creates the closing schedule, so that a visit whose
 * send ends it (nearly all) has one schedule and one invocation. The redeliveries of a failed send
 * come back here and create it (once: the name is the visit's) before the message could be dropped.
 */
async function ensureClosingSchedule(deps: SendDeps, key: VisitKey, dispatch: DispatchRecord) {
  try {
    await deps.scheduler.scheduleSend({
      name: closingScheduleName(key),
      at: new Date(Date.parse(dispatch.sendBy) + CLOSING_DELAY_MS),
      timeZone: 'UTC',
      payload: sendPayloadOf(dispatch),
    });
  } catch (error) {
    // The message's own redeliveries try again; the original failure is the one to report.
    deps.log.error('could not create the closing schedule', { error: (error as Error).name });
  }
}

async function attemptSend(
  deps: SendDeps,
  key: VisitKey,
  dispatch: DispatchRecord,
  cancelled: boolean,
  optedOut: () => Promise<boolean>,
): Promise<SendOutcome> {
  const now = deps.clock.now();
  if (dispatch.state === 'SENDING') return concludeInterruptedSend(deps, key, dispatch, now);

  if (cancelled) return end(deps, key, 'PENDING', 'CANCELLED', 'appointment cancelled');
  const [organization, unit] = await Promise.all([
    deps.config.getOrganization(key.organizationId),
    deps.config.getUnit(dispatch.unitId),
  ]);
  if (!organization) return end(deps, key, 'PENDING', 'FAILED', 'organization no longer configured');
  if (await optedOut()) {
    return end(deps, key, 'PENDING', 'OPTED_OUT', 'client opted out');
  }
  const rules = mergeRules(unit?.rules, organization.defaults);
  // A message that arrives early (a stray redelivery) must not send before the decided time.
  if (now.getTime() < Date.parse(dispatch.sendAt) - EARLY_TOLERANCE_MS) {
    return reschedule(deps, key, dispatch, new Date(dispatch.sendAt), organization.timeZone);
  }
  const deadline = Date.parse(dispatch.completedAt) + rules.maxLagHours * HOUR_MS;
  if (now.getTime() > deadline) return end(deps, key, 'PENDING', 'EXPIRED', 'past maxLagHours');
  if (!isInsideSendWindow(now, organization.timeZone, rules.sendWindow, rules.blockedDates)) {
    const next = earliestSendableInstant(now, organization.timeZone, rules.sendWindow, rules.blockedDates);
    if (!next || next.getTime() > deadline)
      return end(deps, key, 'PENDING', 'EXPIRED', 'no send window before maxLagHours');
    return reschedule(deps, key, dispatch, next, organization.timeZone);
  }
  if (!dispatch.phone) return end(deps, key, 'PENDING', 'FAILED', 'no phone number on the dispatch');

  const token = newSurveyToken();
  const body = renderSurveySms(organization.smsTemplates[dispatch.language], {
    link: surveyLink(deps.publicBaseUrl, token),
    senderName: smsSenderName(organization, unit, dispatch.language),
  });
  if (!fitsOneSegment(body))
    return end(deps, key, 'PENDING', 'FAILED', 'rendered SMS does not fit one segment');

  // The claim and the survey record (the link must work before the SMS goes) are written side by side:
  // a survey written by an attempt that loses the claim has a token nobody was sent, and expires, as
  // one of a throttled attempt does. Only the attempt whose claim won calls the provider.
  const [claim, survey] = await Promise.allSettled([
    deps.visits.transitionDispatch(key, 'PENDING', 'SENDING', {
      sendingSince: now.toISOString(),
      attempts: dispatch.attempts + 1,
      updatedAt: now.toISOString(),
    }),
    deps.surveys.putSurvey({
      tokenHash: hashSurveyToken(token),
      ...visitContextOf(dispatch),
      questionSetId: rules.questionSetId,
      phoneHmac: dispatch.phoneHmac,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + rules.linkTtlDays * DAY_MS).toISOString(),
    }),
  ]);
  if (claim.status === 'rejected') throw claim.reason;
  if (!claim.value) return 'ALREADY_ENDED';
  if (survey.status === 'rejected') {
    await release(deps, key, now);
    throw survey.reason;
  }

  let messageId: string;
  try {
    ({ messageId } = await deps.sms.send({ to: dispatch.phone, senderId: organization.smsSenderId, body }));
  } catch (error) {
    if (error instanceof SmsThrottledError) {
      await release(deps, key, now);
      throw new RetryLaterError('SMS provider throttled; will retry');
    }
    if (error instanceof SmsRejectedError) {
      deps.metrics.count('SmsFailed');
      return end(deps, key, 'SENDING', 'FAILED', `SMS provider refused: ${error.message}`);
    }
    // Unknown whether the provider sent it: stay SENDING (ended UNKNOWN after the lease), so that no
    // retry can send a second SMS.
    deps.log.error('SMS send ended without a result; not retried', { error: (error as Error).name });
    throw error;
  }
  const sentAt = deps.clock.now().toISOString();
  const recorded = await deps.visits.transitionDispatch(
    key,
    'SENDING',
    'SENT',
    { sentAt, messageId, endedAt: sentAt, updatedAt: sentAt },
    ['phone', 'sendingSince'],
  );
  // Only if this attempt outlived its lease and was concluded UNKNOWN: the record stays as it is.
  if (!recorded) deps.log.warn('SMS sent after the dispatch had ended', { unitId: dispatch.unitId });
  deps.metrics.count('SmsSent');
  deps.log.info('survey SMS sent', { unitId: dispatch.unitId, messageId });
  return 'SENT';
}

/**
 * Back to PENDING after a failure that certainly sent nothing, so that a retry may send. If this write
 * fails too, the dispatch stays SENDING and a later attempt, which cannot know that nothing was sent,
 * ends it UNKNOWN after the lease.
 */
async function release(deps: SendDeps, key: VisitKey, now: Date): Promise<void> {
  try {
    await deps.visits.transitionDispatch(key, 'SENDING', 'PENDING', { updatedAt: now.toISOString() }, [
      'sendingSince',
    ]);
  } catch (error) {
    deps.log.error('could not release the send claim; the dispatch will end UNKNOWN', {
      error: (error as Error).name,
    });
    throw error;
  }
}

async function concludeInterruptedSend(
  deps: SendDeps,
  key: VisitKey,
  dispatch: DispatchRecord,
  now: Date,
): Promise<SendOutcome> {
  const since = Date.parse(dispatch.sendingSince ?? dispatch.updatedAt);
  if (now.getTime() - since < deps.sendingLeaseMs)
    throw new RetryLaterError('another attempt may still be sending');
  // The attempt died after claiming: whether the provider was called cannot be known. Sending again
  // could send twice (a lost SMS beats a duplicate), and counting it as sent would be a guess.
  deps.log.warn('send attempt was interrupted after its claim; ended as delivery unknown', {
    unitId: dispatch.unitId,
  });
  const outcome = await end(
    deps,
    key,
    'SENDING',
    'UNKNOWN',
    'send attempt interrupted after its claim; delivery unknown',
  );
  if (outcome === 'UNKNOWN') deps.metrics.count('SmsDeliveryUnknown');
  return outcome;
}

async function end(
  deps: SendDeps,
  key: VisitKey,
  from: DispatchState,
  to: Exclude<DispatchState, 'PENDING' | 'SENDING' | 'SENT'>,
  reason: string,
): Promise<SendOutcome> {
  const now = deps.clock.now().toISOString();
  const changed = await deps.visits.transitionDispatch(
    key,
    from,
    to,
    { endedAt: now, endReason: reason, updatedAt: now },
    ['phone', 'sendingSince'],
  );
  if (!changed) return 'ALREADY_ENDED';
  deps.log.info('dispatch ended', { state: to, reason });
  return to;
}

async function reschedule(
  deps: SendDeps,
  key: VisitKey,
  dispatch: DispatchRecord,
  at: Date,
  timeZone: string,
): Promise<SendOutcome> {
  const now = deps.clock.now().toISOString();
  const name = `${dispatch.scheduleName.slice(0, 50)}-${Math.floor(at.getTime() / 1000)}`;
  const moved = await deps.visits.transitionDispatch(key, 'PENDING', 'PENDING', {
    sendAt: at.toISOString(),
    scheduleName: name,
    updatedAt: now,
  });
  if (!moved) return 'ALREADY_ENDED';
  await deps.scheduler.scheduleSend({ name, at, timeZone, payload: sendPayloadOf(dispatch) });
  deps.log.info('send moved to the next window', { sendAt: at.toISOString() });
  return 'RESCHEDULED';
}
