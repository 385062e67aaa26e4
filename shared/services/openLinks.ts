import { randomUUID } from 'node:crypto';
import {
  budgetWindow,
  checkFormStamp,
  clientHash,
  FORM_STAMP_FIELD,
  formStamp,
  HONEYPOT_FIELD,
  newOpenLinkId,
  type OpenLinkLimits,
  saltDay,
} from '../domain/openLinks';
import type { AnswerError, AnswerInput, QuestionSet } from '../domain/questionSets';
import { parseAnswers } from '../domain/questionSets';
import { localDateOf } from '../domain/sendTime';
import type { Clock, ConfigStore, Log, OpenLinkStore } from '../ports';
import {
  DEFAULT_TIME_ZONE,
  type Language,
  mergeRules,
  type Organization,
  type Unit,
} from '../schemas/config';
import {
  OPEN_LINK_ID_PATTERN,
  type OpenLink,
  type OpenLinkBody,
  type RejectionReason,
} from '../schemas/openLinks';
import type { AnswerRecord } from '../schemas/records';
import { questionSetFor } from './survey';

export interface OpenLinkDeps {
  clock: Clock;
  config: ConfigStore;
  openLinks: OpenLinkStore;
  log: Log;
  limits: OpenLinkLimits;
}

/** Throws the caller's 404 when the organization is outside its scope. */
type Authorize = (organizationId: string) => void;

export interface FieldProblem {
  path: string;
  message: string;
}

async function unitInScope(deps: OpenLinkDeps, unitId: string, authorize: Authorize) {
  const unit = await deps.config.getUnit(unitId);
  if (!unit) return undefined;
  authorize(unit.organizationId);
  return unit;
}

export type CreateOpenLinkResult =
  | { status: 'unknown-unit' }
  | { status: 'invalid'; problems: FieldProblem[] }
  | { status: 'created'; link: OpenLink };

export async function createOpenLink(
  deps: OpenLinkDeps,
  request: { unitId: string; body: OpenLinkBody; by: string; authorize: Authorize },
): Promise<CreateOpenLinkResult> {
  const unit = await unitInScope(deps, request.unitId, request.authorize);
  if (!unit) return { status: 'unknown-unit' };
  const { questionSetId } = request.body;
  if (questionSetId !== undefined) {
    const organization = await deps.config.getOrganization(unit.organizationId);
    const set = await questionSetFor(
      deps.config,
      { questionSetId, organizationId: unit.organizationId },
      organization,
    );
    if (!set) {
      return {
        status: 'invalid',
        problems: [{ path: 'questionSetId', message: `no question set ${questionSetId}` }],
      };
    }
  }
  const link: OpenLink = {
    openLinkId: newOpenLinkId(),
    organizationId: unit.organizationId,
    unitId: unit.unitId,
    channel: request.body.channel,
    respondent: request.body.respondent,
    ...(questionSetId !== undefined ? { questionSetId } : {}),
    createdAt: deps.clock.now().toISOString(),
    createdBy: request.by,
    rejected: 0,
    rejectedBy: { honeypot: 0, fillTime: 0, rateLimit: 0 },
  };
  await deps.openLinks.createOpenLink(link);
  deps.log.info('open link created', {
    unitId: link.unitId,
    channel: link.channel,
    respondent: link.respondent,
  });
  return { status: 'created', link };
}

export async function listOpenLinks(
  deps: OpenLinkDeps,
  request: { unitId: string; authorize: Authorize },
): Promise<OpenLink[] | undefined> {
  const unit = await unitInScope(deps, request.unitId, request.authorize);
  return unit && deps.openLinks.listOpenLinks(unit.unitId);
}

export type UnitOpenLink =
  | { status: 'unknown-unit' }
  | { status: 'unknown-link' }
  | { status: 'found'; link: OpenLink; unit: Unit };

/** The link of a unit in the caller's scope; a link of another unit reads like a missing one. */
export async function getUnitOpenLink(
  deps: OpenLinkDeps,
  request: { unitId: string; openLinkId: string; authorize: Authorize },
): Promise<UnitOpenLink> {
  const unit = await unitInScope(deps, request.unitId, request.authorize);
  if (!unit) return { status: 'unknown-unit' };
  const link = OPEN_LINK_ID_PATTERN.test(request.openLinkId)
    ? await deps.openLinks.getOpenLink(request.openLinkId)
    : undefined;
  return link && link.unitId === unit.unitId ? { status: 'found', link, unit } : { status: 'unknown-link' };
}

/** Revokes a link of the unit: from then on it answers 410. Revoking again changes nothing. */
export async function revokeOpenLink(
  deps: OpenLinkDeps,
  request: { unitId: string; openLinkId: string; authorize: Authorize },
): Promise<UnitOpenLink> {
  const found = await getUnitOpenLink(deps, request);
  if (found.status !== 'found') return found;
  const revoked = await deps.openLinks.revokeOpenLink(found.link.openLinkId, deps.clock.now());
  if (!revoked) return { status: 'unknown-link' };
  deps.log.info('open link revoked', { unitId: revoked.unitId, channel: revoked.channel });
  return { status: 'found', link: revoked, unit: found.unit };
}

export type OpenLinkLookup =
  | { status: 'not-found' }
  | { status: 'gone'; link: OpenLink; organization?: Organization }
  | { status: 'unavailable'; link: OpenLink; organization?: Organization }
  | { status: 'open'; link: OpenLink; organization: Organization; unit: Unit; questionSet: QuestionSet };

