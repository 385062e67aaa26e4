import { beforeAll, describe, expect, it } from 'vitest';
import { API_REFERENCE_CSS_PATH } from '../../shared/http/apiReferenceStyle';
import { createApp } from '../../shared/http/app';
import { bearerTokenAuthenticator } from '../../shared/http/auth';
import { CONSOLE_CSS_PATH } from '../../shared/http/console/styles';
import { createPeopleApp } from '../../shared/http/peopleApp';
import { createPublicApp } from '../../shared/http/publicApp';
import { SURVEY_CSS_PATH } from '../../shared/http/survey/styles';
import { loadLocalPeople } from '../../shared/identity/localUsers';
import {
  ADMIN,
  BASE_URL,
  configure,
  createTestSystem,
  plantSurvey,
  type TestSystem,
} from '../support/system';

/**
 * In the cloud the pages (`functions/pages`) and the API with the console (`functions/http`) are two
 * functions behind one API Gateway; locally and in the other tests they are one app. Each side
 * alone must answer its own paths as the composed app does.
 */
describe('the public side and the people side of the HTTP app', () => {
  let system: TestSystem;
  let token: string;
  const apps = () => {
    const deps = {
      clock: system.clock,
      config: system.config,
      surveys: system.surveys,
      aggregates: system.aggregates,
      comments: system.comments,
      log: system.log,
      publicBaseUrl: BASE_URL,
      openLinks: { store: system.openLinks },
      authenticate: bearerTokenAuthenticator([
        { id: 'admin', token: 'test-admin-token', scopes: ['admin', 'reports:read'] },
      ]),
      console: { people: loadLocalPeople(), sessionSecret: 'test-session-secret-0123456789abcdef' },
    };
    return { composed: createApp(deps), pages: createPublicApp(deps), people: createPeopleApp(deps) };
  };

  beforeAll(async () => {
    system = await createTestSystem();
    await configure(system);
    token = await plantSurvey(system);
  });

  const answer = async (
    app: ReturnType<typeof createApp>,
    path: string,
    headers?: Record<string, string>,
  ) => {
    const response = await app.request(path, { headers });
    // A form's CSRF token is new on every page.
    const body = (await response.text()).replace(/name="csrf" value="[^"]*"/g, 'name="csrf"');
    return { status: response.status, body };
  };

  it('serves the survey pages from the public side alone, the same as the composed app', async () => {
    const { composed, pages, people } = apps();
    for (const path of [
      '/healthz',
      `/s/${token}`,
      `/s/${token}/opt-out`,
      SURVEY_CSS_PATH,
      '/accessibility',
      '/f/nosuchlink',
      '/k/nosuchlink',
    ]) {
      const expected = await answer(composed, path);
      // Some route answers (an unknown link has its own page), not the app's JSON "no route".
      expect(expected.body, path).not.toContain('No route for');
      expect(await answer(pages, path), path).toEqual(expected);
      if (path !== '/healthz') expect((await answer(people, path)).body, path).toContain('No route for');
    }
  });

  it('serves the API, its reference, the reports and the console from the people side alone', async () => {
    const { composed, pages, people } = apps();
    for (const path of [
      '/api/v1/units',
      '/api/openapi.json',
      `/api${API_REFERENCE_CSS_PATH}`,
      '/reports',
      '/login',
      '/console',
      CONSOLE_CSS_PATH,
    ]) {
      const expected = await answer(composed, path, ADMIN);
      expect(expected.body, path).not.toContain('No route for');
      expect(await answer(people, path, ADMIN), path).toEqual(expected);
      expect((await answer(pages, path, ADMIN)).body, path).toContain('No route for');
    }
  });
});
