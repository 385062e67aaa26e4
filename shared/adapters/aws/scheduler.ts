import { CreateScheduleCommand, DeleteScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { localWallTime, zonedWallTimeToInstant } from '../../domain/sendTime';
import type { Clock, SendScheduler } from '../../ports';

export interface SchedulerTarget {
  groupName: string;
  /** The send queue: the schedule puts the visit key on it. */
  queueArn: string;
  /** The role EventBridge Scheduler assumes; it may only send to that queue. */
  roleArn: string;
}

/** Scheduler runs with one-minute precision and does not take times in the past. */
const MIN_LEAD_MS = 60_000;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The `at()` expression for an instant, in the organization's time zone. A wall time that occurs twice
 * (the fall-back hour) is ambiguous to Scheduler, so such an instant is given in UTC instead.
 */
export function atExpression(instant: Date, timeZone: string): { expression: string; timeZone: string } {
  const wholeSecond = Math.floor(instant.getTime() / 1000) * 1000;
  const local = localWallTime(instant, timeZone);
  const roundTrip = zonedWallTimeToInstant(local.date, local.time, timeZone).getTime() + local.second * 1000;
  if (roundTrip === wholeSecond) {
    return { expression: `at(${local.date}T${local.time}:${pad(local.second)})`, timeZone };
  }
  return { expression: `at(${new Date(wholeSecond).toISOString().slice(0, 19)})`, timeZone: 'UTC' };
}

export function createEventBridgeSendScheduler(
  scheduler: SchedulerClient,
  target: SchedulerTarget,
  clock: Clock,
): SendScheduler {
  return {
    async scheduleSend({ name, at, timeZone, payload }) {
      const earliest = clock.now().getTime() + MIN_LEAD_MS;
      const { expression, timeZone: expressionZone } = atExpression(
        new Date(Math.max(at.getTime(), earliest)),
        timeZone,
      );
      try {
        await scheduler.send(
          new CreateScheduleCommand({
            Name: name,
            GroupName: target.groupName,
            ScheduleExpression: expression,
            ScheduleExpressionTimezone: expressionZone,
            FlexibleTimeWindow: { Mode: 'OFF' },
            ActionAfterCompletion: 'DELETE',
            Target: {
              Arn: target.queueArn,
              RoleArn: target.roleArn,
              Input: JSON.stringify(payload),
              RetryPolicy: { MaximumEventAgeInSeconds: 24 * 60 * 60, MaximumRetryAttempts: 185 },
            },
          }),
        );
      } catch (error) {
        // The same visit scheduled again (a redelivered event): the first schedule stands.
        if ((error as Error).name !== 'ConflictException') throw error;
      }
    },
    async cancelSend(name) {
      try {
        await scheduler.send(new DeleteScheduleCommand({ Name: name, GroupName: target.groupName }));
      } catch (error) {
        if ((error as Error).name !== 'ResourceNotFoundException') throw error;
      }
    },
  };
}

/** The send scheduler as ingest and send configure it from their environment (call at module scope). */
export function sendSchedulerFromEnv(
  env: { SCHEDULE_GROUP_NAME: string; SEND_QUEUE_ARN: string; SCHEDULER_ROLE_ARN: string },
  clock: Clock,
): SendScheduler {
  return createEventBridgeSendScheduler(
    new SchedulerClient({}),
    { groupName: env.SCHEDULE_GROUP_NAME, queueArn: env.SEND_QUEUE_ARN, roleArn: env.SCHEDULER_ROLE_ARN },
    clock,
  );
}
