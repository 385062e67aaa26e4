/**
 * Small-number protection of one organization-month table: primary and complementary suppression.
 * Pure and deterministic. See docs/reports.md.
 */
import { ORGANIZATION_ROW } from './aggregate';

export type SuppressionReason = 'minReportN' | 'complementary';

/**
 * One published cell of an organization-month table. `row` is a unit id or {@link ORGANIZATION_ROW};
 * `column` is a date or {@link MONTH_COLUMN}. So the table has unit × day cells, unit-month totals
 * (column `*`), organization-day totals (row `*`) and the organization-month total (both `*`).
 */
export interface TableEntry {
  key: string;
  row: string;
  column: string;
  responses: number;
}
export const MONTH_COLUMN = '*';

interface Line {
  members: TableEntry[];
  total: TableEntry | undefined;
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Primary and complementary suppression of one organization-month table; returns the hidden entries.
 *
 * Primary: every entry with fewer than `minReportN` responses. Complementary: every line of the table
 * is an equation (the unit's days add up to its month, the units of a day add up to the organization's
 * day, and so on). Entries with responses ("content") that are hidden must not be recoverable from
 * these equations, so the rule, repeated until nothing changes:
 *
 * 1. In a line, exactly one hidden entry with content is never allowed (it equals the total minus the
 *    rest, or the rest added up); and when the line's total is shown, the hidden entries together must
 *    have at least `minReportN` responses (else their sum is a small group shown by subtraction).
 *    The fix hides the member with the fewest responses (ties by key), or the total if no member is left.
 * 2. Across lines: seen as a bipartite graph (rows and columns are nodes, hidden entries are edges), a
 *    hidden entry is determined by the equations exactly when it is a bridge. Each bridge is closed into
 *    a cycle by also hiding the cheapest path (fewest responses) between its two ends.
 *
 * Deterministic: the same responses give the same hidden set, so reruns are idempotent.
 */
export function suppressTable(
  entries: readonly TableEntry[],
  minReportN: number,
  /** Entries already hidden by a linked table (see {@link suppressWithAreas}): they stay hidden. */
  alreadyHidden?: ReadonlyMap<string, SuppressionReason>,
): Map<string, SuppressionReason> {
  const sorted = [...entries].sort(byKey);
  const hidden = new Map<string, SuppressionReason>();
  for (const entry of sorted) if (entry.responses < minReportN) hidden.set(entry.key, 'minReportN');
  for (const entry of sorted) {
    const reason = alreadyHidden?.get(entry.key);
    if (reason && !hidden.has(entry.key)) hidden.set(entry.key, reason);
  }
  const hasContent = (e: TableEntry) => e.responses > 0;
  const isHidden = (e: TableEntry) => hidden.has(e.key);

  // Lines: one per row (its total is the month column) and one per column (its total is the org row).
  const lines: Line[] = [];
  const linesOf = new Map<string, number[]>();
  const addLine = (members: TableEntry[], total: TableEntry | undefined) => {
    const index = lines.length;
    lines.push({ members, total });
    for (const e of [...members, ...(total ? [total] : [])]) {
      linesOf.set(e.key, [...(linesOf.get(e.key) ?? []), index]);
    }
  };
  const group = (pick: (e: TableEntry) => string) => {
    const groups = new Map<string, TableEntry[]>();
    for (const e of sorted) groups.set(pick(e), [...(groups.get(pick(e)) ?? []), e]);
    return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  };
  // Columns first: the organization dimension (a unit worked out from the organization's figures).
  for (const [, inColumn] of group((e) => e.column)) {
    addLine(
      inColumn.filter((e) => e.row !== ORGANIZATION_ROW),
      inColumn.find((e) => e.row === ORGANIZATION_ROW),
    );
  }
  for (const [, inRow] of group((e) => e.row)) {
    addLine(
      inRow.filter((e) => e.column !== MONTH_COLUMN),
      inRow.find((e) => e.column === MONTH_COLUMN),
    );
  }

  const hide = (entry: TableEntry, queue: number[], queued: Set<number>) => {
    hidden.set(entry.key, 'complementary');
    for (const index of linesOf.get(entry.key) ?? []) {
      if (!queued.has(index)) {
        queued.add(index);
        queue.push(index);
      }
    }
  };

  const fixLines = () => {
    const queue = lines.map((_, index) => index);
    const queued = new Set(queue);
    while (queue.length > 0) {
      const index = queue.shift() as number;
      queued.delete(index);
      const line = lines[index] as Line;
      const hiddenMembers = line.members.filter((e) => hasContent(e) && isHidden(e));
      const totalHidden = line.total !== undefined && isHidden(line.total);
      const hiddenCount =
        hiddenMembers.length + (totalHidden && line.total && hasContent(line.total) ? 1 : 0);
      if (hiddenCount === 0) continue;
      const hiddenSum = hiddenMembers.reduce((sum, e) => sum + e.responses, 0);
      if (hiddenCount > 1 && (totalHidden || hiddenSum >= minReportN)) continue;
      const candidate = line.members
        .filter((e) => hasContent(e) && !isHidden(e))
        .sort((a, b) => a.responses - b.responses || byKey(a, b))[0];
      const pick =
        candidate ?? (line.total && hasContent(line.total) && !isHidden(line.total) ? line.total : undefined);
      if (!pick) continue;
      hide(pick, queue, queued);
      if (!queued.has(index)) {
        queued.add(index);
        queue.push(index);
      }
    }
  };

  for (;;) {
    fixLines();
    const bridge = findHiddenBridge(sorted, hidden);
    if (!bridge) return hidden;
    const path = cheapestPath(sorted, hidden, bridge);
    // The full table is bridgeless (every entry is on the cycle entry–its month–org month–org day),
    // so a path always exists; the guard only stops a loop should that ever not hold.
    if (!path || path.length === 0) return hidden;
    for (const entry of path) hidden.set(entry.key, 'complementary');
  }
}

const rowNode = (e: TableEntry) => `R:${e.row}`;
const columnNode = (e: TableEntry) => `C:${e.column}`;

/** A hidden entry with content that is a bridge of the graph of hidden entries with content, if any. */
function findHiddenBridge(
  entries: readonly TableEntry[],
  hidden: ReadonlyMap<string, SuppressionReason>,
): TableEntry | undefined {
  const edges = entries.filter((e) => e.responses > 0 && hidden.has(e.key));
  const adjacency = new Map<string, { to: string; edge: number }[]>();
  edges.forEach((e, index) => {
    const [a, b] = [rowNode(e), columnNode(e)];
    adjacency.set(a, [...(adjacency.get(a) ?? []), { to: b, edge: index }]);
    adjacency.set(b, [...(adjacency.get(b) ?? []), { to: a, edge: index }]);
  });
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  let counter = 0;
  let bridge: TableEntry | undefined;
  // Tarjan's bridge search, iterative (an explicit stack instead of recursion).
  for (const start of [...adjacency.keys()].sort()) {
    if (order.has(start)) continue;
    const stack: { node: string; viaEdge: number; next: number }[] = [{ node: start, viaEdge: -1, next: 0 }];
    order.set(start, counter);
    low.set(start, counter++);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as (typeof stack)[number];
      const neighbours = adjacency.get(frame.node) ?? [];
      if (frame.next < neighbours.length) {
        const { to, edge } = neighbours[frame.next++] as { to: string; edge: number };
        if (edge === frame.viaEdge) continue;
        if (order.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, order.get(to) as number));
        } else {
          order.set(to, counter);
          low.set(to, counter++);
          stack.push({ node: to, viaEdge: edge, next: 0 });
        }
        continue;
      }
      stack.pop();
      const parent = stack[stack.length - 1];
      if (!parent) continue;
      low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if ((low.get(frame.node) as number) > (order.get(parent.node) as number)) {
        const candidate = edges[frame.viaEdge] as TableEntry;
        if (!bridge || byKey(candidate, bridge) < 0) bridge = candidate;
      }
    }
  }
  return bridge;
}

