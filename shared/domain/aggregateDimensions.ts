/**
 * Figures by channel and respondent: every cell of the organization-month table (a unit, an area or
 * the organization; a day or the month) is also split into one cell per channel × respondent that has
 * something (a "slice"). The cells without a slice are all channels and all respondents, as before.
 * Small-number protection covers the slices too. Pure. See docs/reports.md.
 */
import { CHANNELS, type Channel, RESPONDENTS, type Respondent } from '../schemas/records';
import { ORGANIZATION_ROW, rowOf } from './aggregate';
import { type SuppressionReason, suppressTable, type TableEntry } from './aggregateSuppression';
import { derivableHidden, suppressWithAreas, tableEquations } from './areaSuppression';

/** The slice of the cells that are all channels and all respondents. */
export const ALL_SLICES = '*';

/** The channel and respondent of SMS answers and of the SMS funnel (decisions, dispatches). */
export const SMS_SLICE = { channel: 'sms', respondent: 'client' } as const satisfies Dimensions;

export interface Dimensions {
  channel: Channel;
  respondent: Respondent;
}

/** Whether a cell (or row) is one channel × respondent's rather than all channels and respondents. */
export const hasSlice = (cell: Partial<Dimensions>) =>
  cell.channel !== undefined && cell.respondent !== undefined;

/** `{channel}/{respondent}`: a slice's name in tables and maps. */
export const sliceOf = (d: Partial<Dimensions>): string =>
  d.channel !== undefined && d.respondent !== undefined ? `${d.channel}/${d.respondent}` : ALL_SLICES;

export function dimensionsOf(slice: string): Dimensions | undefined {
  const [channel, respondent] = slice.split('/');
  if (!(CHANNELS as readonly string[]).includes(channel ?? '')) return undefined;
  if (!(RESPONDENTS as readonly string[]).includes(respondent ?? '')) return undefined;
  return { channel: channel as Channel, respondent: respondent as Respondent };
}

/**
 * A cell's sort key in its organization-month partition: `D#{row}#{date}` and `M#{row}` for the
 * all-slices cells (as ever), `DD#{row}#{date}#{channel}#{respondent}` and
 * `DM#{row}#{channel}#{respondent}` for a slice's, so that reading one kind never reads the other.
 */
export function cellSortKey(cell: {
  unitId: string;
  areaId?: string;
  granularity: 'day' | 'month';
  period: string;
  channel?: Channel;
  respondent?: Respondent;
}): string {
  const row = rowOf(cell);
  const slice =
    cell.channel !== undefined && cell.respondent !== undefined ? `#${cell.channel}#${cell.respondent}` : '';
  if (cell.granularity === 'day')
    return slice ? `DD#${row}#${cell.period}${slice}` : `D#${row}#${cell.period}`;
  return slice ? `DM#${row}${slice}` : `M#${row}`;
}

