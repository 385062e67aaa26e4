import * as z from 'zod';
import { openVisitDates } from '../domain/aggregateDates';
import { addLocalDays, localDateOf, zonedWallTimeToInstant } from '../domain/sendTime';
import { DEFAULT_TIME_ZONE, mergeRules } from '../schemas/config';
import {
  type AggregateJobDeps,
  aggregateOrganization,
  type OrganizationRunSummary,
  RECOMPUTE_LIMIT_DAYS,
} from './aggregateOrganization';
import { aggregateUnknownOrganizations, type UnknownOrganizationRun } from './platformFigures';

export interface AggregateRunInput {
  /** When the run happens (nominally 02:00 Europe/Helsinki). */
  at: Date;
  /** The run date (the last visit date recomputed) for every organization; default: yesterday in its zone. */
  date?: string;
  /** Read every unit's every open date, not only what the touched record says changed (a repair). */
  full?: boolean;
}

export interface AggregateRunSummary {
  at: string;
  organizations: OrganizationRunSummary[];
  /** The platform figure of visits naming unknown organizations (dates in Europe/Helsinki). */
  unknownOrganizations?: UnknownOrganizationRun;
  /**
   * Why the platform figure failed, if it did. Not a failure of the run: the next night recounts every
   * date still open, so it mends itself without a retry that would redo every organization.
   */
  platformFailure?: string;
  failures: { organizationId: string; error: string }[];
}

/** The nightly job runs at 02:00 in this zone; the local job endpoint runs "as if" then. */
export const NIGHTLY_RUN_TIME = '02:00';
export const NIGHTLY_RUN_ZONE = 'Europe/Helsinki';

/** The instant of the nightly run that aggregates `date`: 02:00 Europe/Helsinki the next day. */
export function nightlyRunInstant(date: string): Date {
  return zonedWallTimeToInstant(addLocalDays(date, 1), NIGHTLY_RUN_TIME, NIGHTLY_RUN_ZONE);
}

const invocationSchema = z
  .object({
    date: z.iso.date().optional(),
    time: z.iso.datetime({ offset: true }).optional(),
    scheduledTime: z.iso.datetime({ offset: true }).optional(),
    full: z.boolean().optional(),
  })
  .loose();

/**
 * What EventBridge Scheduler (or an operator) passes to the aggregate function: nothing, or
 * `{"scheduledTime": "<aws.scheduler.scheduled-time>"}`, or `{"date": "YYYY-MM-DD"}` to rerun a night
 * (with `"full": true`, reading every open date rather than what changed).
 * Anything that is not an object counts as nothing; an object with a malformed field is an error.
 */
export function parseAggregateInvocation(event: unknown, now: Date): AggregateRunInput {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return { at: now };
  const parsed = invocationSchema.parse(event);
  const full = parsed.full ? { full: true } : {};
  if (parsed.date) return { at: nightlyRunInstant(parsed.date), date: parsed.date, ...full };
  const time = parsed.scheduledTime ?? parsed.time;
  return { at: time ? new Date(time) : now, ...full };
}

/**
 * The nightly aggregation: for every organization and unit, recomputes every visit date still open
 * (see {@link openVisitDates}) and the months they fall in, then puts `Aggregates Ready` on the bus.
 * Idempotent: cells are overwritten by key (only when they change), so a rerun, also after a failure
 * halfway, gives the same result. One organization failing does not stop the others; the summary
 * lists it and the caller decides (the Lambda handler throws, so that the run is retried).
 */
export async function runNightlyAggregation(
  deps: AggregateJobDeps,
  input: AggregateRunInput,
): Promise<AggregateRunSummary> {
  const summary: AggregateRunSummary = { at: input.at.toISOString(), organizations: [], failures: [] };
  for (const organization of await deps.config.listOrganizations()) {
    const date =
      input.date ?? addLocalDays(localDateOf(input.at, organization.timeZone ?? DEFAULT_TIME_ZONE), -1);
    try {
      summary.organizations.push(await aggregateOrganization(deps, organization, date, input.at, input.full));
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      deps.log.error('aggregation failed for an organization', {
        organizationId: organization.organizationId,
        date,
        error: name,
      });
      summary.failures.push({ organizationId: organization.organizationId, error: name });
    }
  }
  await aggregatePlatform(deps, input, summary);
  deps.log.info('nightly aggregation finished', {
    at: summary.at,
    organizations: summary.organizations.length,
    failures: summary.failures.length,
  });
  return summary;
}

/**
 * The platform figures, for the same run: visits of unknown organizations have no organization's
 * rules or zone, so their dates are those the system defaults keep open, in Europe/Helsinki.
 */
async function aggregatePlatform(
  deps: AggregateJobDeps,
  input: AggregateRunInput,
  summary: AggregateRunSummary,
): Promise<void> {
  const runDate = input.date ?? addLocalDays(localDateOf(input.at, DEFAULT_TIME_ZONE), -1);
  const oldest = addLocalDays(
    localDateOf(deps.clock?.now() ?? input.at, DEFAULT_TIME_ZONE),
    -RECOMPUTE_LIMIT_DAYS,
  );
  const dates = openVisitDates(runDate, [mergeRules(undefined, undefined)]).filter((d) => d >= oldest);
  try {
    summary.unknownOrganizations = await aggregateUnknownOrganizations(deps, dates, input.at);
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    deps.log.error('aggregation failed for the platform figures', { date: runDate, error: name });
    summary.platformFailure = name;
  }
}