/** The link behind `/f/{id}` and `/k/{id}` with what its form needs; opening it changes nothing. */
export async function findOpenLink(deps: OpenLinkDeps, openLinkId: string): Promise<OpenLinkLookup> {
  if (!OPEN_LINK_ID_PATTERN.test(openLinkId)) return { status: 'not-found' };
  const link = await deps.openLinks.getOpenLink(openLinkId);
  if (!link) return { status: 'not-found' };
  const [organization, unit] = await Promise.all([
    deps.config.getOrganization(link.organizationId),
    deps.config.getUnit(link.unitId),
  ]);
  if (link.revokedAt) return { status: 'gone', link, organization };
  const questionSetId = link.questionSetId ?? mergeRules(unit?.rules, organization?.defaults).questionSetId;
  const questionSet =
    organization && unit
      ? await questionSetFor(
          deps.config,
          { questionSetId, organizationId: link.organizationId },
          organization,
        )
      : undefined;
  if (!organization || !unit || !questionSet) {
    deps.log.error('open link cannot be shown: configuration problem', {
      organizationId: link.organizationId,
      unitId: link.unitId,
      questionSetId,
      organizationFound: organization !== undefined,
      unitFound: unit !== undefined,
    });
    return { status: 'unavailable', link, organization };
  }
  return { status: 'open', link, organization, unit, questionSet };
}

/** The signing key of form stamps, shared by every instance. */
const FORM_KEY = 'open-link-form-stamp';

/** The stamp a served form carries: when it was served, signed. */
export async function stampForm(deps: OpenLinkDeps, link: OpenLink): Promise<string> {
  return formStamp(await deps.openLinks.sharedSecret(FORM_KEY), link.openLinkId, deps.clock.now());
}

export type OpenAnswerResult =
  | Exclude<OpenLinkLookup, { status: 'open' }>
  | (Omit<Extract<OpenLinkLookup, { status: 'open' }>, 'status'> & {
      status: 'invalid';
      errors: AnswerError[];
    })
  | { status: 'stored'; link: OpenLink; organization: Organization }
  | { status: 'rejected'; reason: RejectionReason; link: OpenLink; organization: Organization };

/**
 * One answer through an open link, in this order: the honeypot, the signed fill time, the answers
 * themselves (a person's mistakes re-render the form), then the client's and the link's budgets.
 * A rejected answer is counted on the link and not stored; the person is thanked all the same.
 * `clientAddress` is only hashed (under the day's salt) and never kept or logged.
 */
export async function submitOpenLinkAnswer(
  deps: OpenLinkDeps,
  request: {
    openLinkId: string;
    input: AnswerInput;
    language: Language;
    clientAddress: string | undefined;
  },
): Promise<OpenAnswerResult> {
  const found = await findOpenLink(deps, request.openLinkId);
  if (found.status !== 'open') return found;
  const { link, organization, questionSet } = found;
  const now = deps.clock.now();
  const reject = async (reason: RejectionReason): Promise<OpenAnswerResult> => {
    await deps.openLinks.countRejected(link.openLinkId, reason);
    deps.log.warn('open link answer rejected', { unitId: link.unitId, channel: link.channel, reason });
    return { status: 'rejected', reason, link, organization };
  };

  if ((request.input[HONEYPOT_FIELD] ?? '').trim() !== '') return reject('honeypot');
  const formKey = await deps.openLinks.sharedSecret(FORM_KEY);
  const stamp = checkFormStamp(
    formKey,
    link.openLinkId,
    request.input[FORM_STAMP_FIELD],
    now,
    deps.limits.minFillMs,
  );
  if (stamp !== 'ok') return reject('fillTime');

  const parsed = parseAnswers(questionSet, request.input);
  if (!parsed.ok) return { ...found, status: 'invalid', errors: parsed.errors };

  const window = budgetWindow(now, deps.limits.windowMs);
  const { day, expiresAt } = saltDay(now);
  const salt = await deps.openLinks.sharedSecret(`open-link-client-salt#${day}`, expiresAt);
  const client = clientHash(salt, request.clientAddress ?? 'unknown');
  // The client's budget first: a client over its limit never uses up the link's for everyone else.
  const clientOk = await deps.openLinks.takeFromBudget(
    `client#${link.openLinkId}#${window.index}#${client}`,
    deps.limits.perClient[link.channel],
    window.endsAt,
  );
  if (!clientOk) return reject('rateLimit');
  const linkOk = await deps.openLinks.takeFromBudget(
    `link#${link.openLinkId}#${window.index}`,
    deps.limits.perLink[link.channel],
    window.endsAt,
  );
  if (!linkOk) return reject('rateLimit');

  const today = localDateOf(now, organization.timeZone ?? DEFAULT_TIME_ZONE);
  const answer: AnswerRecord = {
    answerId: randomUUID(),
    organizationId: link.organizationId,
    unitId: link.unitId,
    // An open link has no visit record: the day of answering is the day of the service.
    visitDate: today,
    contactType: 'visit',
    language: request.language,
    channel: link.channel,
    respondent: link.respondent,
    questionSetId: questionSet.id,
    questionSetVersion: questionSet.version,
    answers: parsed.value.answers,
    comment: parsed.value.comment,
    answeredDate: today,
  };
  await deps.openLinks.storeAnswer(answer, now);
  deps.log.info('open link answered', { unitId: link.unitId, channel: link.channel });
  return { status: 'stored', link, organization };
}
