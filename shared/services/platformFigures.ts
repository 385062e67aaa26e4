import type { AggregateSources, PlatformFigureStore, UnknownOrganizationDay } from '../ports';

/**
 * Platform figures: what no organization's report can show because no organization owns it. Today one
 * figure: visits naming an organization that is not configured (a misconfigured appointment system,
 * or an organization not yet set up), counted per visit date and organization id named.
 */

/**
 * At most this many organization ids are listed per date (the most frequent); the rest are summed in
 * `unlistedVisits`, so that a sender inventing ids cannot grow one stored day without bound.
 */
export const MAX_LISTED_UNKNOWN_ORGANIZATIONS = 100;

/** The listed ids (most visits first, then by id) and the visits of the ids left out. */
export function unknownOrganizationFigure(
  visits: ReadonlyMap<string, number>,
  limit = MAX_LISTED_UNKNOWN_ORGANIZATIONS,
): Pick<UnknownOrganizationDay, 'unknownOrganizations' | 'unlistedVisits'> {
  const ranked = [...visits].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0));
  const unknownOrganizations: Record<string, number> = {};
  for (const [organizationId, count] of ranked.slice(0, limit)) unknownOrganizations[organizationId] = count;
  const unlistedVisits = ranked.slice(limit).reduce((sum, [, count]) => sum + count, 0);
  return { unknownOrganizations, unlistedVisits };
}

export interface UnknownOrganizationRun {
  visitDates: { from: string; to: string } | null;
  /** Visits of unknown organizations in those dates. */
  visits: number;
  daysWritten: number;
  daysDeleted: number;
}

/**
 * Recounts the visits of unknown organizations for the visit dates given (consecutive, oldest first)
 * and stores one day per date that has any; a date that has none any more is deleted. Idempotent.
 */
export async function aggregateUnknownOrganizations(
  deps: { sources: AggregateSources; aggregates: PlatformFigureStore },
  dates: readonly string[],
  at: Date,
): Promise<UnknownOrganizationRun> {
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (first === undefined || last === undefined)
    return { visitDates: null, visits: 0, daysWritten: 0, daysDeleted: 0 };
  const fresh: UnknownOrganizationDay[] = [];
  let total = 0;
  for (const date of dates) {
    const visits = new Map<string, number>();
    for await (const page of deps.sources.unknownOrganizationItems(date)) {
      for (const item of page) {
        if (item.kind !== 'DECISION') continue;
        visits.set(item.organizationId, (visits.get(item.organizationId) ?? 0) + 1);
        total += 1;
      }
    }
    if (visits.size > 0)
      fresh.push({ date, ...unknownOrganizationFigure(visits), updatedAt: at.toISOString() });
  }
  const stored = await deps.aggregates.unknownOrganizationDays(first, last);
  const freshDates = new Set(fresh.map((day) => day.date));
  const gone = stored.filter((day) => !freshDates.has(day.date)).map((day) => day.date);
  await deps.aggregates.deleteUnknownOrganizationDays(gone);
  await deps.aggregates.putUnknownOrganizationDays(fresh);
  return {
    visitDates: { from: first, to: last },
    visits: total,
    daysWritten: fresh.length,
    daysDeleted: gone.length,
  };
}

/** The rows of `GET /api/v1/reports/platform`: dates that had such visits, oldest first. */
export async function unknownOrganizationRows(store: PlatformFigureStore, from: string, to: string) {
  const days = await store.unknownOrganizationDays(from, to);
  return days
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((day) => ({
      date: day.date,
      unknownOrganizations: day.unknownOrganizations,
      ...(day.unlistedVisits > 0 ? { unlistedVisits: day.unlistedVisits } : {}),
    }));
}
