import type { CellCounts } from '../domain/aggregate';
import { countAnswer, countDecision, countDispatch, emptyCounts, isEmptyCounts } from '../domain/aggregate';
import { SMS_SLICE, sliceOf } from '../domain/aggregateDimensions';
import type { AggregateSources } from '../ports';

/**
 * Folds one unit-date cell page by page: memory holds one page, not the day's answers. `slices`, when
 * given, receives the same counts split by channel × respondent (the SMS funnel is `sms/client`).
 */
export async function foldCell(
  sources: Pick<AggregateSources, 'funnelItems' | 'answerFigures'>,
  organizationId: string,
  unitId: string,
  visitDate: string,
  slices?: Map<string, CellCounts>,
): Promise<CellCounts> {
  const counts = emptyCounts();
  const sliceCounts = (slice: string) => {
    if (!slices) return emptyCounts();
    let into = slices.get(slice);
    if (!into) {
      into = emptyCounts();
      slices.set(slice, into);
    }
    return into;
  };
  for await (const page of sources.funnelItems(unitId, visitDate)) {
    for (const item of page) {
      // An event may name a unit of another organization; it is not this unit's visit.
      if (item.organizationId !== organizationId) continue;
      for (const into of [counts, sliceCounts(sliceOf(SMS_SLICE))]) {
        if (item.kind === 'DECISION') countDecision(into, item.outcome);
        else countDispatch(into, item.state);
      }
    }
  }
  for await (const page of sources.answerFigures(unitId, visitDate)) {
    for (const answer of page) {
      if (answer.organizationId !== organizationId) continue;
      const channel = answer.channel ?? SMS_SLICE.channel;
      const slice = sliceOf({ channel, respondent: answer.respondent ?? SMS_SLICE.respondent });
      for (const into of [counts, sliceCounts(slice)]) countAnswer(into, answer.answers, channel);
    }
  }
  // A day with nothing of a slice leaves no cell of it (the funnel slice is made before its items).
  if (slices) for (const [slice, c] of slices) if (isEmptyCounts(c)) slices.delete(slice);
  return counts;
}

/**
 * Counts an organization's visits of units that do not exist (`UNKNOWN_UNIT`) on a visit date: they
 * are filed under the organization, page by page like a unit's.
 */
export async function foldUnknownUnits(
  sources: Pick<AggregateSources, 'unknownUnitItems'>,
  organizationId: string,
  visitDate: string,
): Promise<number> {
  let visits = 0;
  for await (const page of sources.unknownUnitItems(organizationId, visitDate)) {
    for (const item of page) {
      if (
        item.organizationId === organizationId &&
        item.kind === 'DECISION' &&
        item.outcome === 'UNKNOWN_UNIT'
      )
        visits += 1;
    }
  }
  return visits;
}
