/**
 * The unit rules form as plain fields and back: what a person typed becomes the unit's own rules
 * (an empty field falls back to the organization's default), and the rules become the fields again.
 * Every problem is named by the form field it belongs to, so the page can put it beside the field.
 */
import { type Rules, rulesSchema, WEEKDAYS } from '../../../schemas/config';
import { CONTACT_TYPES } from '../../../schemas/events';
import type { FieldProblem } from '../../../services/configuration';
import type { AdminMessages } from './messages';

export type FormValues = Record<string, string>;

/** A problem beside a form field (`field` empty: the form as a whole); `apiText` when in English. */
export interface FormError {
  field: string;
  message: string;
  apiText?: boolean;
}

/** The rules the form edits: everything else in a unit's rules is kept as it is on save. */
export const FORM_RULE_KEYS = [
  'samplingRate',
  'dailyQuota',
  'timing',
  'sendWindow',
  'blockedDates',
  'maxLagHours',
  'linkTtlDays',
  'minAge',
  'excludedServiceCodes',
  'contactTypes',
  'requireSmsConsent',
  'excludeSecurityBan',
  'questionSetId',
] as const satisfies readonly (keyof Rules)[];

export const dayField = (day: string) => `day.${day}`;
export const contactTypeField = (type: string) => `contactType.${type}`;
/** The HTML id of a field: dots do not need escaping in selectors this way. */
export const fieldId = (field: string) => `f-${field.replace(/\./g, '-')}`;

/** Where a problem of a rule path (`sendWindow.end`, `blockedDates.3`) is shown on the form. */
export function fieldOfRulePath(path: string): string {
  const [head, second] = path.split('.');
  switch (head) {
    case 'samplingRate':
      return 'samplingPercent';
    case 'timing':
      if (second === 'delayMinutes') return 'delayMinutes';
      if (second === 'at') return 'nextDayAt';
      return 'timingMode';
    case 'sendWindow':
      if (second === 'end') return 'windowEnd';
      if (second === 'days') return dayField(WEEKDAYS[0]);
      if (second === 'allowNight') return 'allowNight';
      return 'windowStart';
    case 'contactTypes':
      return contactTypeField(CONTACT_TYPES[0]);
    case 'dailyQuota':
    case 'blockedDates':
    case 'maxLagHours':
    case 'linkTtlDays':
    case 'minAge':
    case 'excludedServiceCodes':
    case 'requireSmsConsent':
    case 'excludeSecurityBan':
    case 'questionSetId':
    case 'enabled':
      return head;
    default:
      return '';
  }
}

/** Problems of a save or a check (paths like `rules.sendWindow.end`) as errors beside the fields. */
export const rulesProblemsAsErrors = (problems: readonly FieldProblem[]): FormError[] =>
  problems.map((problem) => ({
    field: fieldOfRulePath(problem.path.replace(/^rules\./, '')),
    message: problem.message,
    apiText: true,
  }));

