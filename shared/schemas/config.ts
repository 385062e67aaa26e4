import * as z from 'zod';
import {
  CUSTOM_STATEMENT_ID_PATTERN,
  isReservedQuestionId,
  MAX_CUSTOM_STATEMENTS,
} from '../domain/questionSets';
import { CONTACT_TYPES, contactTypeSchema } from './events';

export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const weekdaySchema = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof weekdaySchema>;

/** Local wall-clock time `HH:MM`, 00:00–23:59. */
export const localTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (00:00–23:59)');
export const localDateSchema = z.iso.date();

export const timingSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('delay'),
    delayMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60),
  }),
  z.object({ mode: z.literal('nextDay'), at: localTimeSchema }),
]);
export type Timing = z.infer<typeof timingSchema>;

/**
 * `start` < `end` is a window inside one day; `start` > `end` is a window across midnight that belongs
 * to the day it starts on (e.g. 18:00–02:00 on `fri` runs into Saturday night).
 */
export const sendWindowSchema = z
  .object({
    start: localTimeSchema,
    end: localTimeSchema,
    days: z.array(weekdaySchema).min(1, 'at least one day is needed').max(7),
    /** Allows a window with hours between 21:00 and 08:00 (and one across midnight); see checkRules. */
    allowNight: z.boolean().optional(),
  })
  .refine((w) => w.start !== w.end, { message: 'start and end must differ', path: ['end'] });
export type SendWindow = z.infer<typeof sendWindowSchema>;

/** Every rule a unit can have. All fields optional here: the merge fills them in. */
export const rulesSchema = z
  .object({
    samplingRate: z.number().min(0).max(1),
    dailyQuota: z.number().int().min(1).max(100_000),
    timing: timingSchema,
    sendWindow: sendWindowSchema,
    blockedDates: z.array(localDateSchema).max(1000),
    maxLagHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    linkTtlDays: z.number().int().min(1).max(90),
    minAge: z.number().int().min(0).max(120),
    excludedServiceCodes: z.array(z.string().min(1).max(50)).max(1000),
    contactTypes: z.array(contactTypeSchema).min(1),
    requireSmsConsent: z.boolean(),
    excludeSecurityBan: z.boolean(),
    questionSetId: z.string().min(1).max(100),
  })
  .partial()
  .strict()
  .meta({ id: 'Rules' });
export type Rules = z.infer<typeof rulesSchema>;

export type EffectiveRules = Required<Omit<Rules, 'dailyQuota'>> & { dailyQuota?: number };

