import {
  ladderProblem,
  PROMOTION_WORKFLOW,
  type PromotionAction,
  type PromotionRelation,
  type PromotionState,
  proposePromotion,
  proposeYearRating,
  ratingNeedsReason,
  type YearRating,
} from '@wangge/rules';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { assertInScope, can } from '../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { decideTransition } from '../workflow/decide.ts';
import { careersRepository as repo, type WorkerRow } from './repository.ts';

const CHINA_MS = 8 * 3_600_000;
/** Today in China time, YYYY-MM-DD. */
export const chinaToday = (now = new Date()) => new Date(now.getTime() + CHINA_MS).toISOString().slice(0, 10);

/** A grid worker in the caller's scope, else 404. */
export async function workerInScope(db: Db, actor: Actor, id: string): Promise<WorkerRow> {
  const [worker] = await repo.workers(db, actor, { id });
  if (!worker) throw notFound('网格员', id);
  return worker;
}

export function promotionRelations(actor: Actor, workerId: string): PromotionRelation[] {
  return can(actor, 'careers.manage') && actor.userId !== workerId ? ['manager'] : [];
}

export async function saveLadder(options: {
  db: Db;
  actor: Actor;
  unitId: string;
  effectiveFrom: string;
  payFen: number[];
  note: string;
  origin: AuditOrigin;
}) {
  const { db, actor } = options;
  const unit = await repo.unit(db, options.unitId);
  assertInScope(actor, unit?.path, '单位', options.unitId);
  if (unit!.level !== 'district' && unit!.level !== 'city') {
    throw badRequest('unitId', '薪酬等级按区县或市设置 (a pay ladder belongs to a district or city)', {
      level: unit!.level,
    });
  }
  const problem = ladderProblem(options.payFen);
  if (problem) throw badRequest('payFen', `薪酬等级须为 12 级且逐级不降 (${problem})`);
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertLadder(trx, {
      unitId: unit!.id,
      effectiveFrom: options.effectiveFrom,
      payFen: options.payFen,
      note: options.note,
      by: actor.userId,
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'careers.ladder_saved',
      targetType: 'org_unit',
      targetId: unit!.id,
      details: { effectiveFrom: options.effectiveFrom, payFen: options.payFen },
    });
    return row.id;
  });
}

/** Proposes every in-scope worker's rating for a year from the year's frozen monthly results. */
export async function proposeRatings(options: { db: Db; actor: Actor; year: number; underPath?: string }) {
  const workers = await repo.workers(options.db, options.actor, { underPath: options.underPath });
  const ids = workers.map((w) => w.id);
  const composites = await repo.monthlyComposites(options.db, ids, options.year);
  let proposed = 0;
  await options.db.transaction().execute(async (trx) => {
    for (const id of ids) {
      const scores = composites.get(id) ?? [];
      const known = scores.filter((s): s is number => s !== null);
      if (known.length === 0) continue;
      const mean = known.reduce((a, b) => a + b, 0) / known.length;
      await repo.upsertProposed(trx, {
        userId: id,
        year: options.year,
        proposed: proposeYearRating(scores),
        mean,
        months: known.length,
      });
      proposed++;
    }
  });
  return proposed;
}

/** Proposes a promotion when the confirmed ratings since the last grade change earn one (Hohhot's rule). */
async function proposeIfDue(trx: Db, userId: string): Promise<string | null> {
  const current = await repo.currentGrade(trx, userId);
  if (!current) return null;
  const ratings = (await repo.ratings(trx, [userId]))
    .filter((r) => r.state === 'confirmed' && Number(r.year) >= Number(current.counts_from_year))
    .map((r) => ({ year: Number(r.year), rating: r.rating as YearRating }));
  const proposal = proposePromotion(Number(current.grade), ratings);
  if (!proposal) return null;
  return repo.insertPromotion(trx, {
    userId,
    from: proposal.from,
    to: proposal.to,
    years: proposal.years,
    basis: proposal.reason,
  });
}

/**
 * Confirms a worker's yearly rating: the proposal as it stands, or another rating with a reason.
 * Audited; a promotion proposal follows when the confirmed run earns one.
 */
