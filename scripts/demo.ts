/**
 * `npm run demo`: fills a running local instance (`npm start`) with a few weeks of realistic visits,
 * SMS sends, answers and comments for one organization and five units, runs the nightly job for each
 * date, and prints where to look.
 *
 * Environment: the instance is found as `npm start` serves it: PUBLIC_BASE_URL, else
 * http://localhost:$PORT (PORT default 3000); PALAUTE_URL overrides both. PALAUTE_ADMIN_TOKEN,
 * PALAUTE_REPORTS_TOKEN (the local defaults), DEMO_DAYS (default 35: five weeks, so that the
 * console's "measuring continuously" has its four weeks), DEMO_END (last visit date,
 * default yesterday in Helsinki), DEMO_SEED. Deterministic for a seed and dates. The virtual clock only
 * moves forward, so a second run over the same dates is refused: start from empty data
 * (`npm start -- --fresh`) or choose later dates.
 *
 * It drives only public and local endpoints: PUT organization/units, POST /local/events,
 * POST /local/clock (the virtual clock: it is left at the morning after the last date),
 * the survey form POST /s/{token}, POST /local/jobs/aggregate.
 */
import { pathToFileURL } from 'node:url';
import { addLocalDays, localDateOf, zonedWallTimeToInstant } from '../shared/domain/sendTime';

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

export interface DemoOptions {
  baseUrl: string;
  adminToken: string;
  reportsToken: string;
  /** How many visit dates to simulate. */
  days: number;
  /** The last visit date, 'YYYY-MM-DD'. */
  endDate: string;
  seed: number;
  /** Visits per day are multiplied by this (tests use less). */
  scale?: number;
  fetch?: Fetch;
  log?: (line: string) => void;
}

export interface DemoResult {
  organizationId: string;
  units: string[];
  from: string;
  to: string;
  visits: number;
  smsSent: number;
  answers: number;
  jobs: number;
}

const ZONE = 'Europe/Helsinki';
export const DEMO_ORGANIZATION = 'demo-hva';

interface UnitProfile {
  unitId: string;
  name: { fi: string; sv: string; en: string };
  /** Visits per weekday (Mon–Fri), Saturday and Sunday. */
  perDay: [number, number, number];
  rules: Record<string, unknown>;
  /** Chance that a recipient answers. */
  answerRate: number;
  /** 0–1: how good the service feels; moves NPS and statements. */
  quality: number;
  contactTypes: string[];
}

const UNITS: UnitProfile[] = [
  {
    unitId: 'demo-tk-keskusta',
    name: { fi: 'Keskustan terveysasema', sv: 'Centrums hälsostation', en: 'Central health centre' },
    perDay: [34, 5, 0],
    rules: { timing: { mode: 'delay', delayMinutes: 120 } },
    answerRate: 0.45,
    quality: 0.72,
    contactTypes: ['visit', 'visit', 'visit', 'remote', 'phone'],
  },
  {
    unitId: 'demo-suun-terveys',
    name: {
      fi: 'Suun terveydenhuolto, Keskusta',
      sv: 'Munhälsovården, Centrum',
      en: 'Oral health care, Centre',
    },
    perDay: [15, 0, 0],
    rules: { timing: { mode: 'nextDay', at: '12:00' } },
    answerRate: 0.5,
    quality: 0.82,
    contactTypes: ['visit'],
  },
  {
    unitId: 'demo-perhekeskus',
    name: { fi: 'Perhekeskus Ranta', sv: 'Familjecentret Stranden', en: 'Family centre Ranta' },
    perDay: [9, 0, 0],
    rules: { timing: { mode: 'delay', delayMinutes: 60 }, samplingRate: 0.8 },
    answerRate: 0.4,
    quality: 0.6,
    contactTypes: ['visit', 'remote'],
  },
  {
    unitId: 'demo-kotihoito',
    name: { fi: 'Kotihoito Pohjoinen', sv: 'Hemvården Norr', en: 'Home care North' },
    perDay: [3, 2, 2],
    rules: { timing: { mode: 'delay', delayMinutes: 180 } },
    answerRate: 0.5,
    quality: 0.68,
    contactTypes: ['home'],
  },
  {
    unitId: 'demo-sosiaalityo',
    name: { fi: 'Aikuissosiaalityö', sv: 'Socialt arbete för vuxna', en: 'Adult social work' },
    perDay: [2, 0, 0],
    rules: { timing: { mode: 'nextDay', at: '10:00' } },
    answerRate: 0.35,
    quality: 0.55,
    contactTypes: ['phone', 'visit'],
  },
];

