// The field app's own HTTP client: a device token (Bearer) kept in localStorage, so the worker
// logs in once per device. Error envelopes become ApiError (shared, read-only, from src/api).
import { ApiError } from '../api/client';

const TOKEN_KEY = 'wangge.m.token';
const TOKEN_ID_KEY = 'wangge.m.tokenId';
const ME_KEY = 'wangge.m.me';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  permissions: string[];
  [key: string]: unknown;
}

export const session = {
  token: () => localStorage.getItem(TOKEN_KEY),
  tokenId: () => localStorage.getItem(TOKEN_ID_KEY),
  me(): Me | null {
    const raw = localStorage.getItem(ME_KEY);
    return raw ? (JSON.parse(raw) as Me) : null;
  },
  save(token: string, tokenId: string, me: Me) {
    localStorage.setItem(TOKEN_KEY, token);
    localStorage.setItem(TOKEN_ID_KEY, tokenId);
    localStorage.setItem(ME_KEY, JSON.stringify(me));
  },
  saveMe(me: Me) {
    localStorage.setItem(ME_KEY, JSON.stringify(me));
  },
  clear() {
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(TOKEN_ID_KEY);
    localStorage.removeItem(ME_KEY);
  },
};

let onLoggedOut: (() => void) | null = null;
export function setLoggedOutHandler(handler: () => void): void {
  onLoggedOut = handler;
}

async function toError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON
  }
  const e = (
    body as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null
  )?.error;
  return new ApiError(
    response.status,
    e?.code ?? `http_${response.status}`,
    e?.message ?? (response.statusText || `HTTP ${response.status}`),
    e?.details ?? {},
    body,
  );
}

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Session-cookie call during login (CSRF header instead of the device token). */
  csrf?: string;
}

export async function call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
  const isForm = options.body instanceof FormData;
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  const token = session.token();
  if (options.csrf) headers['x-csrf-token'] = options.csrf;
  else if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, {
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
    const error = await toError(response);
    if (response.status === 401 && token && !options.csrf) {
      session.clear();
      onLoggedOut?.();
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string) => call<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}, headers?: Record<string, string>) =>
  call<T>('POST', path, { body, headers });

/** Retrying makes sense for these: no connection, a gateway in trouble, rate limiting. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

function deviceName(): string {
  const ua = navigator.userAgent;
  const model = /\(([^)]+)\)/.exec(ua)?.[1]?.split(';').slice(0, 2).join(' ').trim() ?? 'browser';
  return `field-app ${model}`.slice(0, 100);
}

/**
 * Password once, then a one-year device token; the cookie session is closed again. A password
 * set for the user (passwordChangeRequired) must be changed first: the cookie session stays open
 * for changePasswordAndEnrol, and its CSRF token is the result.
 */
export async function logIn(
  username: string,
  password: string,
): Promise<{ me: Me } | { mustChangePassword: string }> {
  session.clear();
  const login = await call<{ user: Me; csrfToken: string }>('POST', '/api/auth/login', {
    body: { username, password },
  });
  if (login.user.passwordChangeRequired) return { mustChangePassword: login.csrfToken };
  return { me: await enrolDevice(login) };
}

/** In the cookie session left open by logIn: the user's own password, then the device token. */
export async function changePasswordAndEnrol(
  csrfToken: string,
  currentPassword: string,
  password: string,
): Promise<Me> {
  await call('POST', '/api/auth/password', { body: { currentPassword, password }, csrf: csrfToken });
  const me = await call<{ user: Me; csrfToken: string }>('GET', '/api/auth/me', { csrf: csrfToken });
  return enrolDevice(me);
}

async function enrolDevice(login: { user: Me; csrfToken: string }): Promise<Me> {
  const created = await call<{ id: string; token: string }>('POST', '/api/auth/tokens', {
    body: { name: deviceName(), expiresInDays: 365 },
    csrf: login.csrfToken,
  });
  try {
    await call('POST', '/api/auth/logout', { body: {}, csrf: login.csrfToken });
  } catch {
    // the device token is what counts
  }
  session.save(created.token, created.id, login.user);
  return login.user;
}

export async function logOut(): Promise<void> {
  const id = session.tokenId();
  if (id) {
    try {
      await call('DELETE', `/api/auth/tokens/${id}`);
    } catch {
      // offline: the token stays valid on the server until revoked in the console
    }
  }
  session.clear();
  if ('caches' in window) {
    for (const key of await caches.keys()) {
      const cache = await caches.open(key);
      for (const request of await cache.keys()) {
        if (new URL(request.url).pathname.startsWith('/api/')) await cache.delete(request);
      }
    }
  }
}

export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
