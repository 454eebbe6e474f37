import {
  CALENDAR_LIMITS,
  CASE_ACTIONS,
  CASE_SOURCES,
  type CaseAction,
  checkWorkCalendar,
  codesOfPath,
  duplicateScore,
  haversineM,
  isWithinScope,
  type WorkCalendar,
} from '@wangge/rules';
import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { Id, IdParams, Paging } from '../../http/schemas.ts';
import type { Actor } from '../access/actor.ts';
import { assertInScope, authorize, authorizeCityWide } from '../access/authorize.ts';
import { resolveWithin } from '../access/within.ts';
import { originOf } from '../audit/record.ts';
import { flush, newOutbox } from '../notifications/notify.ts';
import { orgRepository } from '../org/repository.ts';
import { actionsFor, actOnCase } from './act-on-case.ts';
import { registerHotspotInstructionRoute } from './hotspot-instruction.ts';
import { registerHotspotRoutes } from './hotspots.ts';
import { mergeCase } from './merge-case.ts';
import { registerNearestWorkerRoutes } from './nearest-workers.ts';
import { presentCaseDetail, presentCaseSummary } from './presenter.ts';
import { reportCase } from './report-case.ts';
import { type CaseFilters, caseRepository as repo } from './repository.ts';
import {
  CaseCategoryMajor,
  CaseDetail,
  CaseDuplicate,
  CasePage,
  CaseStats,
  CaseTargets,
  WorkCalendarView,
} from './schemas.ts';
import { caseStatistics } from './stats.ts';

const tags = ['cases'];
const Lon = Type.Number({ minimum: -180, maximum: 180 });
const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Source = Type.Union(CASE_SOURCES.filter((s) => s !== 'open311').map((s) => Type.Literal(s)));
const Limit = Type.Object({
  amount: Type.Number({ exclusiveMinimum: 0, maximum: 10_000 }),
  unit: Type.Union([Type.Literal('hours'), Type.Literal('days')]),
});
const PhotoIds = Type.Array(Id, { maxItems: 20 });
const DateOnly = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
/** The calendar as plain lists, the response schema's shape. */
const calendarView = (c: WorkCalendar) => ({
  workingHours: c.workingHours.map(({ start, end }) => ({ start, end })),
  holidays: [...c.holidays],
  workdays: [...c.workdays],
});
const Calendar = Type.Object({
  workingHours: Type.Array(
    Type.Object({
      start: Type.String({ pattern: '^\\d{2}:\\d{2}$' }),
      end: Type.String({ pattern: '^\\d{2}:\\d{2}$' }),
    }),
    { minItems: 1, maxItems: CALENDAR_LIMITS.workingPeriods },
  ),
  holidays: Type.Array(DateOnly, { maxItems: CALENDAR_LIMITS.holidays }),
  workdays: Type.Array(DateOnly, { maxItems: CALENDAR_LIMITS.workdays }),
});

