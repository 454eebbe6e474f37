import { isPromotionAction, YEAR_RATINGS } from '@wangge/rules';
import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { badRequest, forbidden, notFound } from '../../http/errors.ts';
import { Id, IdParams } from '../../http/schemas.ts';
import type { Actor } from '../access/actor.ts';
import { assertInScope, authorize, can, inScope } from '../access/authorize.ts';
import { originOf } from '../audit/record.ts';
import {
  actOnPromotion,
  addSession,
  chinaToday,
  confirmRating,
  createCourse,
  promotionRelations,
  proposeRatings,
  recordAttendance,
  saveLadder,
  setGrade,
  workerInScope,
} from './operations.ts';
import {
  presentCourse,
  presentGrade,
  presentLadder,
  presentPromotion,
  presentRating,
  presentWorkerRef,
} from './presenter.ts';
import { careersRepository as repo, type WorkerRow } from './repository.ts';
import {
  CareerOverview,
  Month,
  PayLadderList,
  Promotion,
  TrainingCourse,
  TrainingCourseDetail,
  TrainingHours,
  WorkerCareer,
  WorkerTraining,
  Year,
  YearRatingItem,
} from './schemas.ts';

const tags = ['careers'];
const Rating = Type.Union(YEAR_RATINGS.map((r) => Type.Literal(r)));
const thisYear = () => Number(chinaToday().slice(0, 4));
const thisMonth = () => chinaToday().slice(0, 7);

/** The caller's unit to list under: the given one (in scope), else their whole scope. */
async function underPath(app: AppContext, actor: Actor, unitId: string | undefined) {
  if (!unitId) return undefined;
  const unit = await repo.unit(app.db, unitId);
  assertInScope(actor, unit?.path, '单位', unitId);
  return unit!.path;
}

/** Oneself, or a worker in scope for a careers reader; others' careers do not exist (404) / are refused (403). */
async function readableWorker(ctx: AppContext, actor: Actor, id: string): Promise<WorkerRow> {
  if (id === actor.userId) {
    const self = await repo.worker(ctx.db, id);
    if (!self) throw notFound('网格员', id);
    return self;
  }
  if (!can(actor, 'careers.read'))
    throw forbidden('只能查看本人的职业发展记录 (you may read only your own career)');
  return workerInScope(ctx.db, actor, id);
}

/**
 * The unit whose ladder to show: the one asked for — in scope or above it (pay is no secret to
 * those below) — else the first district of the caller's scope, else the district above it.
 */
async function ladderUnit(ctx: AppContext, actor: Actor, unitId: string | undefined) {
  if (unitId) {
    const unit = await repo.unit(ctx.db, unitId);
    if (!unit || !(inScope(actor, unit.path) || actor.scopePaths.some((p) => p.startsWith(unit.path)))) {
      throw notFound('单位', unitId);
    }
    return unit;
  }
  const first = await repo.firstDistrict(ctx.db, actor);
  if (!first) throw notFound('区县');
  return first;
}

