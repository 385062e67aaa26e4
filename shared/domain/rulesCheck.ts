import { type EffectiveRules, LANGUAGES, type Language, MAX_SMS_NAME_LENGTH } from '../schemas/config';
import {
  addLocalDays,
  computeSendTime,
  DAY_MS,
  HOUR_MS,
  localWallTime,
  MINUTE_MS,
  zonedWallTimeToInstant,
} from './sendTime';
import { gsm7Length, templateProblems } from './sms';

/** A problem with a setting; `path` is relative to the rules (`sendWindow.end`) or the organization (`smsTemplates.fi`). */
export interface RuleProblem {
  path: string;
  message: string;
}

/** `errors` make a save fail (400); `warnings` go back with a successful save and with a preview. */
export interface RulesCheck {
  errors: RuleProblem[];
  warnings: RuleProblem[];
}

export interface RulesCheckContext {
  /** The organization's IANA zone: the window and the waits are local wall-clock time there. */
  timeZone: string;
  /** Whether the unit is enabled: sampling 0 on a disabled unit is no surprise. */
  enabled: boolean;
  publicBaseUrl: string;
  /** The organization's SMS templates, when they are being saved or checked. */
  templates?: Partial<Record<Language, string>>;
  /** The sender names that can go into the SMS (organization names, units' smsName); the longest allowed when left out. */
  names?: readonly string[];
  /**
   * The local date from which visits are considered: blocked dates before it no longer matter. Left
   * out, the check looks at a fixed reference year and every blocked date.
   */
  today?: string;
}

/** Sends between these local hours need `"allowNight": true`. */
export const NIGHT_STARTS = '21:00';
export const NIGHT_ENDS = '08:00';

const REFERENCE_START = '2026-01-05';
/** A year covers both DST changes and every weekday many times over. */
const REFERENCE_DAYS = 371;
/** The longest ordinary wait is a week (window days) plus a week (the longest delay): a blocked date can reach back this far. */
const DAYS_BEFORE_BLOCKED = 15;
/** Long enough to find a send after any run of blocked dates the schema allows. */
const SEARCH_LAG_HOURS = 24 * 1100;

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * Settings that would cost money or trust, checked before they are saved: night sends, a window that
 * ends before it starts, waits longer than `maxLagHours`, sampling that surveys nobody, SMS templates
 * that do not fit one segment. Pure and synchronous: the handlers call it on the effective rules.
 */
export function checkRules(rules: EffectiveRules, context: RulesCheckContext): RulesCheck {
  const errors: RuleProblem[] = [...windowErrors(rules), ...templateErrors(context)];
  const warnings: RuleProblem[] = [];
  if (rules.samplingRate === 0 && context.enabled) {
    warnings.push({
      path: 'samplingRate',
      message: 'samplingRate is 0 on an enabled unit: no visit will be surveyed (every visit is NOT_SAMPLED)',
    });
  }
  const lag = lagProblems(rules, context);
  errors.push(...lag.errors);
  warnings.push(...lag.warnings);
  return { errors, warnings };
}

function windowErrors(rules: EffectiveRules): RuleProblem[] {
  const { start, end, allowNight } = rules.sendWindow;
  if (allowNight === true) return [];
  if (start > end) {
    return [
      {
        path: 'sendWindow.end',
        message: `the window ends before it starts (${start}–${end}); a window across midnight needs "allowNight": true`,
      },
    ];
  }
  const errors: RuleProblem[] = [];
  const night = `sends between ${NIGHT_STARTS} and ${NIGHT_ENDS} need "allowNight": true`;
  if (start < NIGHT_ENDS) {
    errors.push({
      path: 'sendWindow.start',
      message: `the window starts at ${start}, before ${NIGHT_ENDS}: ${night}`,
    });
  }
  if (end > NIGHT_STARTS) {
    errors.push({
      path: 'sendWindow.end',
      message: `the window ends at ${end}, after ${NIGHT_STARTS}: ${night}`,
    });
  }
  return errors;
}

function templateErrors(context: RulesCheckContext): RuleProblem[] {
  if (!context.templates) return [];
  const names = context.names ?? [];
  const longestName =
    names.length === 0
      ? MAX_SMS_NAME_LENGTH
      : Math.max(...names.map((name) => gsm7Length(name) ?? MAX_SMS_NAME_LENGTH));
  return LANGUAGES.flatMap((language) => {
    const template = context.templates?.[language];
    if (template === undefined) return [];
    return templateProblems(template, context.publicBaseUrl, longestName).map((message) => ({
      path: `smsTemplates.${language}`,
      message,
    }));
  });
}

/** A visit and how long it waits for its send (Infinity when nothing can ever be sent). */
interface Wait {
  completedAt: Date;
  sendAt: Date | undefined;
  ms: number;
  /**
   * False for a bound that visits only approach: the last visit of a day waits a little more than
   * `ms`, so it is already STALE when `ms` equals maxLagHours.
   */
  attained?: false;
}

