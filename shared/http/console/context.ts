import type { Context } from 'hono';
import type { OpenLinkLimits } from '../../domain/openLinks';
import type { Person } from '../../identity/roles';
import type {
  AggregateStore,
  Clock,
  CommentSource,
  ConfigStore,
  Log,
  OpenLinkStore,
  SurveyStore,
} from '../../ports';
import { LANGUAGES, type Language } from '../../schemas/config';
import type { Session } from './session';

/** What every console sub-app may use: the app's stores and ports, and where the site lives. */
export interface ConsoleAppDeps {
  clock: Clock;
  log: Log;
  config: ConfigStore;
  surveys: SurveyStore;
  aggregates: AggregateStore;
  comments: CommentSource;
  publicBaseUrl: string;
  /** The app's open links (`AppDeps.openLinks`): the unit's open links and paper answers screens. */
  openLinks?: { store: OpenLinkStore; limits?: Partial<OpenLinkLimits> };
}

/**
 * What the console's guard (`consoleApp`) has established before any console sub-app runs: who is
 * signed in, their session (its CSRF token goes into every form), the page language and, for a POST,
 * the posted form, already checked for the session's CSRF token.
 */
export type ConsoleEnv = {
  Variables: {
    person: Person;
    session: Session;
    lang: Language;
    /** Path prefix of every link (see `basePathOf`). */
    base: string;
    /** The posted form fields (POST only), CSRF token already checked. */
    form: Record<string, string>;
  };
};

export type ConsoleContext = Context<ConsoleEnv>;

export const languageOf = (c: Context): Language => {
  const wanted = c.req.query('lang');
  return (LANGUAGES as readonly string[]).includes(wanted ?? '') ? (wanted as Language) : 'fi';
};
