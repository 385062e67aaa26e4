/**
 * `zod` as the Lambda bundles see it: LAMBDA_BUNDLING aliases the package to this folder. It is zod's
 * own entry point (`zod/index.js` over `v4/classic/external.js`) with one difference: `locales` holds
 * only English instead of zod's ~40 message locales (260 KB). A bundle that uses `z` as a value, as
 * `@hono/zod-openapi` does, keeps every export of the namespace, and esbuild cannot leave out a module
 * that one of them names; zod's messages are English by default either way (see
 * test/infra/zodBundle.test.ts, which also fails when a zod upgrade changes the entry point's exports).
 */
import * as z from './external';

export * from './external';
export { z, z as default };
