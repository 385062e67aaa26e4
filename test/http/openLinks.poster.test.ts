import jsQR from 'jsqr';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPEN_LINK_TEXTS } from '../../shared/http/openLinks/texts';
import { ADMIN, BASE_URL, configure, createTestSystem, REPORTS, type TestSystem } from '../support/system';

const UNIT = 'unit-tk-keskusta';
const PIXELS_PER_MODULE = 6;

/**
 * Rasterises the poster's QR group as a scanner would see it: every `M{x} {y}h1v1h-1z` of the path is
 * one dark module, drawn inside the quiet zone the group's white square leaves around it.
 */
function rasterQr(svg: string): { data: Uint8ClampedArray; width: number } {
  const group =
    /<g id="qr"[^>]*>\s*<rect width="(\d+)"[^>]*\/>\s*<path transform="translate\((\d+) (\d+)\)" d="([^"]*)"/.exec(
      svg,
    );
  if (!group?.[1] || !group[2] || !group[4]) throw new Error('no QR group in the poster');
  const side = Number(group[1]);
  const offset = Number(group[2]);
  const width = side * PIXELS_PER_MODULE;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const [, x, y] of group[4].matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    for (let dy = 0; dy < PIXELS_PER_MODULE; dy += 1) {
      for (let dx = 0; dx < PIXELS_PER_MODULE; dx += 1) {
        const px = (Number(x) + offset) * PIXELS_PER_MODULE + dx;
        const py = (Number(y) + offset) * PIXELS_PER_MODULE + dy;
        data.fill(0, (py * width + px) * 4, (py * width + px) * 4 + 3);
      }
    }
  }
  return { data, width };
}

describe('the printable QR poster of an open link', { timeout: 60_000 }, () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await createTestSystem();
    await configure(system);
  });

  for (const channel of ['qr', 'web', 'kiosk'] as const) {
    it(`decodes back to the link (${channel}) and names the unit with an invitation in fi, sv and en`, async () => {
      const created = await system.app.request(`/api/v1/units/${UNIT}/open-links`, {
        method: 'POST',
        headers: { ...ADMIN, 'content-type': 'application/json' },
        body: JSON.stringify({ channel, respondent: 'client' }),
      });
      const { url, posterUrl } = (await created.json()) as { url: string; posterUrl: string };
      const poster = await system.app.request(posterUrl.replace(BASE_URL, ''), { headers: ADMIN });
      expect(poster.status).toBe(200);
      expect(poster.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
      const svg = await poster.text();
      const { data, width } = rasterQr(svg);
      const decoded = jsQR(data, width, width);
      expect(decoded?.data).toBe(url);
      expect(url).toMatch(channel === 'kiosk' ? /\/k\/[A-Za-z0-9_-]{22}$/ : /\/f\/[A-Za-z0-9_-]{22}$/);
      expect(svg).toContain('Keskustan terveysasema');
      for (const lang of ['fi', 'sv', 'en'] as const) {
        expect(svg).toContain(`xml:lang="${lang}">${OPEN_LINK_TEXTS[lang].posterTitle}</text>`);
        expect(svg).toContain(OPEN_LINK_TEXTS[lang].posterInvitation);
      }
      expect(svg).toContain(`>${url}</text>`);
    });
  }

  it('needs the admin scope', async () => {
    const created = await system.app.request(`/api/v1/units/${UNIT}/open-links`, {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'qr', respondent: 'client' }),
    });
    const { posterUrl } = (await created.json()) as { posterUrl: string };
    expect((await system.app.request(posterUrl.replace(BASE_URL, ''), { headers: REPORTS })).status).toBe(
      403,
    );
    expect((await system.app.request(posterUrl.replace(BASE_URL, ''))).status).toBe(401);
  });
});
