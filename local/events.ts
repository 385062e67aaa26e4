import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock, DeadLetterSink, Log } from '../shared/ports';
import { matchesVisitEventPattern } from '../shared/schemas/events';

/** The request as a whole: EventBridge refuses it outright only for the number of entries. */
export const putEventsSchema = z.object({ Entries: z.array(z.unknown()).min(1).max(10) });
export type PutEventsRequest = z.infer<typeof putEventsSchema>;

/** One entry; anything wrong with it is answered in its own place of the response. */
const entrySchema = z.object({
  Source: z.string().min(1),
  DetailType: z.string().min(1),
  Detail: z.string(),
  EventBusName: z.string().optional(),
});

export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };
export interface PutEventsResponse {
  FailedEntryCount: number;
  Entries: PutEventsResultEntry[];
}

/** Deliveries before an event goes to the dead letters, as the ingest queue's `maxReceiveCount`. */
export const MAX_DELIVERIES = 5;

export interface LocalBusDeps {
  clock: Clock;
  log: Log;
  deadLetters: DeadLetterSink;
  /** The ingest function behind the bus rule's queue; it throws when the event should be retried. */
  deliver: (body: string) => Promise<unknown>;
  /** Wait before a redelivery (the queue's visibility timeout, shortened). */
  retryDelayMs?: (delivery: number) => number;
}

/**
 * `PutEvents` as EventBridge answers it, each entry on its own: a bad entry gets an `ErrorCode` in its
 * place and the others go on. An accepted entry that matches the visit rule is delivered to ingest
 * before the call returns, redelivered when ingest throws, and dead-lettered with the reason after
 * `MAX_DELIVERIES`, as the SQS queue between the rule and the ingest function would do.
 */
export function createLocalBus(deps: LocalBusDeps) {
  const retryDelayMs = deps.retryDelayMs ?? ((delivery: number) => 25 * 2 ** delivery);

  async function deliverWithRetries(body: string): Promise<void> {
    for (let delivery = 1; ; delivery += 1) {
      try {
        await deps.deliver(body);
        return;
      } catch (error) {
        const name = (error as Error).name;
        deps.log.warn('event delivery failed', { delivery, error: name });
        if (delivery >= MAX_DELIVERIES) {
          await deps.deadLetters.put({
            reason: `ingest failed ${delivery} times; last error ${name}: ${(error as Error).message}`,
            body,
            at: deps.clock.now().toISOString(),
          });
          return;
        }
        await new Promise((r) => setTimeout(r, retryDelayMs(delivery)));
      }
    }
  }

  async function putEntry(raw: unknown): Promise<PutEventsResultEntry> {
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') || 'entry';
      return {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: `Parameter ${field} is not valid: ${issue?.message}`,
      };
    }
    const entry = parsed.data;
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail);
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed: it is not valid JSON.' };
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail))
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed: it must be a JSON object.' };

    const id = randomUUID();
    if (matchesVisitEventPattern(entry.DetailType)) {
      const envelope = JSON.stringify({
        version: '0',
        id,
        'detail-type': entry.DetailType,
        source: entry.Source,
        account: '000000000000',
        time: deps.clock.now().toISOString(),
        region: 'local',
        resources: [],
      });
      // The detail goes in as the text it came as: re-serialising a deeply nested one could overflow the stack.
      await deliverWithRetries(`${envelope.slice(0, -1)},"detail":${entry.Detail}}`);
    }
    return { EventId: id };
  }

  async function putEvents(request: PutEventsRequest): Promise<PutEventsResponse> {
    const entries: PutEventsResultEntry[] = [];
    for (const raw of request.Entries) {
      try {
        entries.push(await putEntry(raw));
      } catch (error) {
        deps.log.error('event entry failed', { error: (error as Error).name });
        entries.push({ ErrorCode: 'InternalFailure', ErrorMessage: 'The entry could not be processed.' });
      }
    }
    return { FailedEntryCount: entries.filter((e) => 'ErrorCode' in e).length, Entries: entries };
  }

  return { putEvents };
}
