import { publicPhase, residentMayRate } from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import { conflict, forbidden, notFound } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { actOnCase } from '../cases/act-on-case.ts';
import type { CalendarService } from '../cases/calendar-service.ts';
import type { Outbox } from '../notifications/notify.ts';
import { JOINABLE_STATES, residentRepository as repo } from './repository.ts';

/** Metres of the box searched for the same problem already reported. */
export const NEARBY_METRES = 200;
const NEARBY_DAYS = 30;
const METRES_PER_DEGREE = 111_320;

/** The public timeline: one entry where the phase changes or staff published a note. */
export async function publicTimeline(db: Db, caseId: string) {
  const steps = await repo.publicSteps(db, caseId);
  const timeline: { phase: string; at: Date; publicNote: string | null; reopened: boolean }[] = [];
  for (const step of steps) {
    const phase = publicPhase(step.to_state);
    // A reopen is shown as such: the resident sees their "not fixed" taken up again.
    const reopened = step.action === 'reopen';
    if (timeline.at(-1)?.phase === phase && !step.public_note && !reopened) continue;
    timeline.push({ phase, at: step.at, publicNote: step.public_note, reopened });
  }
  return timeline;
}

export async function findMyReport(db: Db, actor: Actor, caseId: string) {
  const [row] = await repo.listFollowed(db, actor.userId, caseId);
  if (!row) throw notFound('上报', caseId);
  return row;
}

/** Distance in metres on a small patch of the earth (equirectangular; exact enough at 200 m). */
function metresBetween(a: { lon: number; lat: number }, b: { lon: number; lat: number }) {
  const x = (b.lon - a.lon) * Math.cos(((a.lat + b.lat) / 2) * (Math.PI / 180));
  return Math.hypot(x, b.lat - a.lat) * METRES_PER_DEGREE;
}

/** Open cases of the same category within NEARBY_METRES, nearest first. */
export async function nearbyReports(db: Db, at: { lon: number; lat: number; categoryCode: string }) {
  const degrees = NEARBY_METRES / (METRES_PER_DEGREE * Math.cos(at.lat * (Math.PI / 180)));
  const rows = await repo.nearbyOpen(db, { ...at, degrees, days: NEARBY_DAYS });
  return rows
    .map((row) => ({ row, metres: Math.round(metresBetween(at, row)) }))
    .filter((r) => r.metres <= NEARBY_METRES)
    .sort((a, b) => a.metres - b.metres);
}

/** "+1": the resident joins an open case instead of filing the same problem again. */
export async function plusOne(options: { db: Db; actor: Actor; caseId: string; origin: AuditOrigin }) {
  const { db, actor, caseId } = options;
  await db.transaction().execute(async (trx) => {
    const kase = await repo.lockCase(trx, caseId);
    if (!kase) throw notFound('案件', caseId);
    if (kase.reporter_user_id === actor.userId) return;
    if (!JOINABLE_STATES.includes(kase.state) || kase.merged_into) {
      throw conflict('该问题已办结或不再受理，请重新上报 (the case is no longer open; report anew)', {
        state: kase.state,
      });
    }
    if (!(await repo.addPlusOne(trx, caseId, actor.userId))) return;
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'case.plus_one',
      targetType: 'case',
      targetId: caseId,
    });
  });
  return findMyReport(db, actor, caseId);
}

export async function rateMyReport(options: {
  db: Db;
  actor: Actor;
  caseId: string;
  score: number;
  comment: string | null;
  origin: AuditOrigin;
}) {
  const { db, actor, caseId } = options;
  await db.transaction().execute(async (trx) => {
    const kase = await repo.lockCase(trx, caseId);
    const mine = kase && (await repo.listFollowed(trx, actor.userId, caseId)).length > 0;
    if (!kase || !mine) throw notFound('上报', caseId);
    if (!residentMayRate(kase.state)) {
      throw conflict('问题处理完成后才能评价 (rate once the problem is handled)', { state: kase.state });
    }
    const rated = await repo.insertRating(trx, {
      caseId,
      userId: actor.userId,
      score: options.score,
      comment: options.comment,
    });
    if (!rated) throw conflict('您已评价过 (already rated)', { state: kase.state });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'case.resident_rated',
      targetType: 'case',
      targetId: caseId,
      details: { score: options.score },
    });
  });
  return findMyReport(db, actor, caseId);
}

/**
 * Not fixed: the reporter reopens their closed report with a reason and a photo, within the
 * window after closing. The case loop's `reopen` action does it (window, history, dispatcher
 * notified); a resident who only joined with "+1" reports anew instead.
 */
export async function reopenMyReport(options: {
  db: Db;
  actor: Actor;
  calendars: CalendarService;
  outbox: Outbox;
  reopenDays: number;
  caseId: string;
  reason: string;
  photoIds: string[];
  origin: AuditOrigin;
}) {
  const { db, actor, caseId } = options;
  const mine = await findMyReport(db, actor, caseId);
  if (mine.joined) {
    throw forbidden('只有上报人可以重新打开，请重新上报 (only the reporter reopens; report anew)', {
      field: 'id',
    });
  }
  const version = await repo.caseVersion(db, caseId);
  await actOnCase({
    db,
    actor,
    origin: options.origin,
    calendars: options.calendars,
    outbox: options.outbox,
    caseId,
    action: 'reopen',
    input: { version, reason: options.reason, photoIds: options.photoIds },
    reopenDays: options.reopenDays,
  });
  return findMyReport(db, actor, caseId);
}