const COMMENTS: Record<'fi' | 'sv' | 'en', { good: string[]; bad: string[] }> = {
  fi: {
    good: [
      'Ystävällinen ja asiantunteva palvelu.',
      'Pääsin vastaanotolle nopeasti, kiitos!',
      'Sain selkeät ohjeet jatkoa varten.',
      'Henkilökunta kuunteli ja oli aidosti kiinnostunut.',
      'Kaikki sujui hyvin ja ajallaan.',
    ],
    bad: [
      'Jouduin odottamaan pitkään ilman tietoa.',
      'Puhelimeen oli vaikea saada yhteyttä.',
      'Ohjeet jäivät epäselviksi.',
      'Aika tuntui liian lyhyeltä asiani käsittelyyn.',
    ],
  },
  sv: {
    good: ['Vänligt och kunnigt bemötande.', 'Allt gick smidigt, tack!', 'Jag fick tydliga instruktioner.'],
    bad: ['Lång väntetid utan information.', 'Svårt att nå fram per telefon.'],
  },
  en: {
    good: ['Friendly and professional staff.', 'Quick and easy, thank you!'],
    bad: ['Long wait without any information.', 'The instructions were unclear.'],
  },
};

/** mulberry32: a small seeded generator, so that a run can be repeated exactly. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
    /** Poisson-ish count around a mean. */
    around: (mean: number) =>
      Math.max(0, Math.round(mean + (next() + next() + next() - 1.5) * Math.sqrt(mean) * 1.2)),
  };
}

interface Plan {
  unit: UnitProfile;
  language: 'fi' | 'sv' | 'en';
  answers: boolean;
  optOut: boolean;
  delayMinutes: number;
}