function lagProblems(rules: EffectiveRules, context: RulesCheckContext): RulesCheck {
  const { timing, maxLagHours } = rules;
  const maxLagMs = maxLagHours * HOUR_MS;
  const lag = `maxLagHours (${maxLagHours} h)`;
  if (timing.mode === 'delay' && timing.delayMinutes * MINUTE_MS > maxLagMs) {
    return {
      errors: [
        {
          path: 'timing.delayMinutes',
          message: `a delay of ${timing.delayMinutes} minutes is longer than ${lag}: every visit would be STALE`,
        },
      ],
      warnings: [],
    };
  }
  const { longest, shortest } = waitRange(rules, context);
  const tz = context.timeZone;
  const sent = (wait: Wait) =>
    wait.sendAt === undefined
      ? 'is never sent'
      : `is sent ${describe(wait.sendAt, tz)}, ${hours(wait.ms)} later`;
  if (shortest.attained === false ? shortest.ms >= maxLagMs : shortest.ms > maxLagMs) {
    const when = shortest.attained === false ? 'just before midnight ' : '';
    return {
      errors: [
        {
          path: 'maxLagHours',
          message: `every visit would be STALE: even a visit completed ${when}(${describe(shortest.completedAt, tz)}) ${sent(shortest)}, and ${lag} allows less`,
        },
      ],
      warnings: [],
    };
  }
  if (longest.ms > maxLagMs) {
    return {
      errors: [],
      warnings: [
        {
          path: 'maxLagHours',
          message: `some visits would be STALE: a visit completed ${describe(longest.completedAt, tz)} ${sent(longest)}, longer than ${lag}`,
        },
      ],
    };
  }
  return { errors: [], warnings: [] };
}

/**
 * The longest and the shortest wait of any visit (the event arriving at once), found exactly from the
 * completion times where the wait is longest or shortest: for `nextDay`, every visit of a local day
 * is sent at the same instant, so the day's first instant waits longest and its last shortest; for
 * `delay`, the wait is longest when `completedAt + delay` falls just as a window closes (its end, or a
 * midnight a blocked date cuts), and shortest (the delay itself) whenever it falls inside one. The
 * days looked at: a year from `today` (both DST changes, every weekday) and the days before and
 * during each blocked date.
 */
function waitRange(rules: EffectiveRules, context: RulesCheckContext): { longest: Wait; shortest: Wait } {
  const tz = context.timeZone;
  let longest: Wait | undefined;
  let shortest: Wait | undefined;
  const consider = (wait: Wait, asShortest: boolean) => {
    if (longest === undefined || wait.ms > longest.ms) longest = wait;
    if (asShortest && (shortest === undefined || wait.ms < shortest.ms)) shortest = wait;
  };
  const never = (day: string): Wait => ({
    completedAt: zonedWallTimeToInstant(day, '00:00', tz),
    sendAt: undefined,
    ms: Number.POSITIVE_INFINITY,
  });
  const visitDay = (day: string) => {
    const midnight = zonedWallTimeToInstant(day, '00:00', tz).getTime();
    if (rules.timing.mode === 'nextDay') {
      const nextMidnight = zonedWallTimeToInstant(addLocalDays(day, 1), '00:00', tz).getTime();
      const first = waitOf(rules, tz, midnight);
      consider(first, false);
      // The day's last visit: the same send instant, measured from the end of the day.
      consider(
        {
          completedAt: new Date(nextMidnight - MINUTE_MS),
          sendAt: first.sendAt,
          ms: first.ms - (nextMidnight - midnight),
          attained: false,
        },
        true,
      );
      return;
    }
    const delayMs = rules.timing.delayMinutes * MINUTE_MS;
    const end = zonedWallTimeToInstant(day, rules.sendWindow.end, tz).getTime();
    // A visit whose delay ends as a window opens waits only the delay: the shortest possible.
    const start = zonedWallTimeToInstant(day, rules.sendWindow.start, tz).getTime();
    for (const edge of [end, midnight, start]) consider(waitOf(rules, tz, edge - delayMs), true);
  };

  const first = context.today ?? REFERENCE_START;
  const last = addLocalDays(first, REFERENCE_DAYS - 1);
  for (let i = 0; i < REFERENCE_DAYS; i++) visitDay(addLocalDays(first, i));
  // A blocked date later than the reference year reaches back only as far as a visit can wait.
  const reach = Math.min(
    DAYS_BEFORE_BLOCKED,
    Number.isFinite(longest?.ms ?? Number.POSITIVE_INFINITY)
      ? Math.ceil((longest?.ms ?? 0) / DAY_MS) + 1
      : DAYS_BEFORE_BLOCKED,
  );
  const extra = new Set<string>();
  for (const blocked of rules.blockedDates) {
    // Blocked dates before `today` are past; without `today` every one is looked at.
    if ((blocked >= first && blocked <= last) || (context.today !== undefined && blocked < first)) continue;
    for (let i = -reach; i <= 0; i++) {
      const day = addLocalDays(blocked, i);
      if (day < first || day > last) extra.add(day);
    }
  }
  for (const day of extra) visitDay(day);
  return { longest: longest ?? never(first), shortest: shortest ?? never(first) };
}

function waitOf(rules: EffectiveRules, timeZone: string, completedMs: number): Wait {
  const completedAt = new Date(completedMs);
  const result = computeSendTime({
    completedAt,
    now: completedAt,
    timeZone,
    timing: rules.timing,
    sendWindow: rules.sendWindow,
    blockedDates: rules.blockedDates,
    maxLagHours: SEARCH_LAG_HOURS,
  });
  if (!result.ok) return { completedAt, sendAt: undefined, ms: Number.POSITIVE_INFINITY };
  return { completedAt, sendAt: result.sendAt, ms: result.sendAt.getTime() - completedMs };
}

function describe(instant: Date, timeZone: string): string {
  const { date, time } = localWallTime(instant, timeZone);
  const weekday = WEEKDAY_NAMES[new Date(`${date}T00:00:00Z`).getUTCDay()];
  return `${weekday} ${date} ${time}`;
}

function hours(ms: number): string {
  return `${Math.round((ms / HOUR_MS) * 10) / 10} h`;
}
