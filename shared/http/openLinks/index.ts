import { DEFAULT_OPEN_LINK_LIMITS, type OpenLinkLimits } from '../../domain/openLinks';
import type { Clock, ConfigStore, Log, OpenLinkStore } from '../../ports';
import type { Authenticator } from '../auth';
import { openLinksApi } from './api';
import { DEFAULT_KIOSK_TIMING, type KioskTiming, openLinkPages } from './pages';

export interface OpenLinkOptions {
  store: OpenLinkStore;
  /** The abuse protection's budgets and fill time; the defaults of docs/survey.md when left out. */
  limits?: Partial<OpenLinkLimits>;
  kiosk?: Partial<KioskTiming>;
}

/** The documented API (mounted at `/api/v1`) and the public pages (`/f/`, `/k/`) of open links. */
export function openLinkApps(
  deps: { clock: Clock; config: ConfigStore; log: Log; authenticate: Authenticator; publicBaseUrl: string },
  options: OpenLinkOptions,
) {
  const shared = {
    clock: deps.clock,
    config: deps.config,
    log: deps.log,
    openLinks: options.store,
    limits: { ...DEFAULT_OPEN_LINK_LIMITS, ...options.limits },
    publicBaseUrl: deps.publicBaseUrl,
  };
  return {
    api: openLinksApi({ ...shared, authenticate: deps.authenticate }),
    pages: openLinkPages({ ...shared, kiosk: { ...DEFAULT_KIOSK_TIMING, ...options.kiosk } }),
  };
}
