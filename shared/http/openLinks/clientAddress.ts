import type { Context } from 'hono';

interface LambdaEnv {
  event?: { requestContext?: { identity?: { sourceIp?: unknown }; http?: { sourceIp?: unknown } } };
}
interface NodeServerEnv {
  incoming?: { socket?: { remoteAddress?: unknown } };
}

/**
 * The address the request came from, as the platform saw it: API Gateway's source IP in Lambda (REST
 * and HTTP APIs), the socket's peer in local mode. Never a header a client could set. Undefined when
 * the platform does not say (every such request then shares one client budget).
 */
export function clientAddressOf(c: Context): string | undefined {
  const env = (c.env ?? {}) as LambdaEnv & NodeServerEnv;
  const context = env.event?.requestContext;
  const address =
    context?.identity?.sourceIp ?? context?.http?.sourceIp ?? env.incoming?.socket?.remoteAddress;
  return typeof address === 'string' && address !== '' ? address : undefined;
}
