import { DAY_MS } from './sendTime';

/**
 * The recontact rule: no person gets two surveys whose send times are closer than `recontactDays`,
 * whatever the order in which their visits arrive. A person's record keeps the send times that can
 * still matter; a new visit is scheduled only when its send time keeps that distance from every one.
 */

/** Whether a survey sent at `sendAt` keeps `recontactDays` from every send time of the person. */
export function recontactAllows(sends: readonly string[], sendAt: Date, recontactDays: number): boolean {
  const window = recontactDays * DAY_MS;
  return sends.every((send) => Math.abs(Date.parse(send) - sendAt.getTime()) >= window);
}

/**
 * A day of slack for clocks of different instances: a send time is kept a day longer than it can
 * matter to a visit decided now.
 */
const CLOCK_SLACK_MS = DAY_MS;

/**
 * The send times worth keeping at `now`, oldest first, without duplicates. A new visit's send time is
 * never before `now`, so a send older than `now − recontactDays` can never be within the window again.
 */
export function sendsToKeep(sends: readonly string[], now: Date, recontactDays: number): string[] {
  const oldest = now.getTime() - recontactDays * DAY_MS - CLOCK_SLACK_MS;
  return [...new Set(sends)].filter((send) => Date.parse(send) >= oldest).sort();
}

/** When the person's record may go: a day after the last of its send times stops mattering. */
export function recontactExpiry(sends: readonly string[], recontactDays: number): Date {
  const last = Math.max(0, ...sends.map((send) => Date.parse(send)));
  return new Date(last + recontactDays * DAY_MS + CLOCK_SLACK_MS);
}
