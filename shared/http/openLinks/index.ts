import { DEFAULT_OPEN_LINK_LIMITS, type OpenLinkLimits } from '../../domain/openLinks';
import type { Clock, ConfigStore, Log, OpenLinkStore } from '../../ports';
import type { KioskTiming } from './pages';

export interface OpenLinkOptions {
  store: OpenLinkStore;
  /** The abuse protection's budgets and fill time; the defaults of docs/survey.md when left out. */
  limits?: Partial<OpenLinkLimits>;
  kiosk?: Partial<KioskTiming>;
}

/**
 * What the documented API (`openLinksApi`, mounted at `/api/v1`) and the public pages
 * (`openLinkPages`, `/f/`, `/k/`) of open links share. Neither is imported here: the survey pages'
 * Lambda function bundles the pages only, the API's function the API only.
 */
export function openLinkDeps(
  deps: { clock: Clock; config: ConfigStore; log: Log; publicBaseUrl: string },
  options: OpenLinkOptions,
) {
  return {
    clock: deps.clock,
    config: deps.config,
    log: deps.log,
    openLinks: options.store,
    limits: { ...DEFAULT_OPEN_LINK_LIMITS, ...options.limits },
    publicBaseUrl: deps.publicBaseUrl,
  };
}
