import { describe, expect, it } from 'vitest';
import { configure, createTestSystem, plantSurvey } from '../support/system';

describe('the empty form rendered once', () => {
  it('gives every link its own token in every URL of the page, in each language', async () => {
    const system = await createTestSystem();
    await configure(system);
    system.clock.set(new Date('2026-11-21T10:00:00+02:00'));
    const tokens = await Promise.all([plantSurvey(system), plantSurvey(system), plantSurvey(system)]);
    for (const lang of ['fi', 'sv', 'en', 'fi']) {
      for (const token of tokens) {
        const response = await system.app.request(`/s/${token}?lang=${lang}`);
        expect(response.status).toBe(200);
        const html = await response.text();
        expect(html).not.toContain('tokenStandIn');
        expect(html).toContain(`action="/s/${token}?lang=${lang}"`);
        expect(html).toContain(`/s/${token}/opt-out`);
        for (const other of tokens.filter((t) => t !== token)) expect(html).not.toContain(other);
        expect(html).toContain(`lang="${lang}"`);
      }
    }
  });
});
