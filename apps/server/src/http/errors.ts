import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

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
  new AppError(404, 'not_found', `${what}不存在或不在您的管辖范围内 (not found or outside your scope)`, {
    ...(id === undefined ? {} : { id: String(id) }),
  });
export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new AppError(409, 'conflict', message, details);
export const unprocessable = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new AppError(422, code, message, details);
/** 429; the error handler also sends the wait as Retry-After. */
export const tooManyRequests = (
  code: string,
  message: string,
  retryAfterSeconds: number,
  details: Record<string, unknown> = {},
) => new AppError(429, code, message, { ...details, retryAfterSeconds });

/** Seconds a client waits before retrying while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Connection errors, not query errors: the database is down, restarting or not yet accepting
 * connections. PostgreSQL SQLSTATE class 08 (connection exception), 57P01 admin_shutdown,
 * 57P02 crash_shutdown, 57P03 cannot_connect_now; Node socket errors; node-postgres's own
 * messages for a connection that ended or a pool that timed out waiting for one.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true;
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'].includes(code))
      return true;
  }
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i.test(
    err.message,
  );
}

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
      const wait = err.details.retryAfterSeconds;
      if (err.status === 429 && typeof wait === 'number') reply.header('retry-after', String(wait));
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
    if (isDatabaseUnavailable(err)) {
      // Nothing was acknowledged: the client retries the same request (same Idempotency-Key).
      request.log.warn({ err }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
        .send({
          error: {
            code: 'database_unavailable',
            message: '数据库暂时不可用，请稍后重试 (the database is unavailable; retry shortly)',
            details: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
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

/**
 * Failures Fastify answers before routing (a path that is not valid UTF-8 once decoded, a path
 * parameter beyond maxParamLength) get the one error shape too, and the headers every API
 * answer carries.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
  reply
    .status(tooLong ? 414 : 400)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send({
      error: {
        code: tooLong ? 'uri_too_long' : 'invalid_url',
        message: tooLong
          ? '路径参数过长 (a path parameter is too long)'
          : '路径不是有效的 UTF-8 编码 (the path is not valid percent-encoded UTF-8)',
        details: { field: 'path' },
      },
    });
}
