import { z } from 'zod';
import { languageSchema } from '../../schemas/config';
import { contactTypeSchema } from '../../schemas/events';
import type { ClaimedVisit } from '../../services/survey';

/** The form's hidden field naming its visit; question ids start with a letter or digit, never `_`. */
export const VISIT_FIELD = '_visit';

const claimSchema = z.tuple([
  z.string(),
  z.string(),
  z.iso.date(),
  contactTypeSchema,
  z.string().nullable(),
  languageSchema,
  z.string(),
]);

/**
 * The visit a form was rendered for, as its hidden field: base64url, so it is URL- and HTML-safe as it
 * is and can be put into a cached page like the token. It holds ids and a date, nothing of a person.
 */
export function encodeVisitField(visit: ClaimedVisit): string {
  const claim: z.infer<typeof claimSchema> = [
    visit.organizationId,
    visit.unitId,
    visit.visitDate,
    visit.contactType,
    visit.serviceCode ?? null,
    visit.language,
    visit.questionSetId,
  ];
  return Buffer.from(JSON.stringify(claim)).toString('base64url');
}

/** The claimed visit of a posted form; undefined when missing (pages from before it) or malformed. */
export function decodeVisitField(value: string | undefined): ClaimedVisit | undefined {
  if (value === undefined || value.length > 2_000) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const claim = claimSchema.safeParse(json);
  if (!claim.success) return undefined;
  const [organizationId, unitId, visitDate, contactType, serviceCode, language, questionSetId] = claim.data;
  return {
    organizationId,
    unitId,
    visitDate,
    contactType,
    ...(serviceCode === null ? {} : { serviceCode }),
    language,
    questionSetId,
  };
}
