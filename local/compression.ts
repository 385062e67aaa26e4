import { Hono } from 'hono';
import { compress } from 'hono/compress';

/**
 * The app as local mode serves it: text responses (HTML, CSS, JSON) gzip- or deflate-encoded when the
 * client accepts it. Lambda gets the app without this: API Gateway compresses there (infra/web.ts).
 */
export function withCompression(app: Hono) {
  const served = new Hono<{ Variables: { etag?: string } }>();
  // hono weakens the strong ETag of what it compresses; ours name the record version for If-Match, the
  // same in every encoding, and the API documents them as strong.
  served.use('*', async (c, next) => {
    await next();
    const etag = c.get('etag');
    if (etag) c.res.headers.set('ETag', etag);
  });
  served.use('*', compress());
  served.all('*', async (c) => {
    const response = await app.fetch(c.req.raw, c.env);
    c.set('etag', response.headers.get('ETag') ?? undefined);
    return response;
  });
  return served;
}
