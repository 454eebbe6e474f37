import { findUnstorableText } from '@wangge/rules';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

const refuse = (field: string) =>
  new AppError(
    400,
    'invalid_text',
    `字段 ${field} 含有无法保存的字符（NUL 或不成对的代理项）(field ${field} holds a NUL character or an unpaired surrogate)`,
    { field },
  );

function check(request: FastifyRequest, parts: [string, unknown][]): void {
  for (const [root, value] of parts) {
    const bad = findUnstorableText(value, root);
    if (bad) {
      request.log.info({ field: bad }, 'refused unstorable text');
      throw refuse(bad);
    }
  }
}

/**
 * Text that PostgreSQL cannot store is refused once, here, for every route: the path, the query
 * and the headers routes read (a device id, a user agent, an idempotency key) when the request
 * arrives, and the parsed body (JSON, form or XML) before validation. Multipart fields are
 * checked by the one route that reads them (attachments), which stores none of their text.
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    check(request, [
      ['params', request.params],
      ['query', request.query],
      ['headers', request.headers],
    ]);
  });
  app.addHook('preValidation', async (request) => {
    if (request.body !== undefined) check(request, [['body', request.body]]);
  });
}
