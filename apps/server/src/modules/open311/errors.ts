import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../http/errors.ts';
import { toXml } from './xml.ts';

/**
 * Open311 GeoReport v2 answers failures in its own shape, not the platform's {error:{…}}:
 * JSON `[{"code": 400, "description": "…"}]`, XML `<errors><error><code>…</code><description>…`,
 * with the same HTTP status as the code.
 */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
  }
}

export type Format = 'json' | 'xml';

/** The format is chosen by the resource's suffix (/services.xml); without one it is JSON. */
export function formatOf(url: string): Format {
  const path = url.split('?')[0] ?? '';
  return path.toLowerCase().endsWith('.xml') ? 'xml' : 'json';
}

/** Strips a .json / .xml suffix from a path parameter (/requests/SJ2026….xml). */
export function withoutSuffix(value: string): string {
  return value.replace(/\.(json|xml)$/i, '');
}

export function sendOpen311(reply: FastifyReply, format: Format, root: string, body: unknown, status = 200) {
  reply.status(status);
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(toXml(root, body));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
}

export function sendError(reply: FastifyReply, format: Format, status: number, description: string) {
  return sendOpen311(reply, format, 'errors', [{ code: status, description }], status);
}

interface ValidationItem {
  instancePath?: string;
  params?: Record<string, unknown>;
  message?: string;
}

function describeValidation(err: FastifyError): string {
  const first = err.validation?.[0] as ValidationItem | undefined;
  const fromPath = (first?.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  const missing = first?.params?.missingProperty;
  const field =
    [fromPath, typeof missing === 'string' ? missing : ''].filter(Boolean).join('.') || err.validationContext;
  return `参数 ${field} 无效：${first?.message ?? err.message} (invalid parameter ${field})`;
}

/** Maps anything thrown under /open311 (ours, the platform's, Fastify's) to the Open311 error format. */
export function open311ErrorHandler(
  err: FastifyError | AppError | Open311Error,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const format = formatOf(request.url);
  if (err instanceof Open311Error) return sendError(reply, format, err.status, err.description);
  if (err instanceof AppError) {
    // A bad bearer token is a bad api_key: GeoReport v2 answers 403 for both.
    const status = err.status === 401 ? 403 : err.status;
    return sendError(reply, format, status, err.message);
  }
  if (err.validation) return sendError(reply, format, 400, describeValidation(err));
  const status = err.statusCode ?? 500;
  if (status >= 500) {
    request.log.error({ err }, 'unhandled error (open311)');
    return sendError(reply, format, 500, '服务器内部错误 (internal error)');
  }
  const description =
    status === 415
      ? '不支持的请求格式，请使用 application/x-www-form-urlencoded 或 application/json (unsupported content type)'
      : status === 413
        ? '请求体过大 (request body too large)'
        : err.message;
  return sendError(reply, format, status, description);
}
