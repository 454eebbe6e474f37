import { randomBytes } from 'node:crypto';
import { parseTrackingCode, RESIDENT_CATEGORY_CODES, trackingCodeFrom } from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { uploadAttachment } from '../attachments/operations.ts';
import type { FileStorage } from '../attachments/storage.ts';
import type { AuditOrigin } from '../audit/record.ts';
import { newSecret, sha256 } from '../auth/secrets.ts';
import type { CalendarService } from '../cases/calendar-service.ts';
import { findByKey, reportCase } from '../cases/report-case.ts';
import type { GridIndex } from '../grids/grid-index.ts';
import { channelActor } from '../intake/channel-actor.ts';
import type { Outbox } from '../notifications/notify.ts';
import { publicTimeline } from './follow.ts';
import { residentRepository as repo } from './repository.ts';
import { admit } from './sign-in.ts';

const HOUR = 3600;
/** Per address: a household reports a handful of problems an hour, not dozens. */
export const ANONYMOUS_REPORTS_PER_HOUR = 10;
export const ANONYMOUS_PHOTOS_PER_HOUR = 30;
/** Lookups per address per 15 minutes: plenty to follow a few reports, hopeless for guessing codes. */
export const TRACKING_LOOKUPS_PER_WINDOW = 60;

const ipOf = (origin: AuditOrigin) => origin.ip ?? 'unknown';

/**
 * A photo sent before an anonymous report: stored like any upload, by the resident app's channel
 * account, and held for the report under a token only the sender got back.
 */
export async function storeAnonymousPhoto(options: {
  db: Db;
  storage: FileStorage;
  origin: AuditOrigin;
  file: { data: Buffer; filename?: string };
}): Promise<{ id: string; token: string }> {
  const { db, origin } = options;
  await admit(db, `resident-anon-photo|${ipOf(origin)}`, ANONYMOUS_PHOTOS_PER_HOUR, null, HOUR);
  const actor = await channelActor(db, 'system.resident');
  const row = await uploadAttachment({ db, storage: options.storage, actor, origin, file: options.file });
  const token = newSecret();
  await repo.holdAnonymousPhoto(db, row.id, sha256(token));
  return { id: row.id, token };
}

export interface AnonymousReport {
  categoryCode: string;
  description: string;
  lon: number;
  lat: number;
  photos: { id: string; token: string }[];
  contactPhone?: string;
}

/**
 * A report without an account: the case is reported by the resident app's channel account and
 * routed like any other; the answer carries a new tracking code (only its hash is kept). A retry
 * with the same idempotency key returns the same case with another code that works as well.
 */
export async function reportAnonymously(options: {
  db: Db;
  origin: AuditOrigin;
  gridIndex: GridIndex;
  calendars: CalendarService;
  outbox: Outbox;
  input: AnonymousReport;
  idempotencyKey: string;
}) {
  const { db, input, origin, idempotencyKey } = options;
  if (!(RESIDENT_CATEGORY_CODES as readonly string[]).includes(input.categoryCode)) {
    throw badRequest('categoryCode', `没有问题类别 ${input.categoryCode} (not a resident category)`);
  }
  await admit(db, `resident-anon-report|${ipOf(origin)}`, ANONYMOUS_REPORTS_PER_HOUR, null, HOUR);
  const actor = await channelActor(db, 'system.resident');
  const result = await db.transaction().execute(async (trx) => {
    // A retry finds its photos claimed already; the first attempt checked their tokens.
    if (!(await findByKey(trx, actor.userId, idempotencyKey))) await claimPhotos(trx, input.photos);
    const result = await reportCase({
      db: trx,
      actor,
      origin,
      gridIndex: options.gridIndex,
      calendars: options.calendars,
      outbox: options.outbox,
      input: {
        categoryCode: input.categoryCode,
        description: input.description,
        lon: input.lon,
        lat: input.lat,
        source: 'resident_app',
        photoIds: input.photos.map((p) => p.id),
        reporterPhone: input.contactPhone,
      },
      idempotencyKey,
    });
    const trackingCode = trackingCodeFrom(randomBytes(16));
    await repo.insertTrackingCode(trx, sha256(trackingCode), result.caseId);
    return { ...result, trackingCode };
  });
  return { ...result, ...(await trackedView(db, result.trackingCode)) };
}

async function trackedView(db: Db, code: string) {
  const row = await repo.trackedCase(db, sha256(code));
  if (!row) throw notFound('查询码', code);
  return { row, timeline: await publicTimeline(db, row.id) };
}

async function claimPhotos(db: Db, photos: { id: string; token: string }[]) {
  const claimed = await repo.claimAnonymousPhotos(
    db,
    photos.map((p) => ({ id: p.id, tokenHash: sha256(p.token) })),
  );
  const missing = photos.filter((p) => !claimed.includes(p.id)).map((p) => p.id);
  if (missing.length) {
    throw badRequest('photos', `照片 ${missing.join(', ')} 无效或已使用 (unknown or already used photos)`, {
      missing,
    });
  }
}

/** The public view of a report found by its tracking code: what the reporter sees, nothing more. */
export async function trackReport(options: { db: Db; origin: AuditOrigin; code: string }) {
  const { db, origin } = options;
  await admit(db, `resident-track|${ipOf(origin)}`, TRACKING_LOOKUPS_PER_WINDOW, null);
  const parsed = parseTrackingCode(options.code);
  if (!parsed.ok) {
    const why = {
      length: '应为 11 位 (11 characters)',
      character: '含有无效字符 (a character outside the code alphabet)',
      check: '校验位不符，请核对 (the check character does not match: a typo?)',
    }[parsed.reason];
    throw badRequest('code', `查询码${why}`, { reason: parsed.reason });
  }
  return trackedView(db, parsed.code);
}
