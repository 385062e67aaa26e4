import { applyMergePatch, leafChanges } from '../domain/mergePatch';
import type { Clock, ConfigStore, VersionedKind, VersionedRecords } from '../ports';
import type { FieldChange, HistoryEntry } from '../schemas/config';

/** A field that is not acceptable, with its dotted path: the `details` of a 400. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** What a versioned kind of record is to the write loop below; areas and question sets add their own. */
export interface VersionedResource<K extends VersionedKind, Body> {
  kind: K;
  /** The body a PUT takes and a PATCH result must pass, with its defaults applied. */
  parseBody(input: unknown): { ok: true; body: Body } | { ok: false; problems: FieldProblem[] };
  /** The record's body: what a PATCH merges into and what the history compares. */
  bodyOf(record: VersionedRecords[K]): Record<string, unknown>;
  toRecord(id: string, body: Body, meta: { version: number; updatedAt: string }): VersionedRecords[K];
  /** The organization a stored record belongs to: the unit of tenancy. */
  organizationOf(id: string, record: VersionedRecords[K]): string;
  /** The organization a record belongs to when its id alone says so (an organization's own id). */
  organizationOfId?(id: string): string;
  /**
   * Checks that need more than the body (other records, known question sets, dangerous rules). A
   * reference to a record the caller cannot see must read exactly like one to a missing record.
   * `problems` refuse the write; `warnings` go back with a successful one.
   */
  check(
    id: string,
    body: Body,
    current: VersionedRecords[K] | undefined,
    canSee: (organizationId: string) => boolean,
  ): Promise<{ problems?: FieldProblem[]; conflict?: string; warnings?: FieldProblem[] }>;
}

export type Change =
  | { mode: 'replace'; body: unknown }
  /** RFC 7396 merge patch on the current body. */
  | { mode: 'merge'; patch: unknown };

export interface Preconditions {
  /** `If-Match`: the versions the caller's copy may have; '*' any existing record. */
  ifMatch?: number[] | '*';
  /** `If-None-Match: *`: create only. */
  ifNoneMatch?: '*';
}

export interface WriteRequest {
  id: string;
  change: Change;
  preconditions: Preconditions;
  /** Who writes: recorded in the history. */
  by: string;
  /** Whether the caller may see an organization; a record outside it is answered as missing. */
  canSee(organizationId: string): boolean;
}

export type WriteOutcome<R> =
  | { status: 'created' | 'updated' | 'unchanged'; record: R; warnings: FieldProblem[] }
  | { status: 'not-found' }
  | { status: 'precondition-failed'; currentVersion: number | null }
  | { status: 'invalid'; problems: FieldProblem[] }
  | { status: 'conflict'; message: string }
  | { status: 'busy' };

export interface ConfigurationDeps {
  config: ConfigStore;
  clock: Clock;
}

/** Enough for every writer of one record to get through, one version each, under heavy contention. */
const MAX_ATTEMPTS = 40;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function preconditionHolds(preconditions: Preconditions, current: { version: number } | undefined): boolean {
  const { ifMatch, ifNoneMatch } = preconditions;
  if (ifNoneMatch === '*' && current) return false;
  if (ifMatch === undefined) return true;
  if (!current) return false;
  return ifMatch === '*' || ifMatch.includes(current.version);
}

/**
 * One versioned write: read the current record, check the caller's preconditions, build the next
 * body (replace or merge), validate it as a whole, and write it with its history entry on the
 * condition that nobody wrote in between. When somebody did, read again and redo the change on the
 * newer record: a merge patch without `If-Match` never loses another writer's fields, and one with
 * `If-Match` then fails its precondition (412) instead of overwriting.
 */
export async function writeVersioned<K extends VersionedKind, Body>(
  deps: ConfigurationDeps,
  resource: VersionedResource<K, Body>,
  request: WriteRequest,
): Promise<WriteOutcome<VersionedRecords[K]>> {
  const scope = resource.organizationOfId?.(request.id);
  if (scope !== undefined && !request.canSee(scope)) return { status: 'not-found' };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) await pause(Math.random() * Math.min(5 * attempt, 50));
    const current = await deps.config.readVersioned(resource.kind, request.id);
    if (current && !request.canSee(resource.organizationOf(request.id, current))) {
      return { status: 'not-found' };
    }
    if (!current && request.change.mode === 'merge') return { status: 'not-found' };
    if (!preconditionHolds(request.preconditions, current)) {
      return { status: 'precondition-failed', currentVersion: current?.version ?? null };
    }

    const before = current ? resource.bodyOf(current) : undefined;
    const input =
      request.change.mode === 'replace' ? request.change.body : applyMergePatch(before, request.change.patch);
    const parsed = resource.parseBody(input);
    if (!parsed.ok) return { status: 'invalid', problems: parsed.problems };
    const body = parsed.body;
    const checked = await resource.check(request.id, body, current, request.canSee);
    if (checked.conflict) return { status: 'conflict', message: checked.conflict };
    if (checked.problems && checked.problems.length > 0)
      return { status: 'invalid', problems: checked.problems };

    const version = (current?.version ?? 0) + 1;
    const updatedAt = deps.clock.now().toISOString();
    const record = resource.toRecord(request.id, body, { version, updatedAt });
    const changes: FieldChange[] = leafChanges(before, resource.bodyOf(record));
    const warnings = checked.warnings ?? [];
    if (current && changes.length === 0) return { status: 'unchanged', record: current, warnings };

    const entry: HistoryEntry = { version, at: updatedAt, by: request.by, changes };
    const written = await deps.config.writeVersion(resource.kind, record, current?.version, entry);
    if (written === 'written') return { status: current ? 'updated' : 'created', record, warnings };
  }
  return { status: 'busy' };
}