/** A published cell with its slice: {@link ALL_SLICES} or `{channel}/{respondent}`. */
export interface SlicedEntry extends TableEntry {
  slice: string;
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function groupBy<T>(items: readonly T[], pick: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(pick(item), [...(groups.get(pick(item)) ?? []), item]);
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
}

/**
 * Every equation the published figures satisfy: those of each slice's table (see
 * {@link tableEquations}), and at every row and column the slices add up to the all-slices cell.
 */
export function slicedEquations(
  entries: readonly SlicedEntry[],
  areaOfUnit: ReadonlyMap<string, string>,
): Map<string, number>[] {
  const equations = groupBy(entries, (e) => e.slice).flatMap((slice) => tableEquations(slice, areaOfUnit));
  for (const position of groupBy(entries, (e) => `${e.row}\u0000${e.column}`)) {
    if (position.length < 2) continue;
    equations.push(new Map(position.map((e) => [e.key, e.slice === ALL_SLICES ? -1 : 1])));
  }
  return equations;
}

/**
 * When there is one slice besides the all-slices cells and it has a cell at exactly their positions
 * with the same responses, the all-slices entries and a map from each of their keys to its twin.
 */
function mirrorOfOnlySlice(
  slices: readonly SlicedEntry[][],
): { all: SlicedEntry[]; twinOf: Map<string, string> } | undefined {
  if (slices.length !== 2) return undefined;
  const all = slices.find((group) => group[0]?.slice === ALL_SLICES);
  const other = slices.find((group) => group[0]?.slice !== ALL_SLICES);
  if (!all || !other || all.length !== other.length) return undefined;
  const at = (e: SlicedEntry) => `${e.row}\u0000${e.column}`;
  const byPosition = new Map(other.map((e) => [at(e), e]));
  const twinOf = new Map<string, string>();
  for (const e of all) {
    const twin = byPosition.get(at(e));
    if (!twin || twin.responses !== e.responses) return undefined;
    twinOf.set(e.key, twin.key);
  }
  return { all, twinOf };
}

/**
 * Primary and complementary suppression of an organization-month table with its slices; returns the
 * hidden entries (keys are unique across slices).
 *
 * 1. Two-way sections: each slice's table (with its areas) is protected by {@link suppressWithAreas};
 *    each row's section (slices × columns: a slice's days add up to its month, at every column the
 *    slices add up to the all-slices cell) by {@link suppressTable}. What one hides stays hidden in
 *    the others, until nothing changes.
 * 2. Audit: an entry may still follow from equations of several sections together. The exact
 *    linear-algebra check ({@link derivableHidden}) over every equation finds any such entry; the
 *    smallest shown entry of one of its equations is hidden too, and step 1 runs again.
 *
 * With the all-slices cells only, this is exactly {@link suppressWithAreas}. Deterministic.
 */
export function suppressWithDimensions(
  entries: readonly SlicedEntry[],
  minReportN: number,
  areaOfUnit: ReadonlyMap<string, string>,
): Map<string, SuppressionReason> {
  const sorted = [...entries].sort(byKey);
  const slices = groupBy(sorted, (e) => e.slice);
  if (slices.length <= 1) return suppressWithAreas(sorted, minReportN, areaOfUnit);
  const mirrored = mirrorOfOnlySlice(slices);
  if (mirrored) {
    // One slice equal to the all-slices cells everywhere (e.g. a month of SMS only): its figures are
    // the same numbers, so hiding the same cells in both protects both exactly.
    const hidden = suppressWithAreas(mirrored.all, minReportN, areaOfUnit);
    for (const [key, reason] of [...hidden]) {
      const twin = mirrored.twinOf.get(key);
      if (twin !== undefined) hidden.set(twin, reason);
    }
    return hidden;
  }
  const rowSections: TableEntry[][] = groupBy(sorted, (e) => e.row).map((row) =>
    row.map((e) => ({
      key: e.key,
      row: e.slice === ALL_SLICES ? ORGANIZATION_ROW : e.slice,
      column: e.column,
      responses: e.responses,
    })),
  );
  const hidden = new Map<string, SuppressionReason>();
  const merge = (found: ReadonlyMap<string, SuppressionReason>) => {
    for (const [key, reason] of found) if (!hidden.has(key)) hidden.set(key, reason);
  };
  let equations: Map<string, number>[] | undefined;
  for (;;) {
    for (let before = -1; before !== hidden.size; ) {
      before = hidden.size;
      for (const slice of slices) merge(suppressWithAreas(slice, minReportN, areaOfUnit, hidden));
      for (const section of rowSections) merge(suppressTable(section, minReportN, hidden));
    }
    equations ??= slicedEquations(sorted, areaOfUnit);
    const derivable = derivableHidden(sorted, equations, hidden)[0];
    if (derivable === undefined) return hidden;
    const shown = (line: Map<string, number>) =>
      sorted.filter((e) => line.has(e.key) && e.responses > 0 && !hidden.has(e.key));
    let candidates = equations.filter((line) => line.has(derivable)).flatMap(shown);
    if (candidates.length === 0)
      candidates = equations.filter((line) => [...line.keys()].some((k) => hidden.has(k))).flatMap(shown);
    const pick = candidates.sort((a, b) => a.responses - b.responses || byKey(a, b))[0];
    if (!pick) return hidden;
    hidden.set(pick.key, 'complementary');
  }
}
