import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../shared/adapters/local/clock';
import { createTestSystem, setClock } from '../support/system';

const getClock = async (system: Awaited<ReturnType<typeof createTestSystem>>) =>
  (await system.app.request('/local/clock')).json();

describe('the virtual clock of local mode', () => {
  it('GET /local/clock tells UTC, Helsinki wall time with its offset, and whether the clock is virtual', async () => {
    const system = await createTestSystem();
    const real = (await getClock(system)) as { now: string; virtual: boolean };
    expect(real.virtual).toBe(false);
    expect(Math.abs(Date.parse(real.now) - Date.now())).toBeLessThan(5_000);

    await setClock(system, '2026-11-20T10:00:00+02:00');
    expect(await getClock(system)).toEqual({
      now: '2026-11-20T08:00:00.000Z',
      helsinki: '2026-11-20T10:00:00.000+02:00',
      virtual: true,
    });
    await setClock(system, '2027-07-01T09:30:00Z');
    expect(await getClock(system)).toMatchObject({ helsinki: '2027-07-01T12:30:00.000+03:00' });
  });

  it('refuses to move the clock back (409) and leaves it where it was', async () => {
    const system = await createTestSystem();
    await setClock(system, '2026-11-20T10:00:00+02:00');
    const response = await system.app.request('/local/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: '2026-11-20T09:59:59+02:00' }),
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      error: {
        code: 'CONFLICT',
        message: expect.stringMatching(/only moves forward.*--fresh/),
        details: { now: '2026-11-20T08:00:00.000Z', requested: '2026-11-20T07:59:59.000Z' },
      },
    });
    expect(system.clock.now().toISOString()).toBe('2026-11-20T08:00:00.000Z');
    // The same time again is no move back.
    expect(await setClock(system, '2026-11-20T10:00:00+02:00')).toMatchObject({
      now: '2026-11-20T08:00:00.000Z',
    });
  });

  it('sets any time while it still follows real time', async () => {
    const system = await createTestSystem();
    expect(await setClock(system, '2020-01-01T00:00:00Z')).toMatchObject({ now: '2020-01-01T00:00:00.000Z' });
  });

  it('keeps a set time across a restart when given a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'palaute-clock-'));
    const file = join(dir, 'clock.json');
    const first = new VirtualClock(file);
    expect(first.isVirtual()).toBe(false);
    first.set(new Date('2026-11-20T08:00:00Z'));
    const second = new VirtualClock(file);
    expect(second.isVirtual()).toBe(true);
    expect(second.now().toISOString()).toBe('2026-11-20T08:00:00.000Z');
    rmSync(dir, { recursive: true, force: true });
  });
});