export async function confirmRating(options: {
  db: Db;
  actor: Actor;
  userId: string;
  year: number;
  rating: YearRating;
  reason: string;
  origin: AuditOrigin;
}) {
  const { db, actor, userId, year } = options;
  await workerInScope(db, actor, userId);
  return db.transaction().execute(async (trx) => {
    let row = await repo.lockRating(trx, userId, year);
    if (!row) {
      const scores = (await repo.monthlyComposites(trx, [userId], year)).get(userId) ?? [];
      const known = scores.filter((s): s is number => s !== null);
      await repo.upsertProposed(trx, {
        userId,
        year,
        proposed: proposeYearRating(scores),
        mean: known.length ? known.reduce((a, b) => a + b, 0) / known.length : null,
        months: known.length,
      });
      row = await repo.lockRating(trx, userId, year);
    }
    if (row!.state === 'confirmed') {
      throw conflict('该年度评定已确认 (the rating of that year is already confirmed)', {
        state: 'confirmed',
        rating: row!.rating,
      });
    }
    const reason = options.reason.trim();
    const changed = ratingNeedsReason(row!.proposed, options.rating);
    if (changed && !reason) {
      throw badRequest('reason', '调整建议评定须说明理由 (changing the proposed rating needs a reason)', {
        proposed: row!.proposed,
      });
    }
    await trx
      .updateTable('career_ratings')
      .set({
        state: 'confirmed',
        rating: options.rating,
        reason,
        confirmed_by: actor.userId,
        confirmed_at: sql<Date>`now()`,
      })
      .where('user_id', '=', userId)
      .where('year', '=', year)
      .execute();
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'careers.rating_confirmed',
      targetType: 'user',
      targetId: userId,
      details: { year, proposed: row!.proposed, rating: options.rating, changed, reason },
    });
    const promotionId = await proposeIfDue(trx, userId);
    return { promotionId };
  });
}

/** Approves (writing the grade history) or rejects a promotion proposal. */
export async function actOnPromotion(options: {
  db: Db;
  actor: Actor;
  id: string;
  action: PromotionAction;
  version: number;
  reason: string;
  origin: AuditOrigin;
}) {
  const { db, actor, id, action } = options;
  await db.transaction().execute(async (trx) => {
    const row = await repo.lockPromotion(trx, id);
    if (!row) throw notFound('晋级建议', id);
    await workerInScope(trx, actor, String(row.user_id));
    const state = row.state as PromotionState;
    const reason = options.reason.trim();
    const to = decideTransition({
      workflow: PROMOTION_WORKFLOW,
      noun: { zh: '晋级建议', en: 'promotion' },
      item: { state, version: Number(row.version) },
      action,
      expectedVersion: options.version,
      relations: promotionRelations(actor, String(row.user_id)),
      input: { reason: reason || undefined },
    });
    if (action === 'approve') {
      const current = await repo.currentGrade(trx, String(row.user_id));
      if (!current || Number(current.grade) !== Number(row.from_grade)) {
        throw conflict('该网格员的等级已变化 (the worker’s grade changed since the proposal)', {
          state,
          grade: current ? Number(current.grade) : null,
        });
      }
      await repo.insertGrade(trx, {
        userId: String(row.user_id),
        grade: Number(row.to_grade),
        effectiveOn: chinaToday(),
        countsFromYear: Math.max(...row.years.map(Number)) + 1,
        cause: 'promotion',
        promotionId: String(row.id),
        note: reason,
        by: actor.userId,
      });
    }
    await trx
      .updateTable('career_promotions')
      .set({
        state: to,
        version: Number(row.version) + 1,
        decided_by: actor.userId,
        decided_at: sql<Date>`now()`,
        decision_reason: reason,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: `careers.promotion_${action}`,
      targetType: 'user',
      targetId: String(row.user_id),
      details: {
        promotionId: id,
        from: Number(row.from_grade),
        to: Number(row.to_grade),
        years: row.years,
        reason,
      },
    });
  });
}

/** Appoints a worker to a grade (a first grade, or an adjustment), audited. */
export async function setGrade(options: {
  db: Db;
  actor: Actor;
  userId: string;
  grade: number;
  effectiveOn: string;
  note: string;
  origin: AuditOrigin;
}) {
  const { db, actor } = options;
  await workerInScope(db, actor, options.userId);
  await db.transaction().execute(async (trx) => {
    const current = await repo.currentGrade(trx, options.userId);
    await repo.insertGrade(trx, {
      userId: options.userId,
      grade: options.grade,
      effectiveOn: options.effectiveOn,
      countsFromYear: Number(options.effectiveOn.slice(0, 4)),
      cause: current ? 'adjustment' : 'appointed',
      promotionId: null,
      note: options.note,
      by: actor.userId,
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'careers.grade_set',
      targetType: 'user',
      targetId: options.userId,
      details: {
        from: current ? Number(current.grade) : null,
        to: options.grade,
        effectiveOn: options.effectiveOn,
      },
    });
  });
}