/**
 * The visible entries with content to hide so that `bridge` lies on a cycle: the cheapest path between
 * its ends avoiding it, where a hidden entry costs nothing and a visible one its responses.
 */
function cheapestPath(
  entries: readonly TableEntry[],
  hidden: ReadonlyMap<string, SuppressionReason>,
  bridge: TableEntry,
): TableEntry[] | undefined {
  const adjacency = new Map<string, { to: string; entry: TableEntry }[]>();
  for (const e of entries) {
    if (e.responses <= 0 || e.key === bridge.key) continue;
    const [a, b] = [rowNode(e), columnNode(e)];
    adjacency.set(a, [...(adjacency.get(a) ?? []), { to: b, entry: e }]);
    adjacency.set(b, [...(adjacency.get(b) ?? []), { to: a, entry: e }]);
  }
  const source = rowNode(bridge);
  const target = columnNode(bridge);
  const cost = new Map<string, number>([[source, 0]]);
  const via = new Map<string, { from: string; entry: TableEntry }>();
  const done = new Set<string>();
  // Dijkstra; the graph has (units + 1) + (days + 1) nodes, so a linear scan for the minimum will do.
  for (;;) {
    let node: string | undefined;
    for (const [candidate, c] of cost) {
      if (done.has(candidate)) continue;
      const best = node === undefined ? undefined : (cost.get(node) as number);
      if (best === undefined || c < best || (c === best && candidate < (node as string))) node = candidate;
    }
    if (node === undefined) return undefined;
    if (node === target) break;
    done.add(node);
    for (const { to, entry } of adjacency.get(node) ?? []) {
      const step = hidden.has(entry.key) ? 0 : entry.responses;
      const next = (cost.get(node) as number) + step;
      const known = cost.get(to);
      if (known === undefined || next < known) {
        cost.set(to, next);
        via.set(to, { from: node, entry });
      }
    }
  }
  const path: TableEntry[] = [];
  for (let node = target; node !== source; ) {
    const step = via.get(node);
    if (!step) return undefined;
    if (!hidden.has(step.entry.key)) path.push(step.entry);
    node = step.from;
  }
  return path;
}
