import { ORGANIZATION_ROW } from '../domain/aggregate';
import { CONTINUOUS_WEEKS, measuresContinuously, sentDatesByUnit } from '../domain/rollout';
import { addLocalDays, localDateOf } from '../domain/sendTime';
import type { AggregateStore } from '../ports';

/** How far back the status looks: "responses in the last 30 days", and the last SMS within them. */
export const STATUS_DAYS = 30;

/** What the status of one unit says, from the nightly day cells (days are visit dates). */
export interface UnitStatus {
  unitId: string;
  /**
   * The latest visit date (local 'YYYY-MM-DD') in the window whose day cell counts at least one sent
   * SMS; null when none was sent in the last `STATUS_DAYS` days.
   */
  lastSentDate: string | null;
  /** Stored answers to visits of the last `STATUS_DAYS` days (raw count: for the unit's own admins). */
  responses: number;
  /** SMS accepted by the provider for visits of the last `STATUS_DAYS` days. */
  sent: number;
  /** At least one SMS sent in each of the last `CONTINUOUS_WEEKS` weeks (see domain/rollout.ts). */
  measuringContinuously: boolean;
}

export interface UnitStatusRequest {
  organizationId: string;
  unitIds: readonly string[];
  /**
   * The last day the figures cover, inclusive (local 'YYYY-MM-DD'). The nightly job computes a day
   * after it ends, so `latestCompleteDay` is the usual choice; a report may pass any earlier date.
   */
  asOf: string;
}

/**
 * The last visit date the nightly figures are complete for: yesterday in the organization's zone (the
 * job runs at 02:00 for the day before).
 */
export const latestCompleteDay = (now: Date, timeZone: string) =>
  addLocalDays(localDateOf(now, timeZone), -1);

/** The first day of the `STATUS_DAYS` window that ends on `asOf`. */
export const statusWindowStart = (asOf: string) =>
  addLocalDays(asOf, -(Math.max(STATUS_DAYS, CONTINUOUS_WEEKS * 7) - 1));

/**
 * The status of each unit asked for, as of `asOf`: one read of the organization's day cells of the
 * window (units only; area and organization rows are skipped). Units without cells get an empty
 * status, so the answer has every id asked for, in the order asked.
 */
export async function unitStatuses(
  aggregates: Pick<AggregateStore, 'dailyCells'>,
  request: UnitStatusRequest,
): Promise<UnitStatus[]> {
  const from = statusWindowStart(request.asOf);
  const responsesFrom = addLocalDays(request.asOf, -(STATUS_DAYS - 1));
  const cells = (await aggregates.dailyCells(request.organizationId, undefined, from, request.asOf)).filter(
    (cell) =>
      cell.granularity === 'day' &&
      cell.unitId !== ORGANIZATION_ROW &&
      cell.areaId === undefined &&
      cell.period <= request.asOf,
  );
  const sentDays = sentDatesByUnit(
    cells.map((cell) => ({ unitId: cell.unitId, date: cell.period, sent: cell.counts.funnel.sent })),
  );
  const totals = new Map<string, { responses: number; sent: number }>();
  for (const cell of cells) {
    if (cell.period < responsesFrom) continue;
    const total = totals.get(cell.unitId) ?? { responses: 0, sent: 0 };
    total.responses += cell.counts.responses;
    total.sent += cell.counts.funnel.sent;
    totals.set(cell.unitId, total);
  }
  return request.unitIds.map((unitId) => {
    const dates = sentDays.get(unitId) ?? new Set<string>();
    const recent = [...dates].filter((date) => date >= responsesFrom).sort();
    return {
      unitId,
      lastSentDate: recent.at(-1) ?? null,
      responses: totals.get(unitId)?.responses ?? 0,
      sent: totals.get(unitId)?.sent ?? 0,
      measuringContinuously: measuresContinuously(dates, request.asOf),
    };
  });
}
