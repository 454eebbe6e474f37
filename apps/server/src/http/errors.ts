import type { FastifyError, FastifyInstance } from 'fastify';

/** Every failure the API reports deliberately; anything else is a 500 and a bug. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const badRequest = (field: string, message: string, details: Record<string, unknown> = {}) =>
  new AppError(400, 'validation_failed', message, { field, ...details });
export const unauthenticated = (message = '请先登录 (not signed in)') =>
  new AppError(401, 'unauthenticated', message);
export const forbidden = (message = '没有权限 (not permitted)', details: Record<string, unknown> = {}) =>
  new AppError(403, 'forbidden', message, details);
export const notFound = (what: string, id?: string | number) =>
  new AppError(404, 'not_found', `${what}不存在或不在您的管辖范围内 (${what} not found)`, {
    ...(id === undefined ? {} : { id: String(id) }),
  });
export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new AppError(409, 'conflict', message, details);
export const unprocessable = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new AppError(422, code, message, details);

interface ValidationItem {
  instancePath?: string;
  params?: Record<string, unknown>;
  message?: string;
}

function fieldOf(item: ValidationItem | undefined, context: string | undefined): string {
  if (!item) return context ?? 'body';
  const fromPath = (item.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  const missing = item.params?.missingProperty ?? item.params?.additionalProperty;
  const parts = [fromPath, typeof missing === 'string' ? missing : ''].filter(Boolean);
  return parts.join('.') || context || 'body';
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      return reply
        .status(err.status)
        .send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    if (err.validation) {
      const first = err.validation[0] as ValidationItem | undefined;
      const field = fieldOf(first, err.validationContext);
      return reply.status(400).send({
        error: {
          code: 'validation_failed',
          message: `字段 ${field} 无效: ${first?.message ?? err.message} (invalid field ${field})`,
          details: { field, in: err.validationContext, problems: err.validation.slice(0, 20) },
        },
      });
    }
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err }, 'unhandled error');
      return reply
        .status(500)
        .send({ error: { code: 'internal', message: '服务器内部错误 (internal error)', details: {} } });
    }
    const code =
      status === 413
        ? 'payload_too_large'
        : status === 415
          ? 'unsupported_media_type'
          : err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
            ? 'invalid_json'
            : 'bad_request';
    return reply.status(status).send({ error: { code, message: err.message, details: { field: 'body' } } });
  });
}
