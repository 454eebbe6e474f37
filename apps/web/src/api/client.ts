// A tiny typed fetch client: same origin, cookie session, CSRF header on every non-GET request,
// errors thrown as ApiError built from `{error:{code,message,details}}`, the message in the console's
// language.

import { serverText } from '../i18n/server-text';

export interface ErrorDetails {
  field?: string;
  retryAfterSeconds?: number;
  issues?: unknown[];
  [key: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetails;
  /** The parsed response body, for answers that are not in the error envelope (e.g. an import report with 422). */
  readonly body: unknown;

  constructor(
    status: number,
    code: string,
    message: string,
    details: ErrorDetails = {},
    body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.body = body;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called on any 401 outside of the login call itself (the session has ended). */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Do not treat 401 as "session ended" (login, me). */
  quiet401?: boolean;
  /** Extra request headers (e.g. Idempotency-Key). */
  headers?: Record<string, string>;
}

async function parseError(response: Response): Promise<ApiError> {
  let code = `http_${response.status}`;
  let message = response.statusText || `HTTP ${response.status}`;
  let details: ErrorDetails = {};
  let body: unknown = null;
  try {
    body = await response.json();
    const envelope = (body as { error?: { code?: string; message?: string; details?: ErrorDetails } } | null)
      ?.error;
    if (envelope) {
      code = envelope.code ?? code;
      message = envelope.message ?? message;
      details = envelope.details ?? {};
    }
  } catch {
    // not JSON: keep the status text
  }
  return new ApiError(response.status, code, serverText(message, undefined, response.status), details, body);
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  // A FormData body (multipart upload) is sent as is: the browser sets its content type.
  const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData;
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body:
        options.body === undefined
          ? undefined
          : isForm
            ? (options.body as FormData)
            : JSON.stringify(options.body),
    });
  } catch (cause) {
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : 'Network error');
  }
  if (!response.ok) {
    const error = await parseError(response);
    if (response.status === 401 && !options.quiet401) unauthorizedHandler?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, quiet401 = false) => request<T>('GET', path, { query, quiet401 }),
  post: <T>(path: string, body?: unknown, query?: Query) =>
    request<T>('POST', path, { body: body ?? {}, query }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