interface DueAction {
  at: number;
  token: string;
  kind: 'answer' | 'optOut';
  plan: Plan;
}

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const fetcher: Fetch = options.fetch ?? ((url, init) => fetch(url, init));
  const log = options.log ?? ((line: string) => console.log(line));
  const scale = options.scale ?? 1;
  const rng = random(options.seed);
  const admin = { authorization: `Bearer ${options.adminToken}`, 'content-type': 'application/json' };

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetcher(`${options.baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response;
  }
  async function json<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await call(method, path, body, headers);
    if (response.status >= 400)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  // --- Is a local instance there?
  try {
    const health = await call('GET', '/healthz');
    if (health.status !== 200) throw new Error(`status ${health.status}`);
  } catch (error) {
    throw new Error(
      `No Palaute instance answers at ${options.baseUrl} (${(error as Error).message}). Start one with \`npm start\` in another terminal, or set PORT (or PUBLIC_BASE_URL, PALAUTE_URL) to where it runs.`,
    );
  }

  // --- Can the clock go where the demo starts? It only moves forward.
  const from = addLocalDays(options.endDate, -(options.days - 1));
  const firstInstant = zonedWallTimeToInstant(from, '08:30', ZONE);
  const clock = await json<{ now: string; virtual: boolean }>('GET', '/local/clock');
  if (clock.virtual && Date.parse(clock.now) > firstInstant.getTime()) {
    throw new Error(
      `The instance's virtual clock is at ${clock.now}, after the demo's first day ${from}, and it only moves forward. ` +
        'Start from empty data (`npm start -- --fresh`), or set DEMO_END to a later date.',
    );
  }

  // --- Configuration
  await json(
    'PUT',
    `/api/v1/organizations/${DEMO_ORGANIZATION}`,
    {
      name: { fi: 'Demo-hyvinvointialue', sv: 'Demo-välfärdsområdet', en: 'Demo wellbeing county' },
      smsSenderId: 'DemoHVA',
      minReportN: 5,
      smsTemplates: {
        fi: 'Hei! Kiitos asioinnistasi. Kerro kokemuksestasi, se vie minuutin: {link} -{orgName}',
        sv: 'Hej! Tack för besöket. Berätta hur det gick, det tar en minut: {link} -{orgName}',
        en: 'Hi! Thanks for your visit. Tell us how it went, it takes a minute: {link} -{orgName}',
      },
    },
    admin,
  );
  for (const unit of UNITS) {
    await json(
      'PUT',
      `/api/v1/units/${unit.unitId}`,
      {
        organizationId: DEMO_ORGANIZATION,
        name: unit.name,
        enabled: true,
        rules: unit.rules,
      },
      admin,
    );
  }
  log(`Configured ${DEMO_ORGANIZATION} with ${UNITS.length} units.`);

  const plans = new Map<string, Plan[]>();
  const due: DueAction[] = [];
  const seenMessages = new Set<string>();
  const people: { personRef: string; phone: string }[] = [];
  const result: DemoResult = {
    organizationId: DEMO_ORGANIZATION,
    units: UNITS.map((u) => u.unitId),
    from,
    to: options.endDate,
    visits: 0,
    smsSent: 0,
    answers: 0,
    jobs: 0,
  };

  const setClock = async (date: string, time: string) => {
    const now = zonedWallTimeToInstant(date, time, ZONE);
    await json('POST', '/local/clock', { now: now.toISOString() });
    await harvest();
    await act(now.getTime());
  };

  /** New SMS in the outbox: decide when (and whether) the recipient answers. */
  async function harvest() {
    const { messages } = await json<{
      messages: { messageId: string; to: string; body: string; sentAt: string }[];
    }>('GET', '/local/outbox');
    for (const message of messages) {
      if (seenMessages.has(message.messageId)) continue;
      seenMessages.add(message.messageId);
      const token = /\/s\/([A-Za-z0-9_-]{22})/.exec(message.body)?.[1];
      const plan = plans.get(message.to)?.shift();
      if (!token || !plan) continue;
      result.smsSent += 1;
      const at = Date.parse(message.sentAt) + plan.delayMinutes * 60_000;
      if (plan.answers) due.push({ at, token, kind: 'answer', plan });
      else if (plan.optOut) due.push({ at, token, kind: 'optOut', plan });
    }
  }

  function answerBody(plan: Plan): string {
    const q = plan.unit.quality;
    const mood = Math.min(1, Math.max(0, q + (rng.next() - 0.5) * 0.7));
    const nps = Math.min(10, Math.max(0, Math.round(mood * 10 + (rng.next() - 0.5) * 3)));
    const fields: string[] = [];
    if (rng.chance(0.96)) fields.push(`nps=${nps}`);
    for (const id of ['smooth', 'helpInTime', 'respect', 'safety', 'information', 'useful']) {
      if (rng.chance(0.08)) continue;
      if (rng.chance(0.07)) {
        fields.push(`${id}=na`);
        continue;
      }
      const value = Math.min(5, Math.max(1, Math.round(1 + mood * 4 + (rng.next() - 0.5) * 1.6)));
      fields.push(`${id}=${value}`);
    }
    if (rng.chance(0.25)) {
      const texts = COMMENTS[plan.language];
      fields.push(`comment=${encodeURIComponent(rng.pick(mood > 0.6 ? texts.good : texts.bad))}`);
    }
    return fields.join('&');
  }

  /** Answers and opt-outs whose time has come. */
  async function act(now: number) {
    due.sort((a, b) => a.at - b.at);
    while (due.length > 0 && (due[0] as DueAction).at <= now) {
      const action = due.shift() as DueAction;
      const path = action.kind === 'answer' ? `/s/${action.token}` : `/s/${action.token}/opt-out`;
      const response = await fetcher(`${options.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: action.kind === 'answer' ? answerBody(action.plan) : '',
      });
      if (response.status === 200 && action.kind === 'answer') result.answers += 1;
      await response.arrayBuffer();
    }
  }

  function visitsOf(date: string) {
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    const column = weekday === 0 ? 2 : weekday === 6 ? 1 : 0;
    const events: { Source: string; DetailType: string; Detail: string }[] = [];
    for (const unit of UNITS) {
      const count = rng.around(unit.perDay[column] * scale);
      for (let i = 0; i < count; i++) {
        const minutes = rng.int(8 * 60, 16 * 60 - 1);
        const completedAt = zonedWallTimeToInstant(
          date,
          `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
          ZONE,
        );
        const returning = people.length > 20 && rng.chance(0.04);
        const person = returning
          ? rng.pick(people)
          : {
              personRef: `demo-person-${options.seed}-${people.length}`,
              phone: `+35840${rng.int(1_000_000, 9_999_999)}`,
            };
        if (!returning) people.push(person);
        const language = rng.chance(0.84) ? 'fi' : rng.chance(0.65) ? 'sv' : 'en';
        const landline = rng.chance(0.02);
        const client = {
          personRef: person.personRef,
          mobilePhone: rng.chance(0.02) ? undefined : landline ? '09 310 1234' : person.phone,
          language,
          age: rng.chance(0.03)
            ? undefined
            : unit.unitId === 'demo-perhekeskus'
              ? rng.int(16, 45)
              : rng.int(18, 92),
          deceased: rng.chance(0.003),
          securityBan: rng.chance(0.01),
          smsConsent: true,
        };
        const appointmentId = `DEMO-${date}-${unit.unitId}-${i}`;
        events.push({
          Source: 'fi.example.demo',
          DetailType: 'Appointment Completed',
          Detail: JSON.stringify({
            schemaVersion: 1,
            appointmentId,
            organizationId: DEMO_ORGANIZATION,
            unitId: unit.unitId,
            serviceCode: 'T11',
            contactType: rng.pick(unit.contactTypes),
            completedAt: completedAt.toISOString(),
            client,
          }),
        });
        if (rng.chance(0.03)) {
          events.push({
            Source: 'fi.example.demo',
            DetailType: 'Appointment Cancelled',
            Detail: JSON.stringify({
              schemaVersion: 1,
              appointmentId,
              organizationId: DEMO_ORGANIZATION,
              unitId: unit.unitId,
            }),
          });
        }
        const answers = rng.chance(unit.answerRate);
        const plan: Plan = {
          unit,
          language: language as Plan['language'],
          answers,
          optOut: !answers && rng.chance(0.02),
          // most answer within hours; some days later (late answers reopen those dates)
          delayMinutes: rng.chance(0.8) ? rng.int(5, 240) : rng.int(24 * 60, 6 * 24 * 60),
        };
        if (!returning && client.mobilePhone === person.phone)
          plans.set(person.phone, [...(plans.get(person.phone) ?? []), plan]);
        result.visits += 1;
      }
    }
    return events;
  }

  async function aggregate(date: string) {
    const summary = await json<{ organizations: { organizationId: string; cellsWritten: number }[] }>(
      'POST',
      '/local/jobs/aggregate',
      { date },
    );
    result.jobs += 1;
    return summary.organizations.find((o) => o.organizationId === DEMO_ORGANIZATION)?.cellsWritten ?? 0;
  }

  for (let day = 0; day < options.days; day++) {
    const date = addLocalDays(from, day);
    if (day > 0) await setClock(date, '02:00').then(() => aggregate(addLocalDays(date, -1)));
    await setClock(date, '08:30');
    await setClock(date, '12:30');
    await setClock(date, '16:30');
    const events = visitsOf(date);
    for (let i = 0; i < events.length; i += 10) {
      await json('POST', '/local/events', { Entries: events.slice(i, i + 10) });
    }
    await setClock(date, '20:30');
    log(`${date}: ${events.length} events; so far ${result.smsSent} SMS, ${result.answers} answers`);
  }
  const morning = addLocalDays(options.endDate, 1);
  await setClock(morning, '02:00');
  await aggregate(options.endDate);
  await setClock(morning, '08:00');
  return result;
}

