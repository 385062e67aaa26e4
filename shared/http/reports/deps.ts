import type { AggregateStore, Clock, CommentSource, ConfigStore } from '../../ports';
import type { Authenticator } from '../auth';

export interface ReportsDeps {
  clock: Clock;
  config: ConfigStore;
  aggregates: AggregateStore;
  comments: CommentSource;
  authenticate: Authenticator;
  /**
   * `PUBLIC_BASE_URL`: its path (e.g. the API Gateway stage, `/live`) prefixes the page's links,
   * redirects and cookie path, and its origin is accepted for the sign-in form. Default `''` (root).
   */
  publicBaseUrl?: string;
}