const lines = (text: string) =>
  text
    .split(/[\n,;]+/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** The unit's own rules as form fields (empty where the unit follows the default). */
export function rulesToForm(rules: Rules, enabled: boolean): FormValues {
  const values: FormValues = {};
  if (enabled) values.enabled = 'on';
  if (rules.timing) {
    values.timingMode = rules.timing.mode;
    if (rules.timing.mode === 'delay') values.delayMinutes = String(rules.timing.delayMinutes);
    else values.nextDayAt = rules.timing.at;
  }
  if (rules.sendWindow) {
    values.windowStart = rules.sendWindow.start;
    values.windowEnd = rules.sendWindow.end;
    for (const day of rules.sendWindow.days) values[dayField(day)] = 'on';
    if (rules.sendWindow.allowNight) values.allowNight = 'on';
  }
  if (rules.samplingRate !== undefined)
    values.samplingPercent = String(Math.round(rules.samplingRate * 1e4) / 100);
  for (const key of ['dailyQuota', 'maxLagHours', 'linkTtlDays', 'minAge'] as const) {
    if (rules[key] !== undefined) values[key] = String(rules[key]);
  }
  if (rules.blockedDates) values.blockedDates = rules.blockedDates.join('\n');
  if (rules.excludedServiceCodes) values.excludedServiceCodes = rules.excludedServiceCodes.join('\n');
  for (const type of rules.contactTypes ?? []) values[contactTypeField(type)] = 'on';
  for (const key of ['requireSmsConsent', 'excludeSecurityBan'] as const) {
    if (rules[key] !== undefined) values[key] = rules[key] ? 'yes' : 'no';
  }
  if (rules.questionSetId !== undefined) values.questionSetId = rules.questionSetId;
  return values;
}

export type ParsedRulesForm =
  | { ok: true; rules: Rules; enabled: boolean }
  | { ok: false; errors: FormError[] };

/**
 * The unit's own rules from the posted fields: only the rules the form edits (see FORM_RULE_KEYS),
 * each left out when its field is empty. `questionSetIds` are the sets the unit may name.
 */
export function parseRulesForm(
  form: FormValues,
  t: AdminMessages,
  questionSetIds: readonly string[],
): ParsedRulesForm {
  const errors: FormError[] = [];
  const rules: Rules = {};
  const value = (name: string) => (form[name] ?? '').trim();
  const integer = (name: string, min: number, max: number): number | undefined => {
    const raw = value(name);
    if (raw === '') return undefined;
    if (!/^-?\d+$/.test(raw)) {
      errors.push({ field: name, message: t.notWholeNumber });
      return undefined;
    }
    const n = Number(raw);
    if (n < min || n > max) {
      errors.push({ field: name, message: t.between(min, max) });
      return undefined;
    }
    return n;
  };
  const time = (name: string): string | undefined => {
    const raw = value(name);
    if (raw === '') {
      errors.push({ field: name, message: t.required });
      return undefined;
    }
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(raw)) {
      errors.push({ field: name, message: t.notTime });
      return undefined;
    }
    return raw;
  };

  const mode = value('timingMode');
  if (mode === 'delay') {
    if (value('delayMinutes') === '') errors.push({ field: 'delayMinutes', message: t.required });
    const delayMinutes = integer('delayMinutes', 0, 7 * 24 * 60);
    if (delayMinutes !== undefined) rules.timing = { mode: 'delay', delayMinutes };
  } else if (mode === 'nextDay') {
    const at = time('nextDayAt');
    if (at !== undefined) rules.timing = { mode: 'nextDay', at };
  } else if (mode !== '') {
    errors.push({ field: 'timingMode', message: t.unknownChoice });
  }

  const days = WEEKDAYS.filter((day) => form[dayField(day)] !== undefined);
  const windowGiven = value('windowStart') !== '' || value('windowEnd') !== '' || days.length > 0;
  if (windowGiven) {
    const start = time('windowStart');
    const end = time('windowEnd');
    if (days.length === 0) errors.push({ field: dayField(WEEKDAYS[0]), message: t.required });
    if (start !== undefined && end !== undefined && days.length > 0) {
      rules.sendWindow = { start, end, days, ...(form.allowNight !== undefined ? { allowNight: true } : {}) };
    }
  }

  const sampling = value('samplingPercent').replace(',', '.');
  if (sampling !== '') {
    const percent = Number(sampling);
    if (!/^\d+(\.\d+)?$/.test(sampling) || !Number.isFinite(percent))
      errors.push({ field: 'samplingPercent', message: t.notNumber });
    else if (percent > 100) errors.push({ field: 'samplingPercent', message: t.between(0, 100) });
    else rules.samplingRate = Math.round(percent * 100) / 1e4;
  }
  const dailyQuota = integer('dailyQuota', 1, 100_000);
  if (dailyQuota !== undefined) rules.dailyQuota = dailyQuota;
  const maxLagHours = integer('maxLagHours', 1, 24 * 30);
  if (maxLagHours !== undefined) rules.maxLagHours = maxLagHours;
  const linkTtlDays = integer('linkTtlDays', 1, 90);
  if (linkTtlDays !== undefined) rules.linkTtlDays = linkTtlDays;
  const minAge = integer('minAge', 0, 120);
  if (minAge !== undefined) rules.minAge = minAge;

  const blocked = lines(value('blockedDates'));
  if (blocked.length > 0) {
    const wrong = blocked.filter((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d)));
    if (wrong.length > 0) errors.push({ field: 'blockedDates', message: t.notDates(wrong.join(', ')) });
    else rules.blockedDates = [...new Set(blocked)].sort();
  }
  const codes = lines(value('excludedServiceCodes'));
  if (codes.length > 0) rules.excludedServiceCodes = [...new Set(codes)];

  const contactTypes = CONTACT_TYPES.filter((type) => form[contactTypeField(type)] !== undefined);
  if (contactTypes.length > 0) rules.contactTypes = contactTypes;

  for (const key of ['requireSmsConsent', 'excludeSecurityBan'] as const) {
    const choice = value(key);
    if (choice === 'yes') rules[key] = true;
    else if (choice === 'no') rules[key] = false;
    else if (choice !== '') errors.push({ field: key, message: t.unknownChoice });
  }
  const questionSetId = value('questionSetId');
  if (questionSetId !== '') {
    if (questionSetIds.includes(questionSetId)) rules.questionSetId = questionSetId;
    else errors.push({ field: 'questionSetId', message: t.unknownChoice });
  }

  if (errors.length > 0) return { ok: false, errors };
  // The schema has the last word (e.g. a window whose start equals its end).
  const checked = rulesSchema.safeParse(rules);
  if (!checked.success) {
    return {
      ok: false,
      errors: checked.error.issues.map((issue) => ({
        field: fieldOfRulePath(issue.path.join('.')),
        message: issue.message,
        apiText: true,
      })),
    };
  }
  return { ok: true, rules: checked.data, enabled: form.enabled !== undefined };
}

/** The unit's rules after a save from the form: its other rules (not on the form) stay as they are. */
export function withFormRules(current: Rules, fromForm: Rules): Rules {
  const kept = Object.fromEntries(
    Object.entries(current).filter(([key]) => !(FORM_RULE_KEYS as readonly string[]).includes(key)),
  );
  return { ...kept, ...fromForm };
}