export function registerCareerRoutes(app: App, ctx: AppContext): void {
  const { db } = ctx;

  async function workerCareer(actor: Actor, worker: WorkerRow) {
    const [grades, ratings, promotions, ladder] = await Promise.all([
      repo.grades(db, [worker.id]),
      repo.ratings(db, [worker.id]),
      repo.promotions(db, { userIds: [worker.id] }),
      repo.ladderFor(db, worker.path, thisMonth()),
    ]);
    const grade = grades[0] ? Number(grades[0].grade) : null;
    const pay = ladder?.pay_fen.map(Number) ?? null;
    return {
      worker: presentWorkerRef(worker),
      grade,
      payFen: pay && grade ? pay[grade - 1]! : null,
      nextPayFen: pay && grade && grade < 12 ? pay[grade]! : null,
      ladder:
        ladder && pay
          ? { unitName: ladder.unit_name, effectiveFrom: ladder.effective_from, payFen: pay }
          : null,
      grades: grades.map(presentGrade),
      ratings: ratings.map((r) => presentRating(r, worker)),
      promotions: promotions.map((p) => presentPromotion(p, promotionRelations(actor, worker.id))),
    };
  }

  app.get(
    '/api/careers/ladder',
    {
      schema: {
        tags,
        summary: '薪酬等级 (the 12-grade pay ladder of a district or city, with its history)',
        querystring: Type.Object({ unitId: Type.Optional(Id) }),
        response: { 200: PayLadderList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'careers.read');
      const unit = await ladderUnit(ctx, actor, request.query.unitId);
      const items = (await repo.ladders(db, unit!.id)).map(presentLadder);
      const month = thisMonth();
      return {
        unit: { id: String(unit!.id), name: unit!.name, level: unit!.level },
        current: items.find((l) => l.effectiveFrom <= month) ?? null,
        items,
        mayManage: can(actor, 'careers.manage'),
      };
    },
  );

  app.post(
    '/api/careers/ladder',
    {
      schema: {
        tags,
        summary: '设置薪酬等级 (a new version of a ladder: 12 monthly amounts in fen, from a month)',
        body: Type.Object({
          unitId: Id,
          effectiveFrom: Month,
          payFen: Type.Array(Type.Integer({ minimum: 0, maximum: 100_000_000 }), {
            minItems: 12,
            maxItems: 12,
          }),
          note: Type.Optional(Type.String({ maxLength: 500 })),
        }),
        response: { 201: PayLadderList },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'careers.manage');
      const { unitId, effectiveFrom, payFen, note } = request.body;
      await saveLadder({
        db,
        actor,
        unitId,
        effectiveFrom,
        payFen,
        note: note ?? '',
        origin: originOf(request),
      });
      const unit = await repo.unit(db, unitId);
      const items = (await repo.ladders(db, unitId)).map(presentLadder);
      const month = thisMonth();
      reply.code(201);
      return {
        unit: { id: String(unit!.id), name: unit!.name, level: unit!.level },
        current: items.find((l) => l.effectiveFrom <= month) ?? null,
        items,
        mayManage: true,
      };
    },
  );

  app.get(
    '/api/careers',
    {
      schema: {
        tags,
        summary:
          '职业发展 (workers in scope with grade, pay and ratings; ratings to confirm; promotions to decide)',
        querystring: Type.Object({ unitId: Type.Optional(Id), ratingYear: Type.Optional(Year) }),
        response: { 200: CareerOverview },
      },
    },
    async (request) => {
      const actor = authorize(request, 'careers.read');
      const workers = await repo.workers(db, actor, {
        underPath: await underPath(ctx, actor, request.query.unitId),
      });
      const ids = workers.map((w) => w.id);
      const [grades, ratings, promotions] = await Promise.all([
        repo.grades(db, ids),
        repo.ratings(db, ids),
        repo.promotions(db, { userIds: ids, state: 'proposed' }),
      ]);
      const month = thisMonth();
      const ladders = new Map<string, number[] | null>();
      const byId = new Map(workers.map((w) => [w.id, w]));
      const items = [];
      for (const w of workers) {
        const current = grades.find((g) => String(g.user_id) === w.id);
        const district = w.path.split('/').slice(0, 3).join('/');
        if (!ladders.has(district))
          ladders.set(district, (await repo.ladderFor(db, w.path, month))?.pay_fen ?? null);
        const pay = ladders.get(district);
        const grade = current ? Number(current.grade) : null;
        items.push({
          worker: presentWorkerRef(w),
          grade,
          since: current ? presentGrade(current).effectiveOn : null,
          payFen: pay && grade ? Number(pay[grade - 1]) : null,
          ratings: ratings
            .filter((r) => String(r.user_id) === w.id && r.state === 'confirmed')
            .map((r) => ({
              year: Number(r.year),
              rating: r.rating as 'excellent' | 'qualified' | 'unqualified',
            })),
          pendingPromotion: promotions.some((p) => String(p.user_id) === w.id),
        });
      }
      return {
        items,
        pendingRatings: ratings
          .filter(
            (r) =>
              r.state === 'proposed' &&
              (!request.query.ratingYear || Number(r.year) === request.query.ratingYear),
          )
          .map((r) => presentRating(r, byId.get(String(r.user_id))!)),
        pendingPromotions: promotions.map((p) =>
          presentPromotion(p, promotionRelations(actor, String(p.user_id))),
        ),
        ratingYear: request.query.ratingYear ?? thisYear() - 1,
        mayManage: can(actor, 'careers.manage'),
      };
    },
  );

  app.get(
    '/api/careers/workers/:id',
    {
      schema: {
        tags,
        summary:
          '网格员职业档案 (one worker’s grade, pay, grade history, ratings and promotions; oneself or in scope)',
        params: IdParams,
        response: { 200: WorkerCareer },
      },
    },
    async (request) => {
      const actor = authorize(request);
      return workerCareer(actor, await readableWorker(ctx, actor, request.params.id));
    },
  );

  app.post(
    '/api/careers/workers/:id/grade',
    {
      schema: {
        tags,
        summary: '定级或调整等级 (appoint a worker to a grade, or adjust it; audited)',
        params: IdParams,
        body: Type.Object({
          grade: Type.Integer({ minimum: 1, maximum: 12 }),
          effectiveOn: Type.String({ format: 'date' }),
          note: Type.String({ minLength: 1, maxLength: 500 }),
        }),
        response: { 200: WorkerCareer },
      },
    },
    async (request) => {
      const actor = authorize(request, 'careers.manage');
      await setGrade({ db, actor, userId: request.params.id, ...request.body, origin: originOf(request) });
      return workerCareer(actor, await workerInScope(db, actor, request.params.id));
    },
  );

  app.post(
    '/api/careers/ratings/propose',
    {
      schema: {
        tags,
        summary: '生成年度评定建议 (propose every worker’s rating of a year from the frozen monthly results)',
        body: Type.Object({ year: Year, unitId: Type.Optional(Id) }),
        response: { 200: Type.Object({ proposed: Type.Integer() }, { title: 'RatingsProposed' }) },
      },
    },
    async (request) => {
      const actor = authorize(request, 'careers.manage');
      const path = await underPath(ctx, actor, request.body.unitId);
      return { proposed: await proposeRatings({ db, actor, year: request.body.year, underPath: path }) };
    },
  );

  app.post(
    '/api/careers/ratings/confirm',
    {
      schema: {
        tags,
        summary:
          '确认年度评定 (confirm a worker’s yearly rating; another than proposed needs a reason; audited)',
        body: Type.Object({
          userId: Id,
          year: Year,
          rating: Rating,
          reason: Type.Optional(Type.String({ maxLength: 500 })),
        }),
        response: {
          200: Type.Object(
            { rating: YearRatingItem, promotion: Type.Union([Promotion, Type.Null()]) },
            { title: 'RatingConfirmed' },
          ),
        },
      },
    },
    async (request) => {
      const actor = authorize(request, 'careers.manage');
      const { userId, year, rating, reason } = request.body;
      if (year > thisYear()) throw badRequest('year', '不能评定未来年度 (that year has not begun)');
      const { promotionId } = await confirmRating({
        db,
        actor,
        userId,
        year,
        rating,
        reason: reason ?? '',
        origin: originOf(request),
      });
      const worker = await workerInScope(db, actor, userId);
      const [row] = await repo.ratings(db, [userId], year);
      const [promotion] = promotionId ? await repo.promotions(db, { id: promotionId }) : [];
      return {
        rating: presentRating(row!, worker),
        promotion: promotion ? presentPromotion(promotion, promotionRelations(actor, userId)) : null,
      };
    },
  );

  app.get(
    '/api/careers/promotions',
    {
      schema: {
        tags,
        summary: '晋级建议 (promotion proposals in scope, newest first)',
        querystring: Type.Object({
          state: Type.Optional(
            Type.Union([Type.Literal('proposed'), Type.Literal('approved'), Type.Literal('rejected')]),
          ),
        }),
        response: { 200: Type.Object({ items: Type.Array(Promotion) }, { title: 'PromotionList' }) },
      },
    },
    async (request) => {
      const actor = authorize(request, 'careers.read');
      const ids = (await repo.workers(db, actor)).map((w) => w.id);
      const rows = await repo.promotions(db, { userIds: ids, state: request.query.state });
      return { items: rows.map((p) => presentPromotion(p, promotionRelations(actor, String(p.user_id)))) };
    },
  );

  app.post(
    '/api/careers/promotions/:id/actions/:action',
    {
      schema: {
        tags,
        summary: '审批晋级 (approve — the grade history follows — or reject with a reason)',
        params: Type.Object({ id: Id, action: Type.String() }),
        body: Type.Object({
          version: Type.Integer({ minimum: 1 }),
          reason: Type.Optional(Type.String({ maxLength: 500 })),
        }),
        response: { 200: Promotion },
      },
    },
    async (request) => {
      const actor = authorize(request, 'careers.read');
      const { id, action } = request.params;
      if (!isPromotionAction(action)) throw notFound('操作', action);
      await actOnPromotion({
        db,
        actor,
        id,
        action,
        version: request.body.version,
        reason: request.body.reason ?? '',
        origin: originOf(request),
      });
      const [row] = await repo.promotions(db, { id });
      return presentPromotion(row!, promotionRelations(actor, String(row!.user_id)));
    },
  );

  // Training (网格学院).

  async function courseList(actor: Actor, id?: string) {
    const rows = await repo.courses(db, actor, id);
    const materials = await repo.materials(
      db,
      rows.map((r) => String(r.id)),
    );
    return rows.map((r) => presentCourse(r, materials));
  }

  app.get(
    '/api/training/courses',
    {
      schema: {
        tags,
        summary: '培训课程 (courses of my units and the units above them)',
        response: {
          200: Type.Object(
            { items: Type.Array(TrainingCourse), mayManage: Type.Boolean() },
            { title: 'TrainingCourseList' },
          ),
        },
      },
    },
    async (request) => {
      const actor = authorize(request);
      return { items: await courseList(actor), mayManage: can(actor, 'training.manage') };
    },
  );

  app.post(
    '/api/training/courses',
    {
      schema: {
        tags,
        summary: '新建培训课程 (a course with its hours and materials: uploaded attachments)',
        body: Type.Object({
          unitId: Id,
          title: Type.String({ minLength: 1, maxLength: 100 }),
          kind: Type.Union([Type.Literal('online'), Type.Literal('offline')]),
          hours: Type.Number({ exclusiveMinimum: 0, maximum: 200 }),
          description: Type.Optional(Type.String({ maxLength: 5000 })),
          materialIds: Type.Optional(Type.Array(Id, { maxItems: 20 })),
        }),
        response: { 201: TrainingCourse },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'training.manage');
      const b = request.body;
      const id = await createCourse({
        db,
        actor,
        unitId: b.unitId,
        title: b.title.trim(),
        kind: b.kind,
        hours: b.hours,
        description: b.description ?? '',
        materialIds: b.materialIds ?? [],
        origin: originOf(request),
      });
      reply.code(201);
      return (await courseList(actor, id))[0]!;
    },
  );

  app.get(
    '/api/training/courses/:id',
    {
      schema: {
        tags,
        summary:
          '课程详情 (a course with its sessions and attendance; a worker sees only their own attendance)',
        params: IdParams,
        response: { 200: TrainingCourseDetail },
      },
    },
    async (request) => {
      const actor = authorize(request);
      const [course] = await courseList(actor, request.params.id);
      if (!course) throw notFound('课程', request.params.id);
      const sessions = await repo.sessions(db, course.id);
      let attendance = await repo.attendance(
        db,
        sessions.map((s) => String(s.id)),
      );
      if (!can(actor, 'careers.read') && !can(actor, 'training.manage')) {
        attendance = attendance.filter((a) => String(a.user_id) === actor.userId);
      }
      return {
        course,
        sessions: sessions.map((s) => ({
          id: String(s.id),
          startsAt: (s.starts_at as Date).toISOString(),
          place: s.place,
          attendance: attendance
            .filter((a) => String(a.session_id) === String(s.id))
            .map((a) => ({
              userId: String(a.user_id),
              name: a.user_name,
              attended: a.attended,
              quizScore: a.quiz_score === null ? null : Number(a.quiz_score),
              passed: a.passed,
              certificateNo: a.certificate_no,
              certificateIssuedOn: a.certificate_issued_on ? presentDate(a.certificate_issued_on) : null,
            })),
        })),
      };
    },
  );

  app.post(
    '/api/training/courses/:id/sessions',
    {
      schema: {
        tags,
        summary: '新增培训场次 (a session of a course)',
        params: IdParams,
        body: Type.Object({
          startsAt: Type.String({ format: 'date-time' }),
          place: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: { 201: Type.Object({ id: Id }, { title: 'TrainingSessionCreated' }) },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'training.manage');
      const id = await addSession({
        db,
        actor,
        courseId: request.params.id,
        startsAt: new Date(request.body.startsAt),
        place: request.body.place ?? '',
        origin: originOf(request),
      });
      reply.code(201);
      return { id };
    },
  );

  app.put(
    '/api/training/sessions/:id/attendance',
    {
      schema: {
        tags,
        summary: '登记签到与考试 (attendance, quiz results and certificates of a session’s workers)',
        params: IdParams,
        body: Type.Object({
          records: Type.Array(
            Type.Object({
              userId: Id,
              attended: Type.Boolean(),
              quizScore: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()])),
              passed: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
              certificateNo: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
              certificateIssuedOn: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
            }),
            { minItems: 1, maxItems: 500 },
          ),
        }),
        response: { 200: Type.Object({ recorded: Type.Integer() }, { title: 'AttendanceRecorded' }) },
      },
    },
    async (request) => {
      const actor = authorize(request, 'training.manage');
      await recordAttendance({
        db,
        actor,
        sessionId: request.params.id,
        records: request.body.records,
        origin: originOf(request),
      });
      return { recorded: request.body.records.length };
    },
  );

  app.get(
    '/api/training/hours',
    {
      schema: {
        tags,
        summary:
          '培训学时统计 (per worker in scope: trainings attended, hours, quizzes passed, certificates in a year)',
        querystring: Type.Object({ year: Type.Optional(Year), unitId: Type.Optional(Id) }),
        response: { 200: TrainingHours },
      },
    },
    async (request) => {
      const actor = authorize(request, 'careers.read');
      const year = request.query.year ?? thisYear();
      const workers = await repo.workers(db, actor, {
        underPath: await underPath(ctx, actor, request.query.unitId),
      });
      const totals = await repo.trainingTotals(
        db,
        workers.map((w) => w.id),
        year,
      );
      return {
        year,
        items: workers.map((w) => {
          const t = totals.get(w.id);
          return {
            worker: presentWorkerRef(w),
            count: t?.count ?? 0,
            hours: Number(t?.hours ?? 0),
            passed: t?.passed ?? 0,
            certificates: t?.certificates ?? 0,
          };
        }),
      };
    },
  );

  app.get(
    '/api/training/workers/:id',
    {
      schema: {
        tags,
        summary: '个人培训记录 (one worker’s trainings of a year; oneself or in scope)',
        params: IdParams,
        querystring: Type.Object({ year: Type.Optional(Year) }),
        response: { 200: WorkerTraining },
      },
    },
    async (request) => {
      const actor = authorize(request);
      const worker = await readableWorker(ctx, actor, request.params.id);
      const year = request.query.year ?? thisYear();
      const records = await repo.trainingRecords(db, worker.id, year);
      const attended = records.filter((r) => r.attended);
      return {
        worker: presentWorkerRef(worker),
        year,
        count: attended.length,
        hours: attended.reduce((a, r) => a + Number(r.hours), 0),
        records: records.map((r) => ({
          sessionId: r.session_id,
          courseId: r.course_id,
          title: r.title,
          kind: r.kind as 'online' | 'offline',
          hours: Number(r.hours),
          startsAt: new Date(r.starts_at).toISOString(),
          attended: r.attended,
          quizScore: r.quiz_score === null ? null : Number(r.quiz_score),
          passed: r.passed,
          certificateNo: r.certificate_no,
          certificateIssuedOn: r.certificate_issued_on,
        })),
      };
    },
  );
}

function presentDate(d: Date | string): string {
  if (typeof d === 'string') return d.slice(0, 10);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
