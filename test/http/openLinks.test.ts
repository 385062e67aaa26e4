import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { keys } from '../../shared/adapters/dynamo/tables';
import { clientHash, saltDay } from '../../shared/domain/openLinks';
import { createApp } from '../../shared/http/app';
import { bearerTokenAuthenticator } from '../../shared/http/auth';
import type { OpenLink } from '../../shared/schemas/openLinks';
import type { AnswerRecord } from '../../shared/schemas/records';
import {
  ADMIN,
  BASE_URL,
  configure,
  createTestSystem,
  REPORTS,
  setClock,
  type TestSystem,
} from '../support/system';

const T0 = '2026-11-20T10:00:00+02:00';
const TODAY = '2026-11-20';
const UNIT = 'unit-tk-keskusta';

/** What API Gateway tells the Lambda about the caller: the only source of the client's address. */
const from = (sourceIp: string) => ({ event: { requestContext: { identity: { sourceIp } } } });

async function createLink(system: TestSystem, body: Record<string, unknown>, headers = ADMIN) {
  return system.app.request(`/api/v1/units/${UNIT}/open-links`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function newLink(
  system: TestSystem,
  body: Record<string, unknown> = { channel: 'qr', respondent: 'client' },
) {
  const response = await createLink(system, body);
  expect(response.status).toBe(201);
  return (await response.json()) as { openLinkId: string; url: string; posterUrl: string };
}

async function listLinks(system: TestSystem): Promise<(OpenLink & { url: string })[]> {
  const response = await system.app.request(`/api/v1/units/${UNIT}/open-links`, { headers: ADMIN });
  expect(response.status).toBe(200);
  return ((await response.json()) as { openLinks: (OpenLink & { url: string })[] }).openLinks;
}

/** The signed fill-time stamp of a served form. */
function stampOf(html: string): string {
  const match = /name="started" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no stamp in the form');
  return match[1];
}

async function answersOf(system: TestSystem, date = TODAY): Promise<AnswerRecord[]> {
  const items: AnswerRecord[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await system.db.send(
      new QueryCommand({
        TableName: system.tables.surveys,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.answers(UNIT, date) },
        ExclusiveStartKey,
      }),
    );
    items.push(...((page.Items ?? []) as AnswerRecord[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

function post(system: TestSystem, path: string, fields: Record<string, string>, address = '192.0.2.10') {
  return system.app.request(
    path,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    },
    from(address),
  );
}

describe('open links', { timeout: 120_000 }, () => {
  let system: TestSystem;
  beforeEach(async () => {
    system = await createTestSystem();
    await configure(system);
    await setClock(system, T0);
  });

  describe('API', () => {
    it('creates, lists and revokes a link; a revoked link answers 410', async () => {
      const created = await newLink(system, {
        channel: 'web',
        respondent: 'relative',
        questionSetId: 'thl-core-v1',
      });
      expect(created.openLinkId).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(created.url).toBe(`${BASE_URL}/f/${created.openLinkId}`);
      expect(created.posterUrl).toBe(
        `${BASE_URL}/api/v1/units/${UNIT}/open-links/${created.openLinkId}/poster`,
      );
      const kiosk = await newLink(system, { channel: 'kiosk', respondent: 'child' });
      expect(kiosk.url).toBe(`${BASE_URL}/k/${kiosk.openLinkId}`);
      expect(kiosk.openLinkId).not.toBe(created.openLinkId);

      const listed = await listLinks(system);
      // Both were created at the same (standing) clock time: their order is by id then.
      expect(listed.map((l) => [l.openLinkId, l.channel, l.respondent, l.rejected])).toEqual(
        expect.arrayContaining([
          [created.openLinkId, 'web', 'relative', 0],
          [kiosk.openLinkId, 'kiosk', 'child', 0],
        ]),
      );
      expect(listed).toHaveLength(2);
      expect(listed.find((l) => l.openLinkId === created.openLinkId)?.questionSetId).toBe('thl-core-v1');

      expect((await system.app.request(`/f/${created.openLinkId}`)).status).toBe(200);
      const revoke = () =>
        system.app.request(`/api/v1/units/${UNIT}/open-links/${created.openLinkId}`, {
          method: 'DELETE',
          headers: ADMIN,
        });
      expect((await revoke()).status).toBe(204);
      expect((await revoke()).status).toBe(204);
      const gone = await system.app.request(`/f/${created.openLinkId}?lang=en`);
      expect(gone.status).toBe(410);
      expect(await gone.text()).toContain('The survey is closed');
      const stamp = stampOf(await (await system.app.request(`/k/${kiosk.openLinkId}`)).text());
      const goneKiosk = await system.app.request(`/api/v1/units/${UNIT}/open-links/${kiosk.openLinkId}`, {
        method: 'DELETE',
        headers: ADMIN,
      });
      expect(goneKiosk.status).toBe(204);
      await setClock(system, '2026-11-20T10:01:00+02:00');
      expect((await post(system, `/k/${kiosk.openLinkId}`, { nps: '9', started: stamp })).status).toBe(410);
      expect(await answersOf(system)).toEqual([]);
      expect((await listLinks(system)).every((l) => l.revokedAt === '2026-11-20T08:00:00.000Z')).toBe(true);
    });

    it('refuses bad bodies with field paths, unknown units and links with 404, wrong scopes with 401/403', async () => {
      const bad = await createLink(system, { channel: 'sms', respondent: 'neighbour' });
      expect(bad.status).toBe(400);
      const paths = ((await bad.json()) as { error: { details: { path: string }[] } }).error.details.map(
        (d) => d.path,
      );
      expect(paths).toEqual(expect.arrayContaining(['channel', 'respondent']));
      const unknownSet = await createLink(system, {
        channel: 'qr',
        respondent: 'client',
        questionSetId: 'no-such-set',
      });
      expect(unknownSet.status).toBe(400);
      expect(JSON.stringify(await unknownSet.json())).toContain('questionSetId');
      const noUnit = await system.app.request('/api/v1/units/unit-missing/open-links', {
        method: 'POST',
        headers: { ...ADMIN, 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'qr', respondent: 'client' }),
      });
      expect(noUnit.status).toBe(404);
      expect((await createLink(system, { channel: 'qr', respondent: 'client' }, REPORTS)).status).toBe(403);
      expect(
        (await createLink(system, { channel: 'qr', respondent: 'client' }, {} as typeof ADMIN)).status,
      ).toBe(401);
      const missing = await system.app.request(`/api/v1/units/${UNIT}/open-links/AAAAAAAAAAAAAAAAAAAAAA`, {
        method: 'DELETE',
        headers: ADMIN,
      });
      expect(missing.status).toBe(404);
      expect((await system.app.request('/f/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
      expect((await system.app.request('/f/not-an-id')).status).toBe(404);
    });

    it('shows nothing of another organization to a limited token: 404 alike to a missing unit', async () => {
      const link = await newLink(system);
      await configure(system, { organizationId: 'org-other', unitId: 'unit-other' });
      const limited = createApp({
        clock: system.clock,
        config: system.config,
        surveys: system.surveys,
        aggregates: system.aggregates,
        comments: system.comments,
        log: system.log,
        publicBaseUrl: BASE_URL,
        openLinks: { store: system.openLinks },
        authenticate: bearerTokenAuthenticator([
          { token: 'other-admin', scopes: ['admin'], organizationId: 'org-other' },
        ]),
      });
      const headers = { Authorization: 'Bearer other-admin', 'content-type': 'application/json' };
      const requests: [string, string, object?][] = [
        ['POST', `/api/v1/units/${UNIT}/open-links`, { channel: 'qr', respondent: 'client' }],
        ['GET', `/api/v1/units/${UNIT}/open-links`],
        ['DELETE', `/api/v1/units/${UNIT}/open-links/${link.openLinkId}`],
        ['GET', `/api/v1/units/${UNIT}/open-links/${link.openLinkId}/poster`],
        [
          'POST',
          `/api/v1/units/${UNIT}/paper-answers`,
          { visitDate: TODAY, respondent: 'client', answers: { nps: 9 } },
        ],
      ];
      for (const [method, path, body] of requests) {
        const foreign = await limited.request(path, { method, headers, body: body && JSON.stringify(body) });
        const missing = await limited.request(path.replace(UNIT, 'unit-missing'), {
          method,
          headers,
          body: body && JSON.stringify(body),
        });
        expect(foreign.status, `${method} ${path}`).toBe(404);
        expect(await foreign.json()).toEqual(await missing.json());
      }
      // Its own unit's list does not show the other organization's link either.
      const own = await limited.request('/api/v1/units/unit-other/open-links', { headers });
      expect(((await own.json()) as { openLinks: unknown[] }).openLinks).toEqual([]);
      expect(await listLinks(system)).toHaveLength(1);
    });

    it('documents every route in /api/openapi.json', async () => {
      const document = (await (await system.app.request('/api/openapi.json')).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      expect(Object.keys(document.paths['/api/v1/units/{unitId}/open-links'] ?? {}).sort()).toEqual([
        'get',
        'post',
      ]);
      expect(Object.keys(document.paths['/api/v1/units/{unitId}/open-links/{openLinkId}'] ?? {})).toEqual([
        'delete',
      ]);
      expect(
        Object.keys(document.paths['/api/v1/units/{unitId}/open-links/{openLinkId}/poster'] ?? {}),
      ).toEqual(['get']);
      expect(Object.keys(document.paths['/api/v1/units/{unitId}/paper-answers'] ?? {})).toEqual(['post']);
    });
  });

  describe('the public form /f/{openLinkId}', () => {
    it('stores anonymous answers with the link’s channel and respondent, as often as people answer', async () => {
      const link = await newLink(system, {
        channel: 'qr',
        respondent: 'relative',
        questionSetId: 'thl-core-v1',
      });
      const form = await system.app.request(`/f/${link.openLinkId}?lang=sv`);
      expect(form.status).toBe(200);
      const html = await form.text();
      expect(html).toContain('<html lang="sv"');
      expect(html).toContain('name="smooth"'); // thl-core-v1, the link's own set
      expect(html).toContain('name="website"');
      expect(form.headers.get('set-cookie')).toBeNull();
      await setClock(system, '2026-11-20T10:00:30+02:00');
      for (const [address, nps] of [
        ['192.0.2.1', '9'],
        ['192.0.2.2', '3'],
      ] as const) {
        const answered = await post(
          system,
          `/f/${link.openLinkId}?lang=sv`,
          { nps, smooth: '4', comment: 'Hyvä', started: stampOf(html), website: '' },
          address,
        );
        expect(answered.status).toBe(303);
        expect(answered.headers.get('location')).toBe(`/f/${link.openLinkId}/thanks?lang=sv`);
      }
      const thanks = await system.app.request(`/f/${link.openLinkId}/thanks?lang=sv`);
      expect(thanks.status).toBe(200);
      expect(await thanks.text()).toContain('Tack');
      const stored = await answersOf(system);
      expect(stored.map((a) => a.answers.nps).sort()).toEqual([3, 9]);
      for (const answer of stored) {
        expect(answer).toMatchObject({
          channel: 'qr',
          respondent: 'relative',
          language: 'sv',
          questionSetId: 'thl-core-v1',
          visitDate: TODAY,
          answeredDate: TODAY,
          unitId: UNIT,
          organizationId: 'org-pohde',
        });
        expect(answer.answers).toEqual({ nps: expect.any(Number), smooth: 4 });
      }
    });

    it('shows the unit’s question set when the link has none, and re-renders a form with mistakes', async () => {
      const link = await newLink(system);
      const html = await (await system.app.request(`/f/${link.openLinkId}`)).text();
      expect(html).toContain('name="caredFor"'); // thl-national-v2, the unit's default
      await setClock(system, '2026-11-20T10:00:30+02:00');
      const invalid = await post(system, `/f/${link.openLinkId}`, { nps: '11', started: stampOf(html) });
      expect(invalid.status).toBe(400);
      const again = await invalid.text();
      expect(again).toContain('error-summary');
      expect(stampOf(again)).toBe(stampOf(html));
      expect(await answersOf(system)).toEqual([]);
      expect((await listLinks(system))[0]?.rejected).toBe(0);
    });

    it('does not store a filled honeypot, a form sent too fast or a forged stamp, thanks the sender and counts it', async () => {
      const link = await newLink(system);
      const html = await (await system.app.request(`/f/${link.openLinkId}`)).text();
      const fields = { nps: '10', started: stampOf(html) };
      await setClock(system, '2026-11-20T10:00:02+02:00'); // 2 s: under the 3 s minimum
      const tooFast = await post(system, `/f/${link.openLinkId}`, fields);
      expect(tooFast.status).toBe(303);
      await setClock(system, '2026-11-20T10:00:30+02:00');
      const honeypot = await post(system, `/f/${link.openLinkId}`, {
        ...fields,
        website: 'http://spam.example',
      });
      expect(honeypot.status).toBe(303);
      const [ms] = stampOf(html).split('.');
      const forged = await post(system, `/f/${link.openLinkId}`, {
        ...fields,
        started: `${ms}.${'A'.repeat(43)}`,
      });
      expect(forged.status).toBe(303);
      const unsigned = await post(system, `/f/${link.openLinkId}`, { nps: '10' });
      expect(unsigned.status).toBe(303);
      // A stamp of another link does not carry over.
      const other = await newLink(system);
      const otherStamp = stampOf(await (await system.app.request(`/f/${other.openLinkId}`)).text());
      await setClock(system, '2026-11-20T10:01:00+02:00');
      expect((await post(system, `/f/${link.openLinkId}`, { ...fields, started: otherStamp })).status).toBe(
        303,
      );
      expect(await answersOf(system)).toEqual([]);
      const [listed] = await listLinks(system);
      expect(listed?.rejected).toBe(5);
      expect(listed?.rejectedBy).toEqual({ honeypot: 1, fillTime: 4, rateLimit: 0 });
      // The same stamp, in time and without the honeypot, is stored.
      expect((await post(system, `/f/${link.openLinkId}`, fields)).status).toBe(303);
      expect(await answersOf(system)).toHaveLength(1);
    });

    it('a burst of 500 posts from one client stores at most its budget and loses no other client’s answer', async () => {
      const link = await newLink(system);
      const stamp = stampOf(await (await system.app.request(`/f/${link.openLinkId}`)).text());
      await setClock(system, '2026-11-20T10:00:30+02:00');
      const legit: (Response | Promise<Response>)[] = [];
      const burst: (Response | Promise<Response>)[] = [];
      for (let wave = 0; wave < 20; wave += 1) {
        const responses = await Promise.all([
          ...Array.from({ length: 25 }, () => {
            const response = post(
              system,
              `/f/${link.openLinkId}`,
              { nps: '0', started: stamp },
              '203.0.113.66',
            );
            burst.push(response);
            return response;
          }),
          (() => {
            const response = post(
              system,
              `/f/${link.openLinkId}`,
              { nps: '9', started: stamp },
              `198.51.100.${wave}`,
            );
            legit.push(response);
            return response;
          })(),
        ]);
        expect(responses.every((r) => r.status === 303)).toBe(true);
      }
      expect(burst).toHaveLength(500);
      const stored = await answersOf(system);
      expect(stored.filter((a) => a.answers.nps === 0)).toHaveLength(5);
      expect(stored.filter((a) => a.answers.nps === 9)).toHaveLength(20);
      const [listed] = await listLinks(system);
      expect(listed?.rejectedBy.rateLimit).toBe(495);

      // The next window gives the client a new budget.
      await setClock(system, '2026-11-20T11:00:30+02:00');
      await post(system, `/f/${link.openLinkId}`, { nps: '0', started: stamp }, '203.0.113.66');
      expect((await answersOf(system)).filter((a) => a.answers.nps === 0)).toHaveLength(6);
    });

    it('closes a link at its per-link budget for everyone', async () => {
      const limited = await createTestSystem({
        openLinks: { limits: { perLink: { qr: 3, web: 3, kiosk: 3 } } },
      });
      await configure(limited);
      await setClock(limited, T0);
      const link = await newLink(limited);
      const stamp = stampOf(await (await limited.app.request(`/f/${link.openLinkId}`)).text());
      await setClock(limited, '2026-11-20T10:00:30+02:00');
      for (let i = 0; i < 6; i += 1)
        await post(limited, `/f/${link.openLinkId}`, { nps: '7', started: stamp }, `10.0.0.${i}`);
      expect(await answersOf(limited)).toHaveLength(3);
      expect((await listLinks(limited))[0]?.rejectedBy.rateLimit).toBe(3);
    });

    it('never logs or stores the address or the client hash', async () => {
      const link = await newLink(system);
      const stamp = stampOf(await (await system.app.request(`/f/${link.openLinkId}`)).text());
      await setClock(system, '2026-11-20T10:00:30+02:00');
      const address = '203.0.113.77';
      for (let i = 0; i < 8; i += 1)
        await post(system, `/f/${link.openLinkId}`, { nps: '5', comment: 'ok', started: stamp }, address);
      await post(system, `/f/${link.openLinkId}`, { nps: '5', started: stamp, website: 'x' }, address);
      const { day, expiresAt } = saltDay(system.clock.now());
      const hash = clientHash(
        await system.openLinks.sharedSecret(`open-link-client-salt#${day}`, expiresAt),
        address,
      );
      const logged = system.log.text();
      expect(logged).toContain('open link answer rejected');
      expect(logged).not.toContain(address);
      expect(logged).not.toContain(hash);
      const answers = JSON.stringify(await answersOf(system));
      expect(answers).not.toContain(address);
      expect(answers).not.toContain(hash);
      // Nowhere in any table is the address kept; the hash only in the hour's budget counter, which expires.
      for (const table of Object.values(system.tables)) {
        const items = JSON.stringify(
          (await system.db.send(new ScanCommand({ TableName: table }))).Items ?? [],
        );
        expect(items, table).not.toContain(address);
        const withHash = ((await system.db.send(new ScanCommand({ TableName: table }))).Items ?? []).filter(
          (item) => JSON.stringify(item).includes(hash),
        );
        for (const item of withHash) {
          expect(String(item.pk)).toMatch(/^BUDGET#client%23/);
          expect(item.ttl).toBe(Date.parse('2026-11-20T09:00:00Z') / 1000);
        }
      }
    });
  });

  describe('kiosk mode /k/{openLinkId}', () => {
    it('keeps nothing of the respondent: no cookie, no-store, autocomplete off, redirect after post, fresh form on its own', async () => {
      const link = await newLink(system, { channel: 'kiosk', respondent: 'client' });
      const form = await system.app.request(`/k/${link.openLinkId}?lang=en`);
      expect(form.status).toBe(200);
      expect(form.headers.get('cache-control')).toBe('no-store');
      expect(form.headers.get('set-cookie')).toBeNull();
      const html = await form.text();
      expect(html).toContain(`<meta http-equiv="refresh" content="180;url=/k/${link.openLinkId}?lang=en"/>`);
      expect(html).toContain('autocomplete="off"');
      expect(html).toContain(`href="/k/${link.openLinkId}?lang=en&amp;time=long"`);
      const longer = await (await system.app.request(`/k/${link.openLinkId}?lang=en&time=long`)).text();
      expect(longer).toContain('content="1800;url=');

      await setClock(system, '2026-11-20T10:00:30+02:00');
      const answered = await post(
        system,
        `/k/${link.openLinkId}?lang=en`,
        { nps: '8', started: stampOf(html) },
        '10.1.1.1',
      );
      expect(answered.status).toBe(303);
      expect(answered.headers.get('set-cookie')).toBeNull();
      const thanksPath = answered.headers.get('location') ?? '';
      expect(thanksPath).toBe(`/k/${link.openLinkId}/thanks?lang=en`);
      const thanks = await system.app.request(thanksPath);
      expect(thanks.headers.get('cache-control')).toBe('no-store');
      const thanksHtml = await thanks.text();
      expect(thanksHtml).toContain(
        `<meta http-equiv="refresh" content="10;url=/k/${link.openLinkId}?lang=en"/>`,
      );
      // The fresh form shows nothing of the answer, and has a new stamp.
      const fresh = await (await system.app.request(`/k/${link.openLinkId}?lang=en`)).text();
      expect(fresh).not.toContain('checked');
      expect(stampOf(fresh)).not.toBe(stampOf(html));
      const [stored] = await answersOf(system);
      expect(stored).toMatchObject({
        channel: 'kiosk',
        respondent: 'client',
        language: 'en',
        answers: { nps: 8 },
      });
    });
  });

  describe('paper answers', () => {
    const paper = (body: unknown, headers = ADMIN) =>
      system.app.request(`/api/v1/units/${UNIT}/paper-answers`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    it('stores a keyed-in form with channel paper on its visit date', async () => {
      const response = await paper({
        visitDate: '2026-11-18',
        respondent: 'relative',
        answers: { nps: 6, helpInTime: 'na', safety: 5 },
        comment: 'Paperilla annettu',
      });
      expect(response.status).toBe(201);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        channel: 'paper',
        respondent: 'relative',
        questionSetId: 'thl-national-v2',
        visitDate: '2026-11-18',
      });
      expect(JSON.stringify(body)).not.toContain('Paperilla');
      const [stored] = await answersOf(system, '2026-11-18');
      expect(stored).toMatchObject({
        channel: 'paper',
        respondent: 'relative',
        answers: { nps: 6, helpInTime: 'na', safety: 5 },
        comment: 'Paperilla annettu',
        answeredDate: TODAY,
      });
    });

    it('refuses answers the form would not take, with field paths, and stores nothing', async () => {
      const cases: [unknown, string[]][] = [
        [
          { visitDate: TODAY, respondent: 'client', answers: { nps: 11, safety: 0, shoeSize: 3 } },
          ['answers.nps', 'answers.safety', 'answers.shoeSize'],
        ],
        [{ visitDate: TODAY, respondent: 'client', answers: {} }, ['answers']],
        [{ visitDate: '2026-11-21', respondent: 'client', answers: { nps: 5 } }, ['visitDate']],
        [{ visitDate: TODAY, respondent: 'visitor', answers: { nps: 5 } }, ['respondent']],
        [
          { visitDate: TODAY, respondent: 'client', answers: { nps: 5 }, comment: 'x'.repeat(2001) },
          ['comment'],
        ],
      ];
      for (const [body, paths] of cases) {
        const response = await paper(body);
        expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
        const details = ((await response.json()) as { error: { details: { path: string }[] } }).error.details;
        expect(details.map((d) => d.path).sort()).toEqual([...paths].sort());
      }
      expect(await answersOf(system)).toEqual([]);
      expect(
        (await paper({ visitDate: TODAY, respondent: 'client', answers: { nps: 5 } }, REPORTS)).status,
      ).toBe(403);
    });
  });
});