/** System defaults: the last fallback after the unit's and the organization's rules. */
export const SYSTEM_DEFAULT_RULES: EffectiveRules = {
  samplingRate: 1,
  timing: { mode: 'nextDay', at: '12:00' },
  sendWindow: { start: '08:00', end: '21:00', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
  blockedDates: [],
  maxLagHours: 72,
  linkTtlDays: 14,
  minAge: 18,
  excludedServiceCodes: [],
  contactTypes: [...CONTACT_TYPES],
  requireSmsConsent: false,
  excludeSecurityBan: true,
  // New organizations get the current national statements; a unit or organization that names
  // `thl-core-v1` in its rules keeps it.
  questionSetId: 'thl-national-v2',
};

export const DEFAULT_TIME_ZONE = 'Europe/Helsinki';
export const DEFAULT_RECONTACT_DAYS = 30;
export const DEFAULT_MIN_REPORT_N = 5;

/** A field left out of the unit's rules falls back to the organization's defaults, then to the system's. */
export function mergeRules(
  unitRules: Rules | undefined,
  organizationDefaults: Rules | undefined,
): EffectiveRules {
  const merged: Record<string, unknown> = { ...SYSTEM_DEFAULT_RULES };
  for (const layer of [organizationDefaults, unitRules]) {
    for (const [key, value] of Object.entries(layer ?? {})) if (value !== undefined) merged[key] = value;
  }
  return merged as EffectiveRules;
}

const isValidTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
export const configIdSchema = z.string().regex(idPattern, 'use 1–100 letters, digits, ".", "_" or "-"');

export const localizedTextSchema = (max: number) =>
  z.object({
    fi: z.string().trim().min(1).max(max),
    sv: z.string().trim().min(1).max(max),
    en: z.string().trim().min(1).max(max),
  });
const partialLocalizedTextSchema = (max: number) =>
  z.object({
    fi: z.string().trim().min(1).max(max),
    sv: z.string().trim().min(1).max(max).optional(),
    en: z.string().trim().min(1).max(max).optional(),
  });

/** Longest organization / unit SMS name allowed: the SMS length check is proven for it. */
export const MAX_SMS_NAME_LENGTH = 40;

/**
 * The organization's own statements ("omat väittämät"), shown after the core statements on the same
 * 1–5 + `na` scale. Ids are stored as answer keys as they are, so they must not clash with a core id.
 */
export const customStatementsSchema = z
  .array(
    z
      .object({
        id: z
          .string()
          .regex(
            CUSTOM_STATEMENT_ID_PATTERN,
            'use 2–40 letters, digits or "_", starting with a lowercase letter',
          )
          .refine((id) => !isReservedQuestionId(id), 'clashes with a core question id'),
        text: localizedTextSchema(300),
      })
      .strict(),
  )
  .max(MAX_CUSTOM_STATEMENTS)
  .refine((list) => new Set(list.map((s) => s.id)).size === list.length, 'statement ids must be unique');

const httpsUrl = z.url({ protocol: /^https$/, hostname: z.regexes.domain });
/** An https URL with a domain name, one message whatever is wrong with it. */
const httpsUrlSchema = z
  .string()
  .max(2000)
  .refine((value) => httpsUrl.safeParse(value).success, 'expected an https:// URL');

/** The organization's privacy notice (tietosuojaseloste), one https URL per language; every client page links to it. */
export const privacyNoticeUrlSchema = z
  .object({ fi: httpsUrlSchema, sv: httpsUrlSchema, en: httpsUrlSchema })
  .strict();

export const organizationBodySchema = z
  .object({
    name: localizedTextSchema(MAX_SMS_NAME_LENGTH),
    smsSenderId: z
      .string()
      .regex(
        /^(?=.*[A-Za-z])[A-Za-z0-9]{3,11}$/,
        'smsSenderId must be 3–11 letters or digits with at least one letter',
      ),
    timeZone: z.string().refine(isValidTimeZone, 'unknown IANA time zone').default(DEFAULT_TIME_ZONE),
    recontactDays: z.number().int().min(0).max(3650).default(DEFAULT_RECONTACT_DAYS),
    minReportN: z.number().int().min(1).max(1000).default(DEFAULT_MIN_REPORT_N),
    smsTemplates: z.object({
      fi: z.string().min(1).max(320),
      sv: z.string().min(1).max(320),
      en: z.string().min(1).max(320),
    }),
    defaults: rulesSchema.default({}),
    customStatements: customStatementsSchema.optional(),
    privacyNoticeUrl: privacyNoticeUrlSchema.optional(),
  })
  .strict();
export type OrganizationBody = z.infer<typeof organizationBodySchema>;
export type Organization = z.infer<typeof organizationSchema>;

/** An ISO object identifier, e.g. `1.2.246.10.12345678.10.1`: numeric arcs, no leading zeros. */
export const oidSchema = z
  .string()
  .max(100)
  .regex(/^[0-2](\.(0|[1-9][0-9]{0,19})){1,30}$/, 'expected an OID such as 1.2.246.10.12345678.10.1');

export const unitBodySchema = z
  .object({
    organizationId: configIdSchema,
    name: partialLocalizedTextSchema(200),
    smsName: partialLocalizedTextSchema(MAX_SMS_NAME_LENGTH).optional(),
    enabled: z.boolean().default(true),
    rules: rulesSchema.default({}),
    /** The area (toimialue / palvelualue) the unit belongs to: an area of the same organization. */
    areaId: configIdSchema.optional(),
    /** The unit's code in the national organization register (an OID): the national export's `unitOid`. */
    oid: oidSchema.optional(),
  })
  .strict();
export type UnitBody = z.infer<typeof unitBodySchema>;
export type Unit = z.infer<typeof unitSchema>;

/** An area (toimialue / palvelualue) groups units of one organization for reports. */
export const areaBodySchema = z
  .object({
    organizationId: configIdSchema,
    name: partialLocalizedTextSchema(200),
  })
  .strict();
export type AreaBody = z.infer<typeof areaBodySchema>;
export type Area = z.infer<typeof areaSchema>;

// --- Versions and history: every stored configuration record carries these.

/** 1 when created, +1 for every change; the ETag is this number. */
export const versionSchema = z.number().int().min(1);

const versionedFields = {
  version: versionSchema,
  updatedAt: z.iso.datetime({ offset: true }),
};

export const organizationSchema = organizationBodySchema
  .extend({ organizationId: configIdSchema, ...versionedFields })
  .meta({ id: 'Organization' });

export const unitSchema = unitBodySchema
  .extend({ unitId: configIdSchema, ...versionedFields })
  .meta({ id: 'Unit' });

export const areaSchema = areaBodySchema
  .extend({ areaId: configIdSchema, ...versionedFields })
  .meta({ id: 'Area' });

/** One changed leaf of a record: a dotted path (`rules.samplingRate`); `null` where there was or is no value. */
export const fieldChangeSchema = z
  .object({ path: z.string(), from: z.unknown(), to: z.unknown() })
  .meta({ id: 'FieldChange' });
export type FieldChange = z.infer<typeof fieldChangeSchema>;

/** Who changed a record, when, and how: written in the same transaction as the version it describes. */
export const historyEntrySchema = z
  .object({
    version: versionSchema,
    at: z.iso.datetime({ offset: true }),
    /** The id of the caller's credentials (a configured token's id, the Cognito client or user). */
    by: z.string(),
    changes: z.array(fieldChangeSchema),
  })
  .meta({ id: 'HistoryEntry' });
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/**
 * `language` of an event is BCP 47; fi, sv and en are served and any other language gets English.
 * A visit without a language gets Finnish, the majority language of the clients.
 */
export function surveyLanguage(bcp47: string | undefined): Language {
  if (bcp47 === undefined || bcp47.trim() === '') return 'fi';
  const primary = bcp47.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'fi' || primary === 'sv' ? primary : 'en';
}
