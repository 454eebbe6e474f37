import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { pathInScope } from '../access/scope-sql.ts';

// The SQL of careers and training: grid workers in scope, pay ladders, grade history, yearly
// ratings, promotions, courses, sessions and attendance.

export interface WorkerRow {
  id: string;
  name: string;
  unitName: string;
  path: string;
}

const prefix = (path: string) => `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const careersRepository = {
  /** Full-time grid workers (by their first grid) in the actor's scope, optionally under a unit. */
  async workers(
    db: Db,
    actor: Actor,
    options: { underPath?: string; id?: string } = {},
  ): Promise<WorkerRow[]> {
    let q = db
      .selectFrom('grid_team_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .innerJoin('org_units as g', 'g.id', 'm.grid_id')
      .select([sql<string>`u.id::text`.as('id'), 'u.display_name as name', 'g.name as unitName', 'g.path'])
      .distinctOn('u.id')
      .where('m.team_role', '=', 'full_time')
      .where('u.active', '=', true)
      .where(pathInScope(actor, 'g.path'));
    if (options.underPath) q = q.where(sql<boolean>`g.path LIKE ${prefix(options.underPath)}`);
    if (options.id) q = q.where('u.id', '=', options.id);
    const rows = await q.orderBy('u.id').orderBy('g.path').limit(5000).execute();
    return rows.sort((a, b) => a.path.localeCompare(b.path) || a.name.localeCompare(b.name, 'zh'));
  },

  /** One worker wherever they are (for their own view and scope checks). */
  async worker(db: Db, id: string): Promise<WorkerRow | undefined> {
    const { rows } = await sql<WorkerRow>`
      SELECT u.id::text AS id, u.display_name AS name, g.name AS "unitName", g.path
      FROM users u JOIN grid_team_members m ON m.user_id = u.id JOIN org_units g ON g.id = m.grid_id
      WHERE u.id = ${id} ORDER BY (m.team_role = 'full_time') DESC, g.path LIMIT 1`.execute(db);
    return rows[0];
  },

  unit(db: Db, id: string) {
    return db
      .selectFrom('org_units')
      .select(['id', 'name', 'level', 'path'])
      .where('id', '=', id)
      .executeTakeFirst();
  },

  /** The first district in the actor's scope, else the district above their first unit. */
  async firstDistrict(db: Db, actor: Actor) {
    const inside = await db
      .selectFrom('org_units as o')
      .select(['o.id', 'o.name', 'o.level', 'o.path'])
      .where('o.level', '=', 'district')
      .where(pathInScope(actor, 'o.path'))
      .orderBy('o.code')
      .limit(1)
      .executeTakeFirst();
    if (inside || actor.scopePaths.length === 0) return inside ?? null;
    const codes = actor.scopePaths[0]!.split('/').filter(Boolean);
    if (codes.length < 2) return null;
    return (
      (await db
        .selectFrom('org_units')
        .select(['id', 'name', 'level', 'path'])
        .where('path', '=', `/${codes[0]}/${codes[1]}/`)
        .executeTakeFirst()) ?? null
    );
  },

  /** Ladder versions of a unit, newest first. */
  ladders(db: Db, unitId: string) {
    return db
      .selectFrom('career_pay_ladders as l')
      .leftJoin('users as u', 'u.id', 'l.created_by')
      .select([
        'l.id',
        'l.unit_id',
        'l.effective_from',
        'l.pay_fen',
        'l.note',
        'l.created_at',
        'u.id as by_id',
        'u.display_name as by_name',
      ])
      .where('l.unit_id', '=', unitId)
      .orderBy('l.effective_from', 'desc')
      .orderBy('l.id', 'desc')
      .execute();
  },

  /** The ladder valid in a month for a path: the deepest unit above it with a version in force. */
  async ladderFor(db: Db, path: string, month: string) {
    const { rows } = await sql<{ id: string; pay_fen: number[]; effective_from: string; unit_name: string }>`
      SELECT l.id::text AS id, l.pay_fen, l.effective_from, o.name AS unit_name
      FROM career_pay_ladders l JOIN org_units o ON o.id = l.unit_id
      WHERE ${path} LIKE (o.path || '%') AND l.effective_from <= ${month}
      ORDER BY length(o.path) DESC, l.effective_from DESC, l.id DESC LIMIT 1`.execute(db);
    return rows[0] ?? null;
  },

  insertLadder(
    db: Db,
    v: { unitId: string; effectiveFrom: string; payFen: number[]; note: string; by: string },
  ) {
    return db
      .insertInto('career_pay_ladders')
      .values({
        unit_id: v.unitId,
        effective_from: v.effectiveFrom,
        pay_fen: v.payFen,
        note: v.note,
        created_by: v.by,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  },

  /** Grade history of workers, newest first per worker. */
  grades(db: Db, userIds: readonly string[]) {
    if (userIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('career_grades')
      .selectAll()
      .where('user_id', 'in', userIds)
      .orderBy('user_id')
      .orderBy('effective_on', 'desc')
      .orderBy('id', 'desc')
      .execute();
  },

  async currentGrade(db: Db, userId: string) {
    return (
      (await db
        .selectFrom('career_grades')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('effective_on', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst()) ?? null
    );
  },

  insertGrade(
    db: Db,
    v: {
      userId: string;
      grade: number;
      effectiveOn: string;
      countsFromYear: number;
      cause: 'appointed' | 'promotion' | 'adjustment';
      promotionId: string | null;
      note: string;
      by: string | null;
    },
  ) {
    return db
      .insertInto('career_grades')
      .values({
        user_id: v.userId,
        grade: v.grade,
        effective_on: v.effectiveOn,
        counts_from_year: v.countsFromYear,
        cause: v.cause,
        promotion_id: v.promotionId,
        note: v.note,
        created_by: v.by,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  },

  ratings(db: Db, userIds: readonly string[], year?: number) {
    if (userIds.length === 0) return Promise.resolve([]);
    let q = db
      .selectFrom('career_ratings as r')
      .leftJoin('users as c', 'c.id', 'r.confirmed_by')
      .selectAll('r')
      .select(['c.display_name as confirmed_by_name'])
      .where('r.user_id', 'in', userIds);
    if (year !== undefined) q = q.where('r.year', '=', year);
    return q.orderBy('r.user_id').orderBy('r.year').execute();
  },

  lockRating(db: Db, userId: string, year: number) {
    return db
      .selectFrom('career_ratings')
      .selectAll()
      .where('user_id', '=', userId)
      .where('year', '=', year)
      .forUpdate()
      .executeTakeFirst();
  },

  /** The frozen monthly composites of workers in a year (assessment_results), by worker. */
  async monthlyComposites(
    db: Db,
    userIds: readonly string[],
    year: number,
  ): Promise<Map<string, (number | null)[]>> {
    const out = new Map<string, (number | null)[]>();
    if (userIds.length === 0) return out;
    const { rows } = await sql<{ id: string; composite: string | null }>`
      SELECT subject_id::text AS id, composite FROM assessment_results
      WHERE subject_type = 'worker' AND subject_id = ANY (${userIds}::bigint[])
        AND period >= ${`${year}-01`} AND period <= ${`${year}-12`}
      ORDER BY period`.execute(db);
    for (const r of rows) {
      const list = out.get(r.id) ?? [];
      list.push(r.composite === null ? null : Number(r.composite));
      out.set(r.id, list);
    }
    return out;
  },

  upsertProposed(
    db: Db,
    v: { userId: string; year: number; proposed: string | null; mean: number | null; months: number },
  ) {
    return db
      .insertInto('career_ratings')
      .values({ user_id: v.userId, year: v.year, proposed: v.proposed, mean_score: v.mean, months: v.months })
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'year'])
          .doUpdateSet({ proposed: v.proposed, mean_score: v.mean, months: v.months })
          .where('career_ratings.state', '=', 'proposed'),
      )
      .execute();
  },

  promotions(db: Db, options: { userIds?: readonly string[]; state?: string; id?: string }) {
    let q = db
      .selectFrom('career_promotions as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .leftJoin('users as d', 'd.id', 'p.decided_by')
      .selectAll('p')
      .select(['u.display_name as worker_name', 'd.display_name as decided_by_name']);
    if (options.userIds) {
      if (options.userIds.length === 0) return Promise.resolve([]);
      q = q.where('p.user_id', 'in', options.userIds);
    }
    if (options.state) q = q.where('p.state', '=', options.state);
    if (options.id) q = q.where('p.id', '=', options.id);
    return q.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(500).execute();
  },

  lockPromotion(db: Db, id: string) {
    return db.selectFrom('career_promotions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  /** Inserts a proposal unless one for the same years exists or one is open; returns its id or null. */
  async insertPromotion(
    db: Db,
    v: { userId: string; from: number; to: number; years: number[]; basis: string },
  ): Promise<string | null> {
    const row = await db
      .insertInto('career_promotions')
      .values({ user_id: v.userId, from_grade: v.from, to_grade: v.to, years: v.years, basis: v.basis })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  },

  // Training.

  courses(db: Db, actor: Actor, id?: string) {
    let q = db
      .selectFrom('training_courses as c')
      .innerJoin('org_units as o', 'o.id', 'c.unit_id')
      .selectAll('c')
      .select([
        'o.name as unit_name',
        sql<number>`(SELECT count(*)::int FROM training_sessions s WHERE s.course_id = c.id)`.as('sessions'),
        sql<number>`(SELECT count(*)::int FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id
          WHERE s.course_id = c.id AND a.attended)`.as('attendees'),
      ])
      // Courses of one's own units and of the units above them (a district's course reaches its grids).
      .where((eb) =>
        eb.or([
          pathInScope(actor, 'c.unit_path'),
          ...actor.scopePaths.map((p) => sql<boolean>`${p} LIKE (c.unit_path || '%')`),
        ]),
      );
    if (id) q = q.where('c.id', '=', id);
    return q.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(500).execute();
  },

  materials(db: Db, courseIds: readonly string[]) {
    if (courseIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('training_course_materials as m')
      .innerJoin('attachments as a', 'a.id', 'm.attachment_id')
      .select(['m.course_id', 'a.id', 'a.original_name', 'a.mime'])
      .where('m.course_id', 'in', courseIds)
      .orderBy('a.id')
      .execute();
  },

  sessions(db: Db, courseId: string) {
    return db
      .selectFrom('training_sessions')
      .selectAll()
      .where('course_id', '=', courseId)
      .orderBy('starts_at', 'desc')
      .execute();
  },

  attendance(db: Db, sessionIds: readonly string[]) {
    if (sessionIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('training_attendance as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .selectAll('a')
      .select(['u.display_name as user_name'])
      .where('a.session_id', 'in', sessionIds)
      .orderBy('a.session_id')
      .orderBy('u.display_name')
      .execute();
  },

  /** Per worker: trainings attended, hours, quizzes passed and certificates in a year (China time). */
  async trainingTotals(db: Db, userIds: readonly string[], year: number) {
    if (userIds.length === 0)
      return new Map<string, { count: number; hours: number; passed: number; certificates: number }>();
    const { rows } = await sql<{
      id: string;
      count: number;
      hours: number;
      passed: number;
      certificates: number;
    }>`
      SELECT a.user_id::text AS id, count(*)::int AS count, coalesce(sum(c.hours), 0)::float8 AS hours,
        count(*) FILTER (WHERE a.passed)::int AS passed,
        count(a.certificate_no)::int AS certificates
      FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id
      JOIN training_courses c ON c.id = s.course_id
      WHERE a.attended AND a.user_id = ANY (${userIds}::bigint[])
        AND s.starts_at >= ${`${year}-01-01T00:00:00+08:00`}::timestamptz
        AND s.starts_at < ${`${year + 1}-01-01T00:00:00+08:00`}::timestamptz
      GROUP BY 1`.execute(db);
    return new Map(rows.map((r) => [r.id, r]));
  },

  /** One worker's attendance records in a year, newest first. */
  async trainingRecords(db: Db, userId: string, year: number) {
    const { rows } = await sql<{
      session_id: string;
      course_id: string;
      title: string;
      kind: string;
      hours: string;
      starts_at: Date;
      attended: boolean;
      quiz_score: string | null;
      passed: boolean | null;
      certificate_no: string | null;
      certificate_issued_on: string | null;
    }>`
      SELECT s.id::text AS session_id, c.id::text AS course_id, c.title, c.kind, c.hours::text AS hours, s.starts_at,
        a.attended, a.quiz_score::text AS quiz_score, a.passed, a.certificate_no,
        to_char(a.certificate_issued_on, 'YYYY-MM-DD') AS certificate_issued_on
      FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id
      JOIN training_courses c ON c.id = s.course_id
      WHERE a.user_id = ${userId}
        AND s.starts_at >= ${`${year}-01-01T00:00:00+08:00`}::timestamptz
        AND s.starts_at < ${`${year + 1}-01-01T00:00:00+08:00`}::timestamptz
      ORDER BY s.starts_at DESC LIMIT 500`.execute(db);
    return rows;
  },
};

export type PromotionRow = Awaited<ReturnType<typeof careersRepository.promotions>>[number];
export type RatingRow = Awaited<ReturnType<typeof careersRepository.ratings>>[number];
export type GradeRow = Awaited<ReturnType<typeof careersRepository.grades>>[number];
export type CourseRow = Awaited<ReturnType<typeof careersRepository.courses>>[number];
