import { beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_CSS } from '../../shared/http/console/styles';
import {
  AS_OF,
  type Get,
  HIDDEN_COMMENTS,
  REPORTS_ORG,
  SHOWN_COMMENTS,
  seedReports,
  signedIn,
  UNIT_C_COMMENT,
  writeUsersFile,
} from '../support/consoleReports';
import { createTestSystem, type TestSystem } from '../support/system';

const DASHBOARD = `/console/organizations/${REPORTS_ORG}`;

/** The `<tr>` of the units table whose row header links to the unit. */
function unitRow(html: string, unitId: string): string {
  const table = html.slice(html.indexOf('<table id="units"'));
  const rows = table.split('<tr>').slice(1);
  const row = rows.find((r) => r.includes(`/console/units/${unitId}?`));
  if (!row) throw new Error(`no row for ${unitId}`);
  return row.slice(0, row.indexOf('</tr>'));
}

const unitOrder = (html: string) =>
  [...html.slice(html.indexOf('<table id="units"')).matchAll(/\/console\/units\/(u-[a-z])\?/g)].map(
    (m) => m[1],
  );

describe('report screens of the console, on DynamoDB Local through createApp', () => {
  let system: TestSystem;
  let admin: Get;
  let viewer: Get;
  beforeAll(async () => {
    system = await createTestSystem({ usersFile: writeUsersFile() });
    await seedReports(system);
    [admin, viewer] = await Promise.all([signedIn(system, 'orgadmin'), signedIn(system, 'viewer')]);
  });

  it('shows the rollout KPI now and its change since a chosen date', async () => {
    const response = await admin(`${DASHBOARD}?lang=en&since=2026-10-31`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('2 of 3 units measure continuously.');
    expect(html).toContain('Change since 31/10/2026: +1 (then 1).');
    expect(unitRow(html, 'u-a')).toContain('<td>yes</td>');
    expect(unitRow(html, 'u-b')).toContain('<td>no</td>');
    // The default comparison: four weeks back (10-22: u-a only; u-c began sending 10-20).
    const byDefault = await (await admin(`${DASHBOARD}?lang=en`)).text();
    expect(byDefault).toContain('Change since 22/10/2026: +1 (then 1).');
  });

  it.each([
    ['2026-02-30', 'Enter the date to compare with as yyyy-mm-dd.'],
    ['31.10.2026', 'Enter the date to compare with as yyyy-mm-dd.'],
    ['2026-11-20', 'cannot be after the last day with figures'],
    ['2020-01-01', 'can be 19/11/2024 at the earliest'],
  ])('re-renders a bad comparison date %s with a message (400), never 500', async (since, message) => {
    const response = await admin(`${DASHBOARD}?lang=en&since=${encodeURIComponent(since)}`);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(message);
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain(`value="${since}"`);
    expect(html).toContain('id="error-summary"');
  });

  it('sorts by a figure on the server, withheld figures last in either direction', async () => {
    expect(unitOrder(await (await admin(`${DASHBOARD}?lang=en`)).text())).toEqual(['u-a', 'u-b', 'u-c']);
    expect(unitOrder(await (await admin(`${DASHBOARD}?lang=en&sort=nps30&dir=desc`)).text())).toEqual([
      'u-a',
      'u-c',
      'u-b',
    ]);
    expect(unitOrder(await (await admin(`${DASHBOARD}?lang=en&sort=nps30&dir=asc`)).text())).toEqual([
      'u-c',
      'u-a',
      'u-b',
    ]);
    expect(unitOrder(await (await admin(`${DASHBOARD}?lang=en&sort=responses30&dir=desc`)).text())).toEqual([
      'u-c',
      'u-a',
      'u-b',
    ]);
    const html = await (await admin(`${DASHBOARD}?lang=en&sort=nps30&dir=desc`)).text();
    expect(html).toContain('aria-sort="descending"');
    // The link of the sorted column turns the order around.
    expect(html).toContain('sort=nps30&amp;dir=asc');
  });

  it('shows withheld cells as suppressed with the reason, never as a value', async () => {
    const html = await (await admin(`${DASHBOARD}?lang=en`)).text();
    const row = unitRow(html, 'u-b');
    expect(row).toContain('suppressed: fewer than 5 responses');
    expect(row).toContain('suppressed so that another cell’s figures cannot be worked out');
    // u-b's answers are all promoters: an NPS of 100 must appear nowhere in its row.
    expect(row).not.toContain('>100<');
    expect(row).toMatch(/>42</); // its responses are counts, published
    // Published figures: u-a NPS 50 (30 days, 4/1/1 a day), u-c −60.
    expect(unitRow(html, 'u-a')).toContain('<span>50');
    expect(unitRow(html, 'u-c')).toContain('<span>-60');

    const unit = await (await admin('/console/units/u-b?lang=en')).text();
    expect(unit).toContain('suppressed: fewer than 5 responses');
    const weeks = unit.slice(
      unit.indexOf('id="weeks-nps-title"'),
      unit.indexOf('</svg>', unit.indexOf('id="weeks-nps-title"')),
    );
    // Every week of u-b is withheld: gaps marked along the axis, no point and no line.
    expect(weeks).not.toContain('<circle');
    expect(weeks).not.toContain('<path');
    expect(weeks).toContain('suppressed</title>');
  });

  it('unit page: headline figures, weekly and monthly trends, channels and respondents, distributions', async () => {
    const html = await (await admin('/console/units/u-a?lang=en')).text();
    const slices = html.slice(html.indexOf('id="slices-heading"'));
    expect(slices).toContain('By channel and respondent group');
    expect(slices).toContain('Tablet at the unit');
    expect(slices).toContain('Child (7–12)');
    expect(html).toContain('Last 30 days');
    expect(html).toContain('promoters');
    expect(html).toContain('wk 47');
    expect(html).toContain('Nov 2026');
    expect(html).toContain('Answers per statement (30 days)');
    expect(html).toContain('/console/units/u-a/monthly/2026-11?lang=en');
    expect(html).not.toContain('by day');
  });

  it('comments: newest first, searchable, only published days with at least minReportN, never for a viewer', async () => {
    const html = await (await admin('/console/units/u-a?lang=en')).text();
    const [newest, older] = SHOWN_COMMENTS as [string, string];
    expect(html).toContain(newest);
    expect(html.indexOf(newest)).toBeLessThan(html.indexOf(older));
    for (const hidden of HIDDEN_COMMENTS) expect(html).not.toContain(hidden);
    const withheld = await (await admin('/console/units/u-b?lang=en')).text();
    for (const hidden of HIDDEN_COMMENTS) expect(withheld).not.toContain(hidden);

    const found = await (await admin(`/console/units/u-a?lang=en&q=${encodeURIComponent('PARKKI')}`)).text();
    expect(found).toContain(older);
    expect(found).not.toContain(newest);
    expect(found).toContain('value="PARKKI"');

    for (const unitId of ['u-a', 'u-c']) {
      const seen = await (await viewer(`/console/units/${unitId}?lang=en&q=a`)).text();
      expect(seen).not.toContain('id="comments-heading"');
      for (const text of [...SHOWN_COMMENTS, UNIT_C_COMMENT]) expect(seen).not.toContain(text);
    }
  });

  it('CSV for Finnish Excel: BOM, semicolons, decimal comma, names beside ids, withheld cells empty and flagged', async () => {
    const response = await admin(`${DASHBOARD}/figures.csv?lang=fi`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="palaute-${REPORTS_ORG}-${AS_OF}.csv"`,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.slice(3));
    const lines = text
      .split('\r\n')
      .filter(Boolean)
      .map((line) => line.split(';'));
    const header = lines[0] as string[];
    expect(header).toContain('Yksikön tunnus');
    const at = (name: string) => header.indexOf(name);
    const row = (unitId: string, period: string) =>
      lines.find((l) => l[at('Yksikön tunnus')] === unitId && l[at('Jakso')] === period) as string[];
    const c30 = row('u-c', '30 päivää');
    expect(c30[at('Yksikkö')]).toBe('Cedar');
    expect(c30[at('Alue')]).toBe('Etelä');
    expect(c30[at('Vastausaste %')]).toBe('83,3');
    expect(c30[at('NPS')]).toBe('-60');
    expect(c30[at('Suojattu')]).toBe('0');
    const b30 = row('u-b', '30 päivää');
    expect(b30[at('NPS')]).toBe('');
    expect(b30[at('Suosittelijat')]).toBe('');
    expect(b30[at('Vastauksia')]).toBe('42');
    expect(b30[at('Suojattu')]).toBe('1');
    expect(b30[at('Suojauksen syy')]).toBe('suojattu: alle 5 vastausta');
    expect(lines.every((l) => l.length === header.length)).toBe(true);

    const unit = await admin('/console/units/u-a/figures.csv?lang=en');
    expect(unit.headers.get('content-disposition')).toBe(`attachment; filename="palaute-u-a-${AS_OF}.csv"`);
    const unitText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await unit.arrayBuffer());
    expect(unitText.startsWith('\uFEFFPeriod;From;To;Unit id;Unit;')).toBe(true);
    // A mean with a decimal comma: u-a's statement averages (4×5 + 1×3 + 1×2) / 6 = 4,17.
    expect(unitText).toMatch(/;4,17;/);
  });

  it('monthly report: one printable page with the figures and the discussion guide in fi, sv and en', async () => {
    for (const [lang, guide] of [
      ['fi', 'Yksi asia, jota kokeilemme ensi kuussa:'],
      ['sv', 'En sak vi prövar nästa månad:'],
      ['en', 'One thing we try next month:'],
    ]) {
      const response = await admin(`/console/units/u-a/monthly/2026-11?lang=${lang}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(guide);
      expect(html).toContain('class="write-line"');
      expect(html).toContain(`<html lang="${lang}">`);
    }
    const html = await (await admin('/console/units/u-b/monthly/2026-11?lang=en')).text();
    expect(html).toContain('suppressed so that another cell’s figures cannot be worked out');
    expect(CONSOLE_CSS).toContain('@media print{');
    expect(CONSOLE_CSS).toContain('@page{size:A4');
    for (const month of ['2026-12', '2026-13', '1999-01', 'latest'])
      expect((await admin(`/console/units/u-a/monthly/${month}?lang=en`)).status).toBe(404);
  });

  it('lists what the person may open', async () => {
    const html = await (await admin('/console/reports?lang=en')).text();
    expect(html).toContain(`href="${DASHBOARD}?lang=en"`);
    const unitManager = await signedIn(system, 'unitmanager');
    const own = await (await unitManager('/console/reports?lang=en')).text();
    expect(own).toContain('href="/console/units/u-c?lang=en"');
    expect(own).not.toContain('/console/units/u-a');
  });
});