export function registerCaseRoutes(
  app: App,
  { db, reads, gridIndex, hub, calendars, positions, config }: AppContext,
): void {
  registerHotspotRoutes(app, db);
  registerHotspotInstructionRoute(app, { db, calendars, hub });
  registerNearestWorkerRoutes(app, { db, positions, rota: config.shiftHours });
  async function detail(actor: Actor, id: string) {
    const found = await repo.findVisibleDetail(db, actor, id);
    if (!found) throw notFound('事件', id);
    const { row, assignments, steps, photos } = found;
    // Given the assignments, actionsFor decides without a query of its own.
    const actions = await actionsFor(db, actor, row, assignments);
    return presentCaseDetail(row, { assignments, steps, photos, actions });
  }

  app.get(
    '/api/case-categories',
    {
      schema: {
        tags,
        summary: '事件分类 (two-level category tree with limits)',
        response: { 200: Type.Object({ items: Type.Array(CaseCategoryMajor) }) },
      },
    },
    async (request) => {
      authorize(request);
      const rows = await repo.categories(db);
      const leaf = (r: (typeof rows)[number]) => ({
        code: r.code,
        nameZh: r.name_zh,
        nameEn: r.name_en,
        limits: r.limits,
        isPolice: r.is_police,
        filingStandard: r.filing_standard,
        closingStandard: r.closing_standard,
        filingStandardEn: r.filing_standard_en,
        closingStandardEn: r.closing_standard_en,
        defaultDepartmentKind: r.default_department_kind,
      });
      return {
        items: rows
          .filter((r) => !r.parent_code)
          .map((m) => ({
            code: m.code,
            nameZh: m.name_zh,
            nameEn: m.name_en,
            domain: m.domain,
            children: rows.filter((r) => r.parent_code === m.code).map(leaf),
          })),
      };
    },
  );

  app.get(
    '/api/work-calendar',
    {
      schema: {
        tags,
        summary: '工作日历 (working hours, holidays, make-up days of my city)',
        response: { 200: WorkCalendarView },
      },
    },
    async (request) => {
      const actor = authorize(request);
      return { calendar: calendarView(await calendars.forPath(actor.scopePaths[0] ?? '/')) };
    },
  );

  app.put(
    '/api/work-calendar',
    {
      schema: {
        tags,
        summary: '设置工作日历 (set the city calendar)',
        body: Type.Object({ calendar: Calendar }),
        response: { 200: WorkCalendarView },
      },
    },
    async (request) => {
      const { city } = await authorizeCityWide(request, db, 'cases.configure');
      const cal = request.body.calendar as WorkCalendar;
      const check = checkWorkCalendar(cal);
      if (!check.ok) throw badRequest(`calendar.${check.field}`, check.reason);
      await calendars.save(city.id, city.code, cal);
      return { calendar: calendarView(cal) };
    },
  );

  app.post(
    '/api/cases/duplicates',
    {
      schema: {
        tags,
        summary: '疑似重复事件 (open cases of the same category nearby and recent)',
        body: Type.Object({ categoryCode: Type.String({ maxLength: 20 }), lon: Lon, lat: Lat }),
        response: { 200: Type.Object({ items: Type.Array(CaseDuplicate) }) },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.report');
      const { categoryCode, lon, lat } = request.body;
      const now = new Date();
      const rows = await repo.nearbyOpen(db, actor, {
        categoryCode,
        lon,
        lat,
        since: new Date(now.getTime() - 72 * 3_600_000),
        degrees: 0.002,
      });
      const items = rows
        .map((r) => ({
          row: r,
          score: duplicateScore({
            a: { categoryCode, lon, lat, reportedAt: now },
            b: { categoryCode: r.category_code, lon: r.lon, lat: r.lat, reportedAt: r.reported_at },
          }),
        }))
        .filter((x) => x.score !== null)
        .sort((a, b) => b.score! - a.score!)
        .map(({ row, score }) => ({
          ...presentCaseSummary(row),
          distanceM: Math.round(haversineM(lon, lat, row.lon, row.lat)),
          score: score!,
        }));
      return { items };
    },
  );

  app.post(
    '/api/cases',
    {
      schema: {
        tags,
        summary: '上报事件 (report a case; send Idempotency-Key so a retry never creates a second one)',
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 100 })),
        }),
        body: Type.Object(
          {
            categoryCode: Type.String({ maxLength: 20 }),
            description: Type.String({ minLength: 1, maxLength: 2000 }),
            title: Type.Optional(Type.String({ maxLength: 100 })),
            lon: Lon,
            lat: Lat,
            address: Type.Optional(Type.String({ maxLength: 200 })),
            source: Source,
            photoIds: Type.Optional(PhotoIds),
            selfHandled: Type.Optional(Type.Boolean()),
            afterPhotoIds: Type.Optional(PhotoIds),
            reporterName: Type.Optional(Type.String({ maxLength: 50 })),
            reporterPhone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' })),
            observedAt: Type.Optional(
              Type.String({
                format: 'date-time',
                description: 'when it was recorded on the device (offline reports)',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: CaseDetail, 201: CaseDetail },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'cases.report');
      const outbox = newOutbox();
      const { caseId, created } = await reportCase({
        db,
        actor,
        origin: originOf(request),
        gridIndex,
        calendars,
        outbox,
        input: request.body,
        idempotencyKey: request.headers['idempotency-key'] ?? null,
      });
      flush(hub, outbox);
      return reply.status(created ? 201 : 200).send(await detail(actor, caseId));
    },
  );

  app.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary: '事件列表 (cases I can see; view=inbox: those waiting for me; view=mine: those I reported)',
        querystring: Type.Object({
          state: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 20 })),
          categoryCode: Type.Optional(Type.String({ maxLength: 20 })),
          gridId: Type.Optional(Id),
          within: Type.Optional(Id),
          overdue: Type.Optional(Type.Boolean()),
          source: Type.Optional(Type.String({ maxLength: 20 })),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          q: Type.Optional(Type.String({ maxLength: 50 })),
          view: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('inbox'), Type.Literal('mine')])),
          ...Paging,
        }),
        response: { 200: CasePage },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.read');
      const q = request.query;
      const filters: CaseFilters = {
        states: q.state,
        categoryCode: q.categoryCode,
        gridId: q.gridId,
        overdue: q.overdue,
        source: q.source,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        q: q.q,
        ...(q.view === 'mine' ? { reporterUserId: actor.userId } : {}),
      };
      if (q.within) {
        const unit = await orgRepository.findById(db, q.within);
        assertInScope(actor, unit?.path, '单位', q.within);
        filters.withinPath = unit!.path;
      }
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 50;
      if (q.view === 'inbox') {
        // The inbox: open cases where the caller has something to do now (not merely supervise).
        const candidates = await repo.list(
          db,
          actor,
          { ...filters, states: filters.states ?? INBOX_STATES },
          { limit: 2000, offset: 0 },
        );
        const mine = [];
        for (const row of candidates.items) {
          const actions = await actionsFor(db, actor, row);
          if (actions.some((a) => !['supervise', 'instruct', 'returnVisit', 'merge'].includes(a)))
            mine.push(row);
        }
        return {
          items: mine.slice((page - 1) * pageSize, page * pageSize).map(presentCaseSummary),
          total: mine.length,
        };
      }
      const { items, total } = await repo.list(db, actor, filters, {
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { items: items.map(presentCaseSummary), total };
    },
  );

  app.get(
    '/api/cases/stats',
    {
      schema: {
        tags,
        summary: '事件统计 (reported, filed, closed, rates per unit subtree and period)',
        querystring: Type.Object({
          within: Type.Optional(Id),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
        }),
        response: { 200: CaseStats },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.stats');
      const withinPath = await resolveWithin(db, actor, request.query.within);
      return caseStatistics(reads.for(request), actor, {
        withinPath,
        from: request.query.from ? new Date(request.query.from) : undefined,
        to: request.query.to ? new Date(request.query.to) : undefined,
      });
    },
  );

  app.get(
    '/api/cases/:id',
    {
      schema: {
        tags,
        summary: '事件详情 (case with steps, photos and my actions)',
        params: IdParams,
        response: { 200: CaseDetail },
      },
    },
    async (request) => {
      const actor = authorize(request);
      return detail(actor, request.params.id);
    },
  );

  app.get(
    '/api/cases/:id/targets',
    {
      schema: {
        tags,
        summary: '可派遣对象 (units and departments this case may be sent to)',
        params: IdParams,
        response: { 200: CaseTargets },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.dispatch');
      const row = await repo.findVisible(db, actor, request.params.id);
      if (!row) throw notFound('事件', request.params.id);
      // Units under the owner that cover the case's grid, and departments of the levels above it.
      const units = await db
        .selectFrom('org_units')
        .select(['id', 'code', 'name', 'level', 'path'])
        .where('path', 'like', `${row.owner_path}%`)
        .where(
          'path',
          'in',
          codesOfPath(row.grid_path).map((_, i, codes) => `/${codes.slice(0, i + 1).join('/')}/`),
        )
        .orderBy('path')
        .execute();
      const departments = await db
        .selectFrom('departments as d')
        .innerJoin('org_units as o', 'o.id', 'd.org_unit_id')
        .select(['d.id', 'd.name', 'd.kind', 'd.is_police', 'o.path', 'o.level'])
        .where(
          'o.path',
          'in',
          codesOfPath(row.grid_path).map((_, i, codes) => `/${codes.slice(0, i + 1).join('/')}/`),
        )
        .orderBy('d.code')
        .execute();
      return {
        units: units
          .filter((u) => isWithinScope(u.path, actor.scopePaths))
          .map((u) => ({ id: u.id, code: u.code, name: u.name, level: u.level })),
        departments: departments.map((d) => ({
          id: d.id,
          name: d.name,
          kind: d.kind,
          isPolice: d.is_police,
          level: d.level,
        })),
      };
    },
  );

  app.post(
    '/api/cases/:id/actions/:action',
    {
      schema: {
        tags,
        summary: '对事件执行操作 (act on a case: accept, file, dispatch, whistle, handle, verify, …)',
        params: Type.Object({ id: Id, action: Type.Union(CASE_ACTIONS.map((a) => Type.Literal(a))) }),
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
            reason: Type.Optional(Type.String({ maxLength: 1000 })),
            publicNote: Type.Optional(Type.String({ maxLength: 1000 })),
            photoIds: Type.Optional(PhotoIds),
            target: Type.Optional(
              Type.Object({ type: Type.Union([Type.Literal('unit'), Type.Literal('department')]), id: Id }),
            ),
            targets: Type.Optional(
              Type.Array(Type.Object({ departmentId: Id, lead: Type.Boolean() }), {
                minItems: 1,
                maxItems: 20,
              }),
            ),
            rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
            satisfaction: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
            comment: Type.Optional(Type.String({ maxLength: 1000 })),
            extension: Type.Optional(Limit),
            lon: Type.Optional(Lon),
            lat: Type.Optional(Lat),
          },
          { additionalProperties: false },
        ),
        response: { 200: CaseDetail },
      },
    },
    async (request) => {
      const actor = authorize(request);
      const outbox = newOutbox();
      await actOnCase({
        db,
        actor,
        origin: originOf(request),
        calendars,
        outbox,
        caseId: request.params.id,
        action: request.params.action as CaseAction,
        input: request.body,
        reopenDays: config.residents.reopenDays,
      });
      flush(hub, outbox);
      return detail(actor, request.params.id);
    },
  );

  app.post(
    '/api/cases/:id/merge',
    {
      schema: {
        tags,
        summary: '合并重复事件 (close a duplicate as merged into another case)',
        params: IdParams,
        body: Type.Object({ version: Type.Integer({ minimum: 1 }), intoCaseId: Id }),
        response: { 200: CaseDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.dispatch');
      await mergeCase({ db, actor, origin: originOf(request), caseId: request.params.id, ...request.body });
      return detail(actor, request.params.id);
    },
  );
}

const INBOX_STATES = [
  'reported',
  'confirming',
  'accepted',
  'void_pending',
  'filed',
  'dispatched',
  'in_progress',
  'suspended',
  'handled',
  'rework',
  'verified',
  'closed',
  'evaluated',
  'self_handled',
];
