import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { forbidden } from '../../http/errors.ts';

/**
 * Browsers send the session cookie with a WebSocket upgrade from any site, and WebSockets are not
 * bound by CORS: without this check a foreign page could read a signed-in user's pushes
 * (cross-site WebSocket hijacking). Bearer tokens are not ambient, so their clients need no Origin.
 */
export function assertSocketOrigin(request: FastifyRequest, config: Config): void {
  if (request.actor?.via !== 'session') return;
  const origin = request.headers.origin;
  // Behind the proxy (trustProxy) protocol and host are the ones the browser used.
  const allowed = config.publicOrigins.length
    ? config.publicOrigins
    : [`${request.protocol}://${request.host}`];
  if (!origin || !allowed.includes(origin)) {
    throw forbidden('此来源不得建立连接 (origin not allowed for this WebSocket)', {
      field: 'origin',
      origin: origin ?? null,
    });
  }
}
