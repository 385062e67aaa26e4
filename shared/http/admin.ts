import { Hono } from 'hono';
import { gsm7Length, templateProblems } from '../domain/sms';
import type { Clock, ConfigStore } from '../ports';
import {
  configIdSchema,
  LANGUAGES,
  MAX_SMS_NAME_LENGTH,
  type Organization,
  organizationBodySchema,
  type Unit,
  unitBodySchema,
} from '../schemas/config';
import { type Authenticator, type AuthVariables, assertOrganizationAccess, requireScope } from './auth';
import { ApiError, type FieldError, parseOrThrow, readJson } from './errors';

export interface AdminDeps {
  clock: Clock;
  config: ConfigStore;
  authenticate: Authenticator;
  publicBaseUrl: string;
}

function smsNameProblems(names: Partial<Record<string, string>> | undefined, path: string): FieldError[] {
  return Object.entries(names ?? {}).flatMap(([language, name]) => {
    if (name === undefined) return [];
    const septets = gsm7Length(name);
    if (septets === undefined)
      return [
        { path: `${path}.${language}`, message: 'must use only GSM-7 characters (it goes into the SMS)' },
      ];
    if (septets > MAX_SMS_NAME_LENGTH) {
      return [
        {
          path: `${path}.${language}`,
          message: `at most ${MAX_SMS_NAME_LENGTH} SMS characters (it goes into the SMS)`,
        },
      ];
    }
    return [];
  });
}

function rejectIf(problems: FieldError[]): void {
  if (problems.length > 0) {
    throw new ApiError(
      400,
      'VALIDATION_FAILED',
      'The request is not valid; see details for each field.',
      problems,
    );
  }
}

function parseId(raw: string, name: string): string {
  const result = configIdSchema.safeParse(raw);
  if (!result.success) {
    throw new ApiError(400, 'VALIDATION_FAILED', `Invalid ${name}.`, [
      { path: name, message: result.error.issues[0]?.message },
    ]);
  }
  return result.data;
}

/** Configuration: organizations and units. Writes need `admin`; reads `admin` or `reports:read`. */
export function adminApp(deps: AdminDeps) {
  const app = new Hono<{ Variables: AuthVariables }>();
  const admin = requireScope(deps.authenticate, 'admin');
  const readAccess = requireScope(deps.authenticate, 'admin', 'reports:read');

  app.put('/organizations/:organizationId', admin, async (c) => {
    const organizationId = parseId(c.req.param('organizationId'), 'organizationId');
    assertOrganizationAccess(c.get('principal'), organizationId);
    const body = parseOrThrow(organizationBodySchema, await readJson(c));
    rejectIf([
      ...smsNameProblems(body.name, 'name'),
      ...LANGUAGES.flatMap((language) =>
        templateProblems(body.smsTemplates[language], deps.publicBaseUrl, MAX_SMS_NAME_LENGTH).map(
          (message) => ({
            path: `smsTemplates.${language}`,
            message,
          }),
        ),
      ),
    ]);
    const existed = (await deps.config.getOrganization(organizationId)) !== undefined;
    const organization: Organization = { ...body, organizationId, updatedAt: deps.clock.now().toISOString() };
    await deps.config.putOrganization(organization);
    return c.json(organization, existed ? 200 : 201);
  });

  app.get('/organizations/:organizationId', readAccess, async (c) => {
    const organizationId = parseId(c.req.param('organizationId'), 'organizationId');
    assertOrganizationAccess(c.get('principal'), organizationId);
    const organization = await deps.config.getOrganization(organizationId);
    if (!organization) throw new ApiError(404, 'NOT_FOUND', `No organization ${organizationId}.`);
    return c.json(organization);
  });

  app.put('/units/:unitId', admin, async (c) => {
    const unitId = parseId(c.req.param('unitId'), 'unitId');
    const body = parseOrThrow(unitBodySchema, await readJson(c));
    const principal = c.get('principal');
    assertOrganizationAccess(principal, body.organizationId);
    rejectIf(smsNameProblems(body.smsName, 'smsName'));
    if (!(await deps.config.getOrganization(body.organizationId))) {
      rejectIf([
        { path: 'organizationId', message: `no organization ${body.organizationId}; create it first` },
      ]);
    }
    const existing = await deps.config.getUnit(unitId);
    if (existing) {
      assertOrganizationAccess(principal, existing.organizationId);
      if (existing.organizationId !== body.organizationId) {
        throw new ApiError(
          409,
          'CONFLICT',
          `Unit ${unitId} belongs to ${existing.organizationId}; units do not move.`,
        );
      }
    }
    const unit: Unit = { ...body, unitId, updatedAt: deps.clock.now().toISOString() };
    await deps.config.putUnit(unit);
    return c.json(unit, existing ? 200 : 201);
  });

  app.get('/units/:unitId', readAccess, async (c) => {
    const unitId = parseId(c.req.param('unitId'), 'unitId');
    const unit = await deps.config.getUnit(unitId);
    if (!unit) throw new ApiError(404, 'NOT_FOUND', `No unit ${unitId}.`);
    assertOrganizationAccess(c.get('principal'), unit.organizationId);
    return c.json(unit);
  });

  app.get('/units', readAccess, async (c) => {
    const principal = c.get('principal');
    const requested = c.req.query('organizationId') ?? principal.organizationId;
    if (!requested) {
      throw new ApiError(400, 'VALIDATION_FAILED', 'organizationId is required.', [
        { path: 'organizationId', message: 'required' },
      ]);
    }
    const organizationId = parseId(requested, 'organizationId');
    assertOrganizationAccess(principal, organizationId);
    return c.json({ units: await deps.config.listUnits(organizationId) });
  });

  return app;
}
