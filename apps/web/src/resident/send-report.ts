import { newKey } from '../mobile/api';
import { api } from './api';
import { rememberTracked } from './tracking';

// A report is sent exactly once however flaky the connection: the draft and its idempotency key
// are kept on the device until the server has it, and every retry sends the same key, so the
// server returns the case it already made instead of a second one. A signed-in resident's draft
// and an anonymous one are kept apart: each goes to its own route.
const DRAFT_KEY = 'wangge.r.draft';
const ANONYMOUS_DRAFT_KEY = 'wangge.r.anon-draft';
const TRIES = 4;

interface DraftPlace {
  categoryCode: string;
  description: string;
  lon: number;
  lat: number;
}
export interface ReportDraft extends DraftPlace {
  photoIds: string[];
}
export interface AnonymousDraft extends DraftPlace {
  photos: { id: string; token: string }[];
  contactPhone?: string;
}

interface Stored<T> {
  key: string;
  body: T;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function stored<T>(storageKey: string): Stored<T> | null {
  const raw = localStorage.getItem(storageKey);
  return raw ? (JSON.parse(raw) as Stored<T>) : null;
}

/** The draft left unsent last time, if any (sent on the next try with its own key). */
export const unsentDraft = () => stored<ReportDraft>(DRAFT_KEY);
export const unsentAnonymousDraft = () => stored<AnonymousDraft>(ANONYMOUS_DRAFT_KEY);

async function postOnce<T>(
  storageKey: string,
  url: string,
  draft: Stored<unknown>,
  payload: unknown,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await api.post<T>(url, payload, { 'idempotency-key': draft.key });
      localStorage.removeItem(storageKey);
      return answer;
    } catch (e) {
      // Only a lost connection is retried; a refusal from the server will not change.
      if (!(e instanceof TypeError) || attempt >= TRIES) throw e;
      await wait(1000 * 2 ** attempt);
    }
  }
}

export async function sendReportOnce(body: ReportDraft): Promise<string> {
  const draft: Stored<ReportDraft> = { key: newKey(), body };
  localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  return resend(draft);
}

export async function resend(draft: Stored<ReportDraft>): Promise<string> {
  const payload = {
    ...draft.body,
    source: 'resident_app',
    description: draft.body.description || '居民随手拍',
  };
  return (await postOnce<{ id: string }>(DRAFT_KEY, '/api/cases', draft, payload)).id;
}

/** Sends a report without an account; the tracking code it returns is kept on the device. */
export async function sendAnonymousOnce(body: AnonymousDraft): Promise<string> {
  const draft: Stored<AnonymousDraft> = { key: newKey(), body };
  localStorage.setItem(ANONYMOUS_DRAFT_KEY, JSON.stringify(draft));
  return resendAnonymous(draft);
}

export async function resendAnonymous(draft: Stored<AnonymousDraft>): Promise<string> {
  const receipt = await postOnce<{
    trackingCode: string;
    report: { categoryCode: string; reportedAt: string };
  }>(ANONYMOUS_DRAFT_KEY, '/api/residents/anonymous/reports', draft, draft.body);
  rememberTracked({
    code: receipt.trackingCode,
    categoryCode: receipt.report.categoryCode,
    reportedAt: receipt.report.reportedAt,
  });
  return receipt.trackingCode;
}
