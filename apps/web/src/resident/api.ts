// The resident app's HTTP client: the session is the httpOnly cookie set at sign-in; the CSRF
// token that goes with it is kept on the device. Error envelopes become ApiError.
import { ApiError } from '../api/client';
import type { AnonymousPhoto, TrackedReport } from '../api/generated';

export type { TrackedReport };

const CSRF_KEY = 'wangge.r.csrf';

async function call<T>(
  method: string,
  url: string,
  body?: unknown | FormData,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { ...extraHeaders };
  const csrf = localStorage.getItem(CSRF_KEY);
  if (csrf) headers['x-csrf-token'] = csrf;
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
  });
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const e = (data as { error?: { code: string; message: string; details: Record<string, unknown> } } | null)
      ?.error;
    throw new ApiError(
      res.status,
      e?.code ?? `http_${res.status}`,
      e?.message ?? res.statusText,
      e?.details ?? {},
      data,
    );
  }
  return data as T;
}

export const api = {
  get: <T>(url: string) => call<T>('GET', url),
  post: <T>(url: string, body: unknown = {}, headers: Record<string, string> = {}) =>
    call<T>('POST', url, body, headers),
  put: <T>(url: string, body: unknown) => call<T>('PUT', url, body),
  async signIn(phone: string, code: string) {
    const res = await call<{ csrfToken: string }>('POST', '/api/residents/sign-in', { phone, code });
    localStorage.setItem(CSRF_KEY, res.csrfToken);
  },
  /** Whether the cookie still holds a session; refreshes the CSRF token from it. */
  async resume(): Promise<boolean> {
    try {
      const res = await call<{ csrfToken: string }>('GET', '/api/auth/me');
      localStorage.setItem(CSRF_KEY, res.csrfToken);
      return true;
    } catch {
      return false;
    }
  },
  async upload(file: File): Promise<string> {
    const form = new FormData();
    form.append('file', file, file.name || 'photo.jpg');
    return (await call<{ id: string }>('POST', '/api/attachments', form)).id;
  },
  /** A photo for a report without an account: the token proves it is ours when the report is sent. */
  async uploadAnonymous(file: File): Promise<AnonymousPhoto> {
    const form = new FormData();
    form.append('file', file, file.name || 'photo.jpg');
    return call<AnonymousPhoto>('POST', '/api/residents/anonymous/photos', form);
  },
};

export interface Bilingual {
  zh: string;
  en: string;
}
export interface MyReport {
  id: string;
  code: string;
  categoryCode: string;
  categoryName: Bilingual;
  address: string;
  description: string;
  phase: string;
  plusOnes: number;
  reportedAt: string;
  joined: boolean;
  rating: { score: number; comment: string | null } | null;
  actions: string[];
  timeline?: { phase: string; at: string; publicNote: string | null; reopened: boolean }[];
}
export interface NearbyCase extends Omit<MyReport, 'joined' | 'rating'> {
  distanceMetres: number;
}
export interface MyGrid {
  grid: { id: string; code: string; name: string };
  community: { id: string; name: string };
  street: { name: string };
  worker: { name: string; phone: string | null } | null;
  resident: boolean;
  phoneRevealed: boolean;
  serviceHours: string;
}
export interface PublicNotice {
  id: string;
  title: string;
  body: string;
  publishAt: string;
  expireAt: string | null;
}
