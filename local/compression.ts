import type { MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';

/**
 * Local mode's compression: text responses (HTML, CSS, JSON) gzip- or deflate-encoded when the client
 * accepts it. Lambda runs the app without it: API Gateway compresses there (infra/web.ts).
 */
export function compression(): MiddlewareHandler {
  const encode = compress();
  return async (c, next) => {
    let etag: string | null = null;
    await encode(c, async () => {
      await next();
      etag = c.res.headers.get('ETag');
    });
    // hono weakens the strong ETag of what it compresses; ours name the record version for If-Match,
    // the same in every encoding, and the API documents them as strong.
    if (etag && c.res.headers.get('ETag') !== etag) c.res.headers.set('ETag', etag);
  };
}
