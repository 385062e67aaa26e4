/**
 * How the send function keeps to the SMS rate the account may send (`smsPerSecond`, an SNS quota).
 *
 * The bound comes from two settings that hold whatever a send costs: at most `maxConcurrency` send
 * invocations run at once (the SQS event source's maximum concurrency), and each invocation (one
 * message, batch size 1) lasts at least `minMillisPerSend`, waiting out the rest when its work was
 * quicker. Each concurrency slot then calls the provider at most once per `minMillisPerSend`, at a
 * varying point of each invocation, so in any interval of T seconds at most
 * `maxConcurrency × (T / minSecondsPerSend + 2)` SMS go out: `smsPerSecond × T`, plus at most
 * `2 × maxConcurrency` at its edges. Over any minute that is within a few percent of the rate; SNS
 * throttling, should a short peak meet it, is retried without sending twice.
 *
 * Only the split between the two rests on an estimate: a send's own time (three DynamoDB calls and
 * the SNS Publish, about 0.1-0.2 s in the region; EXPECTED_SEND_SECONDS with headroom). With a higher
 * concurrency than needed the invocations wait more; with a lower one the rate is not reached.
 */
export const EXPECTED_SEND_SECONDS = 0.25;
/** Lambda's floor for an SQS event source's maximum concurrency, and its ceiling. */
const MIN_SQS_CONCURRENCY = 2;
const MAX_SQS_CONCURRENCY = 1000;

export interface SendPacing {
  smsPerSecond: number;
  /** The send function's SQS maximum concurrency. */
  maxConcurrency: number;
  /** The least time one send invocation takes: maxConcurrency / smsPerSecond, rounded up to whole ms. */
  minMillisPerSend: number;
}

export function sendPacing(smsPerSecond: number): SendPacing {
  if (!(smsPerSecond > 0)) throw new Error(`smsPerSecond must be positive, not ${smsPerSecond}`);
  const maxConcurrency = Math.min(
    MAX_SQS_CONCURRENCY,
    Math.max(MIN_SQS_CONCURRENCY, Math.ceil(smsPerSecond * EXPECTED_SEND_SECONDS)),
  );
  return {
    smsPerSecond,
    maxConcurrency,
    minMillisPerSend: Math.ceil((maxConcurrency / smsPerSecond) * 1000),
  };
}

/** The most SMS per second the pacing lets out (never above `smsPerSecond`). */
export const pacedRate = (pacing: SendPacing) => (pacing.maxConcurrency * 1000) / pacing.minMillisPerSend;

/** Seconds a burst of `messages` due at once takes to send at the pacing, when each send keeps within it. */
export const burstSeconds = (messages: number, pacing: SendPacing) => messages / pacedRate(pacing);
