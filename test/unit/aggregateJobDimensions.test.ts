import { describe, expect, it } from 'vitest';
import { MemoryEventPublisher, MemoryLog } from '../../shared/adapters/local/memory';
import { nightlyRunInstant, runNightlyAggregation } from '../../shared/services/aggregate';
import type { AggregateJobDeps } from '../../shared/services/aggregateOrganization';
import { dailyRows, monthlyRows } from '../../shared/services/aggregateReports';
import {
  MemoryAggregateStore,
  MemoryConfig,
  MemorySources,
  organization,
  unit,
} from '../support/aggregateFakes';

const ORG = 'org-a';
const DAY = '2026-11-20';

function setup() {
  const config = new MemoryConfig([organization(ORG)], [unit('big', ORG), unit('mid', ORG)]);
  const sources = new MemorySources();
  const aggregates = new MemoryAggregateStore();
  const deps: AggregateJobDeps = {
    config,
    sources,
    aggregates,
    events: new MemoryEventPublisher(() => new Date('2026-11-21T00:00:00Z')),
    log: new MemoryLog(),
  };
  const run = (date: string) => runNightlyAggregation(deps, { at: nightlyRunInstant(date), date });
  return { sources, aggregates, run, read: { aggregates, comments: sources } };
}

describe('the nightly job by channel and respondent', () => {
  it('writes a cell per channel × respondent beside the all-channels cell; the rate counts SMS only', async () => {
    const s = setup();
    // big: 8 SMS sent, 6 answered by SMS (stored before channels: read as sms/client); 6 kiosk children, 5 web relatives.
    for (let i = 0; i < 6; i++) s.sources.addAnswered(ORG, 'big', DAY, { nps: 10 });
    s.sources.addVisit(ORG, 'big', DAY, 'SCHEDULED', 'SENT');
    s.sources.addVisit(ORG, 'big', DAY, 'SCHEDULED', 'SENT');
    for (let i = 0; i < 6; i++)
      s.sources.addAnswer(ORG, 'big', DAY, { nps: i < 3 ? 0 : 8 }, undefined, {
        channel: 'kiosk',
        respondent: 'child',
      });
    for (let i = 0; i < 5; i++)
      s.sources.addAnswer(ORG, 'big', DAY, { nps: 9 }, undefined, { channel: 'web', respondent: 'relative' });
    for (let i = 0; i < 9; i++) s.sources.addAnswered(ORG, 'mid', DAY, { nps: 7 });
    await s.run(DAY);

    const scope = { organizationId: ORG, unitId: 'big' };
    const [all] = await dailyRows(s.read, scope, DAY, DAY);
    expect(all).toMatchObject({ responses: 17, funnel: { sent: 8 }, responseRate: 0.75 });
    expect(all?.channel).toBeUndefined();

    const slices = await dailyRows(s.read, scope, DAY, DAY, { channel: 'kiosk' });
    expect(slices).toEqual([
      expect.objectContaining({
        unitId: 'big',
        channel: 'kiosk',
        respondent: 'child',
        responses: 6,
        nps: -50,
      }),
    ]);
    expect(slices[0]?.responseRate).toBeNull();
    expect(slices[0]?.funnel.sent).toBe(0);

    const sms = await dailyRows(s.read, scope, DAY, DAY, { channel: 'sms', respondent: 'client' });
    expect(sms).toEqual([
      expect.objectContaining({
        responses: 6,
        responseRate: 0.75,
        funnel: expect.objectContaining({ sent: 8, received: 8 }),
      }),
    ]);
    const relatives = await monthlyRows(s.read, { organizationId: ORG }, '2026-11', '2026-11', {
      respondent: 'relative',
    });
    expect(relatives.map((r) => [r.unitId, r.channel, r.responses])).toEqual([
      ['*', 'web', 5],
      ['big', 'web', 5],
    ]);
    // A rerun writes nothing new.
    const before = s.aggregates.snapshot();
    await s.run(DAY);
    expect(s.aggregates.snapshot()).toEqual(before);
  });

  it('hides a small slice and a complement, so the slice cannot be worked out from the unit total', async () => {
    const s = setup();
    for (let i = 0; i < 12; i++) s.sources.addAnswered(ORG, 'big', DAY, { nps: 10 });
    for (let i = 0; i < 2; i++)
      s.sources.addAnswer(ORG, 'big', DAY, { nps: 0 }, undefined, { channel: 'paper', respondent: 'client' });
    for (let i = 0; i < 20; i++) s.sources.addAnswered(ORG, 'mid', DAY, { nps: 9 });
    await s.run(DAY);
    const scope = { organizationId: ORG, unitId: 'big' };
    const [paper] = await dailyRows(s.read, scope, DAY, DAY, { channel: 'paper' });
    expect(paper).toMatchObject({ suppressed: true, suppressionReason: 'minReportN', nps: null });
    const [all] = await dailyRows(s.read, scope, DAY, DAY);
    const [sms] = await dailyRows(s.read, scope, DAY, DAY, { channel: 'sms' });
    // Total 14 minus SMS 12 would give the paper cell: one of the two is withheld.
    expect(all?.suppressed || sms?.suppressed).toBe(true);
  });

  it('reads a closed day stored before slices existed as SMS from clients', async () => {
    const s = setup();
    for (let i = 0; i < 6; i++) s.sources.addAnswered(ORG, 'big', '2026-11-01', { nps: 10 });
    await s.run('2026-11-01');
    // Forget the slices, as if 1.11. had been aggregated by the previous version.
    for (const [key, cell] of s.aggregates.cells) if (cell.channel) s.aggregates.cells.delete(key);
    for (let i = 0; i < 6; i++) s.sources.addAnswered(ORG, 'big', '2026-11-29', { nps: 10 });
    await s.run('2026-11-29');
    const [month] = await monthlyRows(s.read, { organizationId: ORG, unitId: 'big' }, '2026-11', '2026-11', {
      channel: 'sms',
    });
    const [total] = await monthlyRows(s.read, { organizationId: ORG, unitId: 'big' }, '2026-11', '2026-11');
    expect(total?.responses).toBe(12);
    expect(month).toMatchObject({ respondent: 'client', responses: 12 });
  });
});
