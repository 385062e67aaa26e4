import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { zonedWallTimeToInstant } from '../../domain/sendTime';
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
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}`;
  const wholeSecond = new Date(Math.floor(instant.getTime() / 1000) * 1000);
  const roundTrip = zonedWallTimeToInstant(date, time, timeZone).getTime() + Number(parts.second) * 1000;
  if (roundTrip === wholeSecond.getTime()) {
    return { expression: `at(${date}T${time}:${parts.second})`, timeZone };
  }
  const u = wholeSecond;
  return {
    expression: `at(${u.getUTCFullYear()}-${pad(u.getUTCMonth() + 1)}-${pad(u.getUTCDate())}T${pad(u.getUTCHours())}:${pad(u.getUTCMinutes())}:${pad(u.getUTCSeconds())})`,
    timeZone: 'UTC',
  };
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
