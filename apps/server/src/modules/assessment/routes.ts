import type { SchemeIndicator } from '@wangge/rules';
import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { Id, Paging } from '../../http/schemas.ts';
import { authorize } from '../access/authorize.ts';
import { originOf } from '../audit/record.ts';
import { registerAdjustmentRoutes } from './adjustment-routes.ts';
import {
  createScheme,
  eventsOf,
  freezePeriod,
  listPeriods,
  listSchemes,
  previewScheme,
  rankingsFor,
  scorecardOf,
  scoreOf,
  trendOf,
} from './operations.ts';
import { presentScheme } from './presenter.ts';
import {
  AssessmentEvent,
  Month,
  PeriodList,
  Ranking,
  ReviewPeriod,
  Scheme,
  SchemeInput,
  SchemeList,
  SchemePreview,
  Scorecard,
  SubjectScore,
  SubjectType,
  Trend,
} from './schemas.ts';

const tags = ['assessment'];
const SubjectParams = Type.Object({ subjectType: SubjectType, id: Id });

export function registerAssessmentRoutes(app: App, context: AppContext): void {
  const { db, reads } = context;
  registerAdjustmentRoutes(app, context);
  app.get(
    '/api/assessment/rankings',
    {
      schema: {
        tags,
        summary:
          '考核排名 (ranking of workers, departments or dispatchers under a unit for a month, quarter, half-year or year — a longer period ranks the mean of its monthly scores; a worker sees their window)',
        querystring: Type.Object({
          period: ReviewPeriod,
          unitId: Type.Optional(Id),
          subject: Type.Optional(SubjectType),
        }),
        response: { 200: Ranking },
      },
    },
    async (request) => {
      const actor = authorize(request);
      const q = request.query;
      return rankingsFor({
        db: reads.for(request),
        actor,
        period: q.period,
        unitId: q.unitId,
        subject: q.subject ?? 'worker',
      });
    },
  );

  app.get(
    '/api/assessment/scores/:subjectType/:id',
    {
      schema: {
        tags,
        summary:
          '考核得分 (composite, grade and every indicator with its counts, target and the events behind them)',
        params: SubjectParams,
        querystring: Type.Object({ period: Month }),
        response: { 200: SubjectScore },
      },
    },
    async (request) =>
      scoreOf({
        db: reads.for(request),
        actor: authorize(request),
        subjectType: request.params.subjectType,
        id: request.params.id,
        period: request.query.period,
      }),
  );

  app.get(
    '/api/assessment/scores/:subjectType/:id/events',
    {
      schema: {
        tags,
        summary: '得分依据 (the cases, visits, inspections behind one count of a month)',
        params: SubjectParams,
        querystring: Type.Object({
          period: Month,
          count: Type.String({ minLength: 1, maxLength: 60 }),
          ...Paging,
        }),
        response: { 200: Type.Object({ items: Type.Array(AssessmentEvent), total: Type.Integer() }) },
      },
    },
    async (request) => {
      const q = request.query;
      const result = await eventsOf({
        db: reads.for(request),
        actor: authorize(request),
        subjectType: request.params.subjectType,
        id: request.params.id,
        period: q.period,
        count: q.count,
        page: q.page ?? 1,
        pageSize: q.pageSize ?? 50,
      });
      return { items: result.items.map((e) => ({ ...e, at: e.at.toISOString() })), total: result.total };
    },
  );

  app.get(
    '/api/assessment/scores/:subjectType/:id/trend',
    {
      schema: {
        tags,
        summary: '得分走势 (composite and grade of the last months, frozen ones as closed)',
        params: SubjectParams,
        querystring: Type.Object({
          months: Type.Optional(Type.Integer({ minimum: 1, maximum: 24, default: 12 })),
        }),
        response: { 200: Trend },
      },
    },
    async (request) =>
      trendOf({
        db: reads.for(request),
        actor: authorize(request),
        subjectType: request.params.subjectType,
        id: request.params.id,
        months: request.query.months ?? 12,
      }),
  );

  app.get(
    '/api/assessment/scorecard',
    {
      schema: {
        tags,
        summary: '考核记分卡 (child units × area indicators with traffic lights)',
        querystring: Type.Object({ period: Month, unitId: Type.Optional(Id) }),
        response: { 200: Scorecard },
      },
    },
    async (request) =>
      scorecardOf({
        db: reads.for(request),
        actor: authorize(request),
        period: request.query.period,
        unitId: request.query.unitId,
      }),
  );

  app.get(
    '/api/assessment/schemes',
    {
      schema: {
        tags,
        summary: '考核方案 (a district’s scheme versions, newest first)',
        querystring: Type.Object({ unitId: Id, subject: Type.Optional(SubjectType) }),
        response: { 200: SchemeList },
      },
    },
    async (request) => {
      const { rows, manage } = await listSchemes({
        db,
        actor: authorize(request),
        unitId: request.query.unitId,
        subject: request.query.subject,
      });
      return { items: rows.map(presentScheme), actions: manage ? ['create'] : [] };
    },
  );

  app.post(
    '/api/assessment/schemes',
    {
      schema: {
        tags,
        summary: '新建考核方案版本 (a new version from a month on; weights sum to 100)',
        body: SchemeInput,
        response: { 201: Scheme },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'assessment.manage');
      const input = { ...request.body, indicators: request.body.indicators as SchemeIndicator[] };
      const row = await createScheme({ db, actor, origin: originOf(request), input });
      return reply.status(201).send(presentScheme(row));
    },
  );

  app.post(
    '/api/assessment/schemes/preview',
    {
      schema: {
        tags,
        summary: '方案预览 (the draft on last month’s events beside the scheme in force)',
        body: SchemeInput,
        response: { 200: SchemePreview },
      },
    },
    async (request) => {
      const actor = authorize(request, 'assessment.manage');
      const input = { ...request.body, indicators: request.body.indicators as SchemeIndicator[] };
      return previewScheme({ db, actor, input });
    },
  );

  app.get(
    '/api/assessment/periods',
    {
      schema: {
        tags,
        summary: '考核月份 (the last 12 months of a district: open or frozen)',
        querystring: Type.Object({ unitId: Id }),
        response: { 200: PeriodList },
      },
    },
    async (request) => listPeriods({ db, actor: authorize(request), unitId: request.query.unitId }),
  );

  app.post(
    '/api/assessment/periods/:period/freeze',
    {
      schema: {
        tags,
        summary: '冻结考核月份 (store every result of a finished month; late events no longer move it)',
        params: Type.Object({ period: Month }),
        body: Type.Object({ unitId: Id }, { additionalProperties: false }),
        response: {
          200: Type.Object({ period: Month, state: Type.Literal('frozen'), results: Type.Integer() }),
        },
      },
    },
    async (request) =>
      freezePeriod({
        db,
        actor: authorize(request, 'assessment.manage'),
        origin: originOf(request),
        unitId: request.body.unitId,
        period: request.params.period,
      }),
  );
}
