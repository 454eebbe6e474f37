import { newKey } from '../mobile/api';
import { api } from './api';

// A report is sent exactly once however flaky the connection: the draft and its idempotency key
// are kept on the device until the server has it, and every retry sends the same key, so the
// server returns the case it already made instead of a second one.
const DRAFT_KEY = 'wangge.r.draft';
const TRIES = 4;

export interface ReportDraft {
  categoryCode: string;
  description: string;
  photoIds: string[];
  lon: number;
  lat: number;
}

interface StoredDraft {
  key: string;
  body: ReportDraft;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The draft left unsent last time, if any (sent on the next try with its own key). */
export function unsentDraft(): StoredDraft | null {
  const raw = localStorage.getItem(DRAFT_KEY);
  return raw ? (JSON.parse(raw) as StoredDraft) : null;
}

export async function sendReportOnce(body: ReportDraft): Promise<string> {
  const stored: StoredDraft = { key: newKey(), body };
  localStorage.setItem(DRAFT_KEY, JSON.stringify(stored));
  return resend(stored);
}

export async function resend(stored: StoredDraft): Promise<string> {
  const payload = {
    ...stored.body,
    source: 'resident_app',
    description: stored.body.description || '居民随手拍',
  };
  for (let attempt = 1; ; attempt++) {
    try {
      const kase = await api.post<{ id: string }>('/api/cases', payload, { 'idempotency-key': stored.key });
      localStorage.removeItem(DRAFT_KEY);
      return kase.id;
    } catch (e) {
      // Only a lost connection is retried; a refusal from the server will not change.
      if (!(e instanceof TypeError) || attempt >= TRIES) throw e;
      await wait(1000 * 2 ** attempt);
    }
  }
}