async function printReport(options: DemoOptions, result: DemoResult) {
  const fetcher: Fetch = options.fetch ?? ((url, init) => fetch(url, init));
  const response = await fetcher(
    `${options.baseUrl}/api/v1/reports/daily?organizationId=${DEMO_ORGANIZATION}&from=${result.from}&to=${result.to}`,
    { headers: { authorization: `Bearer ${options.reportsToken}` } },
  );
  const { rows } = (await response.json()) as {
    rows: {
      unitId: string;
      suppressed: boolean;
      responses: number;
      funnel: { received: number; sent: number };
    }[];
  };
  const units = new Map<
    string,
    { received: number; sent: number; responses: number; days: number; hidden: number }
  >();
  for (const row of rows) {
    const u = units.get(row.unitId) ?? { received: 0, sent: 0, responses: 0, days: 0, hidden: 0 };
    u.received += row.funnel.received;
    u.sent += row.funnel.sent;
    u.responses += row.responses;
    u.days += 1;
    u.hidden += row.suppressed ? 1 : 0;
    units.set(row.unitId, u);
  }
  const url = options.baseUrl;
  const q = `organizationId=${DEMO_ORGANIZATION}&from=${result.from}&to=${result.to}`;
  const lines = [
    '',
    `Done: ${result.visits} visits, ${result.smsSent} SMS, ${result.answers} answers, ${result.jobs} nightly runs (${result.from} … ${result.to}).`,
    '',
    'unit                        visits    sent  answers  days  suppressed days',
    ...[...units.entries()].map(
      ([unitId, u]) =>
        `${(unitId === '*' ? '* (organization)' : unitId).padEnd(26)} ${String(u.received).padStart(7)} ${String(u.sent).padStart(7)} ${String(u.responses).padStart(8)} ${String(u.days).padStart(5)} ${String(u.hidden).padStart(16)}`,
    ),
    '',
    'Where to look:',
    `  Report page:   ${url}/reports   (sign in with the reports token: ${options.reportsToken})`,
    ...result.units.map((unitId) => `                 ${url}/reports/units/${unitId}`),
    `  Daily JSON:    curl -H 'Authorization: Bearer ${options.reportsToken}' '${url}/api/v1/reports/daily?${q}'`,
    `  Daily CSV:     curl -H 'Authorization: Bearer ${options.reportsToken}' -H 'Accept: text/csv' '${url}/api/v1/reports/daily?${q}'`,
    `  Monthly:       curl -H 'Authorization: Bearer ${options.reportsToken}' '${url}/api/v1/reports/monthly?organizationId=${DEMO_ORGANIZATION}&from=${result.from.slice(0, 7)}&to=${result.to.slice(0, 7)}'`,
    `  Comments:      curl -H 'Authorization: Bearer ${options.reportsToken}' '${url}/api/v1/reports/comments?unitId=demo-tk-keskusta&from=${result.from}&to=${result.to}'`,
    `  Bus events:    ${url}/local/published-events   (one "Aggregates Ready" per night)`,
    `  SMS outbox:    ${url}/local/outbox`,
    '',
    `The virtual clock is left at ${addLocalDays(result.to, 1)} 08:00 Helsinki time, so "the last 30 days" ends with the demo.`,
  ];
  console.log(lines.join('\n'));
}

/** Where `npm start` serves with the same environment: PALAUTE_URL, else PUBLIC_BASE_URL, else PORT. */
export function demoBaseUrl(env: Record<string, string | undefined>): string {
  const url = env.PALAUTE_URL || env.PUBLIC_BASE_URL || `http://localhost:${env.PORT || 3000}`;
  return url.replace(/\/+$/, '');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options: DemoOptions = {
    baseUrl: demoBaseUrl(process.env),
    adminToken: process.env.PALAUTE_ADMIN_TOKEN ?? 'local-admin-token',
    reportsToken: process.env.PALAUTE_REPORTS_TOKEN ?? 'local-reports-token',
    days: Number(process.env.DEMO_DAYS ?? 35),
    endDate: process.env.DEMO_END ?? addLocalDays(localDateOf(new Date(), ZONE), -1),
    seed: Number(process.env.DEMO_SEED ?? 20261120),
  };
  if (!Number.isInteger(options.days) || options.days < 1 || options.days > 120) {
    console.error('DEMO_DAYS must be 1–120.');
    process.exit(1);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.endDate)) {
    console.error('DEMO_END must be YYYY-MM-DD.');
    process.exit(1);
  }
  try {
    const result = await runDemo(options);
    await printReport(options, result);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
