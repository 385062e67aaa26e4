import { previewVisit, type VisitPreview } from '../domain/preview';
import { checkRules, type RuleProblem } from '../domain/rulesCheck';
import { localDateOf } from '../domain/sendTime';
import type { Clock, ConfigStore } from '../ports';
import { LANGUAGES, mergeRules, type Rules, surveyLanguage } from '../schemas/config';
import type { AppointmentCompleted } from '../schemas/events';
import { smsSenderName } from './send';

export interface PreviewDeps {
  clock: Clock;
  config: ConfigStore;
  publicBaseUrl: string;
}

export interface UnitPreviewRequest {
  unitId: string;
  visit: AppointmentCompleted;
  /** Rules being tried: merged over the unit's own rules for this preview only. */
  rules?: Rules;
  /** Throws when the caller may not see the organization; called before anything of it is read. */
  authorize(organizationId: string): void;
}

export type UnitPreview = VisitPreview & {
  /** What checkRules warns about for these rules: a save would succeed and say the same. */
  warnings: RuleProblem[];
  /** What checkRules rejects in these rules: a save of them would get 400. */
  ruleErrors: RuleProblem[];
};

export type UnitPreviewResult =
  | { status: 'previewed'; preview: UnitPreview }
  | { status: 'unknown-unit' }
  | { status: 'invalid'; problems: RuleProblem[] };

/**
 * What ingest would decide and send for a visit to this unit, with the unit's rules or rules being
 * tried. Reads the unit and its organization; writes, schedules and sends nothing.
 */
export async function previewUnitVisit(
  deps: PreviewDeps,
  request: UnitPreviewRequest,
): Promise<UnitPreviewResult> {
  const { unitId, visit } = request;
  const unit = await deps.config.getUnit(unitId);
  if (!unit) return { status: 'unknown-unit' };
  request.authorize(unit.organizationId);
  const organization = await deps.config.getOrganization(unit.organizationId);
  if (!organization) return { status: 'unknown-unit' };

  const problems: RuleProblem[] = [];
  if (visit.unitId !== unitId) {
    problems.push({ path: 'visit.unitId', message: `must be ${unitId}, the unit being previewed` });
  }
  if (visit.organizationId !== unit.organizationId) {
    problems.push({
      path: 'visit.organizationId',
      message: `must be ${unit.organizationId}, the organization of unit ${unitId}`,
    });
  }
  if (problems.length > 0) return { status: 'invalid', problems };

  const rules = mergeRules({ ...unit.rules, ...request.rules }, organization.defaults);
  const now = deps.clock.now();
  const preview = previewVisit({
    visit,
    unit,
    organization,
    rules,
    senderName: smsSenderName(organization, unit, surveyLanguage(visit.client.language)),
    publicBaseUrl: deps.publicBaseUrl,
    now,
  });
  const check = checkRules(rules, {
    timeZone: organization.timeZone,
    enabled: unit.enabled,
    publicBaseUrl: deps.publicBaseUrl,
    templates: organization.smsTemplates,
    names: LANGUAGES.map((language) => smsSenderName(organization, unit, language)),
    today: localDateOf(now, organization.timeZone),
  });
  return { status: 'previewed', preview: { ...preview, warnings: check.warnings, ruleErrors: check.errors } };
}
