import type { CellCounts } from '../domain/aggregate';
import { countAnswer, countDecision, countDispatch, emptyCounts } from '../domain/aggregate';
import type { AggregateSources } from '../ports';

/** Folds one unit-date cell page by page: memory holds one page, not the day's answers. */
export async function foldCell(
  sources: Pick<AggregateSources, 'funnelItems' | 'answerFigures'>,
  organizationId: string,
  unitId: string,
  visitDate: string,
): Promise<CellCounts> {
  const counts = emptyCounts();
  for await (const page of sources.funnelItems(unitId, visitDate)) {
    for (const item of page) {
      // An event may name a unit of another organization; it is not this unit's visit.
      if (item.organizationId !== organizationId) continue;
      if (item.kind === 'DECISION') countDecision(counts, item.outcome);
      else countDispatch(counts, item.state);
    }
  }
  for await (const page of sources.answerFigures(unitId, visitDate)) {
    for (const answer of page) {
      if (answer.organizationId === organizationId) countAnswer(counts, answer.answers);
    }
  }
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