// Training.

export async function createCourse(options: {
  db: Db;
  actor: Actor;
  unitId: string;
  title: string;
  kind: 'online' | 'offline';
  hours: number;
  description: string;
  materialIds: string[];
  origin: AuditOrigin;
}) {
  const { db, actor } = options;
  const unit = await repo.unit(db, options.unitId);
  assertInScope(actor, unit?.path, '单位', options.unitId);
  if (options.materialIds.length) {
    const found = await db
      .selectFrom('attachments')
      .select('id')
      .where('id', 'in', options.materialIds)
      .execute();
    const have = new Set(found.map((f) => String(f.id)));
    const missing = options.materialIds.findIndex((m) => !have.has(m));
    if (missing >= 0)
      throw badRequest(
        `materialIds/${missing}`,
        `附件 ${options.materialIds[missing]} 不存在 (no such attachment)`,
      );
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('training_courses')
      .values({
        unit_id: unit!.id,
        unit_path: unit!.path,
        title: options.title,
        kind: options.kind,
        hours: options.hours,
        description: options.description,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (options.materialIds.length) {
      await trx
        .insertInto('training_course_materials')
        .values(options.materialIds.map((m) => ({ course_id: row.id, attachment_id: m })))
        .execute();
    }
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'training.course_created',
      targetType: 'training_course',
      targetId: String(row.id),
      details: { title: options.title, hours: options.hours },
    });
    return String(row.id);
  });
}

/** A course the caller manages: in their own scope (not merely one reaching down to them). */
async function managedCourse(db: Db, actor: Actor, courseId: string) {
  const [course] = await repo.courses(db, actor, courseId);
  if (!course) throw notFound('课程', courseId);
  assertInScope(actor, course.unit_path, '课程', courseId);
  return course;
}

export async function addSession(options: {
  db: Db;
  actor: Actor;
  courseId: string;
  startsAt: Date;
  place: string;
  origin: AuditOrigin;
}) {
  await managedCourse(options.db, options.actor, options.courseId);
  return options.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('training_sessions')
      .values({
        course_id: options.courseId,
        starts_at: options.startsAt,
        place: options.place,
        created_by: options.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, options.origin, {
      userId: options.actor.userId,
      action: 'training.session_added',
      targetType: 'training_course',
      targetId: options.courseId,
      details: { sessionId: String(row.id) },
    });
    return String(row.id);
  });
}

export interface AttendanceInput {
  userId: string;
  attended: boolean;
  quizScore?: number | null;
  passed?: boolean | null;
  certificateNo?: string | null;
  certificateIssuedOn?: string | null;
}

export async function recordAttendance(options: {
  db: Db;
  actor: Actor;
  sessionId: string;
  records: AttendanceInput[];
  origin: AuditOrigin;
}) {
  const { db, actor } = options;
  const session = await db
    .selectFrom('training_sessions')
    .select(['id', 'course_id'])
    .where('id', '=', options.sessionId)
    .executeTakeFirst();
  if (!session) throw notFound('培训场次', options.sessionId);
  const course = await managedCourse(db, actor, String(session.course_id));
  for (const [i, r] of options.records.entries()) {
    const [w] = await repo.workers(db, actor, { id: r.userId });
    if (!w)
      throw badRequest(`records/${i}/userId`, `网格员 ${r.userId} 不在管辖范围 (no such worker in scope)`);
    if (!!r.certificateNo !== !!r.certificateIssuedOn) {
      throw badRequest(
        `records/${i}/certificateIssuedOn`,
        '证书编号与发证日期须同时填写 (a certificate needs a number and a date)',
      );
    }
  }
  await db.transaction().execute(async (trx) => {
    for (const r of options.records) {
      const values = {
        attended: r.attended,
        quiz_score: r.quizScore ?? null,
        passed: r.passed ?? null,
        certificate_no: r.certificateNo || null,
        certificate_issued_on: r.certificateIssuedOn || null,
        recorded_by: actor.userId,
        recorded_at: sql<Date>`now()`,
      };
      await trx
        .insertInto('training_attendance')
        .values({ session_id: options.sessionId, user_id: r.userId, ...values })
        .onConflict((oc) => oc.columns(['session_id', 'user_id']).doUpdateSet(values))
        .execute();
    }
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'training.attendance_recorded',
      targetType: 'training_course',
      targetId: String(course.id),
      details: { sessionId: options.sessionId, workers: options.records.length },
    });
  });
}
