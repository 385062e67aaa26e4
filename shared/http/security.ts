import type { Context, MiddlewareHandler } from 'hono';

/**
 * The pages load only their own stylesheet: no script at all, no inline style, nothing from another
 * origin, no framing, forms post only back to this origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** One year; no `includeSubDomains`: the organization's other hosts are not ours to pin. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

/** Whether the client reached us over HTTPS: the URL scheme, or the scheme a proxy in front reports. */
export function cameOverHttps(c: Context): boolean {
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === 'https';
  return new URL(c.req.url).protocol === 'https:';
}

/**
 * Security headers on every response. The policy headers (CSP, `Cache-Control: no-store`, robots)
 * are defaults: a handler that set its own keeps it (the versioned static assets set a long cache).
 * Survey pages set none of them, so they always get these: they hold a personal link and answers.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    const setDefault = (name: string, value: string) => {
      if (!headers.has(name)) headers.set(name, value);
    };
    setDefault('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    setDefault('Cache-Control', 'no-store');
    setDefault('X-Robots-Tag', 'noindex, nofollow');
    headers.set('Referrer-Policy', 'no-referrer');
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('X-Frame-Options', 'DENY');
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    headers.set('Cross-Origin-Resource-Policy', 'same-origin');
    headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (cameOverHttps(c)) headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  };
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Whether a state-changing request came from a page of another site. Modern browsers say so in
 * `Sec-Fetch-Site`; where it is missing, a real `Origin` must be ours. A request with neither (old
 * phones, non-browser clients) or with `Origin: null` (what browsers send for a form posted from a
 * page with `Referrer-Policy: no-referrer`, i.e. our own pages) is allowed: the survey link's token,
 * not a cookie, is what authorises a post, so a forged post gains nothing the token would not give.
 */
export function isCrossSiteRequest(c: Context, allowedOrigins: readonly string[]): boolean {
  if (!UNSAFE_METHODS.has(c.req.method)) return false;
  const fetchSite = c.req.header('sec-fetch-site')?.trim().toLowerCase();
  if (fetchSite) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  const origin = c.req.header('origin')?.trim();
  if (!origin || origin === 'null') return false;
  return !allowedOrigins.includes(origin.toLowerCase()) && !sameHost(origin, c);
}

function sameHost(origin: string, c: Context): boolean {
  try {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

/** The origin of a base URL (e.g. `PUBLIC_BASE_URL`), lower-cased; `undefined` when it is not a URL. */
export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Rejects cross-site form posts with `onReject`'s response (a friendly page, status 403). */
export function rejectCrossSitePosts(
  allowedOrigins: readonly string[],
  onReject: (c: Context) => Response | Promise<Response>,
): MiddlewareHandler {
  return async (c, next) => {
    if (isCrossSiteRequest(c, allowedOrigins)) return onReject(c);
    await next();
  };
}
