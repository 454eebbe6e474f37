import { isMonth, isWithinScope, monthOf } from '@wangge/rules';
import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { AppError, badRequest, notFound } from '../../http/errors.ts';
import { Id, IdParams, Nullable, Paging, Timestamp } from '../../http/schemas.ts';
import { assertInScope, authorize } from '../access/authorize.ts';
import { originOf, recordAudit } from '../audit/record.ts';
import { attachment } from '../registers/import/routes.ts';
import { generateMonthlyReports, reportRepository as repo, type StoredReportRow } from './monthly-reports.ts';

const tags = ['assessment'];
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' });
const CONTENT_TYPE = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export const StoredReport = Type.Object(
  {
    id: Id,
    unit: Type.Object({ id: Id, name: Type.String() }),
    period: Type.String(),
    generatedAt: Timestamp,
    /** Who generated it on demand; null for the monthly job. */
    generatedBy: Nullable(Type.Object({ id: Id, name: Type.String() })),
    /** Why there is no PDF (no CJK font on the server); null when there is one. */
    pdfMissing: Nullable(Type.String()),
    files: Type.Object({
      pdf: Nullable(Type.Object({ url: Type.String(), bytes: Type.Integer() })),
      xlsx: Type.Object({ url: Type.String(), bytes: Type.Integer() }),
    }),
  },
  { title: 'StoredReport' },
);

export const StoredReportList = Type.Object(
  {
    items: Type.Array(StoredReport),
    total: Type.Integer(),
    /** 'generate' for an assessment manager. */
    actions: Type.Array(Type.String()),
  },
  { title: 'StoredReportList' },
);

export const GeneratedReports = Type.Object(
  {
    items: Type.Array(StoredReport),
    /** Districts left as they were (none on demand, where a report is made afresh). */
    skipped: Type.Integer(),
  },
  { title: 'GeneratedReports' },
);

function presentStoredReport(row: StoredReportRow) {
  const file = (format: 'pdf' | 'xlsx') => `/api/assessment/reports/${row.id}/file?format=${format}`;
  return {
    id: row.id,
    unit: { id: row.unit_id, name: row.unit_name },
    period: row.period,
    generatedAt: new Date(row.generated_at).toISOString(),
    generatedBy: row.generated_by ? { id: row.generated_by, name: row.generated_by_name ?? '' } : null,
    pdfMissing: row.pdf_missing,
    files: {
      pdf: row.pdf_bytes === null ? null : { url: file('pdf'), bytes: row.pdf_bytes },
      xlsx: { url: file('xlsx'), bytes: row.xlsx_bytes },
    },
  };
}

/** The stored monthly reports (migration 0060): list, download, and generate on demand. */
export function registerMonthlyReportRoutes(app: App, context: AppContext): void {
  const { db, config, hub } = context;

  app.post(
    '/api/assessment/reports/generate',
    {
      schema: {
        tags,
        summary:
          '生成并保存月度考核报告 (the month’s report of each district in my scope, or of one, made afresh; managers are notified)',
        body: Type.Object({ period: Month, unitId: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 201: GeneratedReports },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'assessment.manage');
      const { period, unitId } = request.body;
      if (!isMonth(period)) throw badRequest('period', '月份格式 YYYY-MM (a month)');
      if (period > monthOf(new Date()))
        throw badRequest('period', `${period} 尚未开始 (the month has not begun)`);
      const districts = (await repo.districts(db, unitId ? [unitId] : undefined)).filter((d) =>
        isWithinScope(d.path, actor.scopePaths),
      );
      if (unitId && districts.length === 0) throw notFound('区县', unitId);
      if (districts.length === 0)
        throw badRequest('unitId', '您的范围内没有区县 (no district in your scope)');
      const result = await generateMonthlyReports({
        db,
        hub,
        period,
        font: config.pdfFont,
        unitIds: districts.map((d) => d.id),
        replace: true,
        by: actor,
        origin: originOf(request),
      });
      reply.code(201);
      return {
        items: (await repo.listByIds(db, result.generated)).map(presentStoredReport),
        skipped: result.skipped.length,
      };
    },
  );

  app.get(
    '/api/assessment/reports',
    {
      schema: {
        tags,
        summary: '已生成的月度考核报告 (stored monthly reports of units in my scope, newest month first)',
        querystring: Type.Object({ unitId: Type.Optional(Id), period: Type.Optional(Month), ...Paging }),
        response: { 200: StoredReportList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'assessment.view');
      const { unitId, period, page = 1, pageSize = 50 } = request.query;
      let unitPath: string | undefined;
      if (unitId) {
        const unit = await db
          .selectFrom('org_units')
          .select('path')
          .where('id', '=', unitId)
          .executeTakeFirst();
        assertInScope(actor, unit?.path, '单位', unitId);
        unitPath = unit!.path;
      }
      const { rows, total } = await repo.list(db, actor, { unitPath, period, page, pageSize });
      return {
        items: rows.map(presentStoredReport),
        total,
        actions: actor.permissions.has('assessment.manage') ? ['generate'] : [],
      };
    },
  );

  app.get(
    '/api/assessment/reports/:id/file',
    {
      schema: {
        tags,
        summary: '下载已生成的月度考核报告 (the stored PDF or .xlsx; 404 outside my scope)',
        params: IdParams,
        querystring: Type.Object({
          format: Type.Optional(Type.Union([Type.Literal('pdf'), Type.Literal('xlsx')])),
        }),
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'assessment.view');
      const format = request.query.format ?? 'pdf';
      const row = await repo.file(db, actor, request.params.id, format);
      if (!row) throw notFound('考核报告', request.params.id);
      if (!row.bytes) {
        throw new AppError(409, 'pdf_missing', row.pdf_missing ?? '该报告没有 PDF (this report has no PDF)', {
          setting: 'WANGGE_PDF_FONT',
        });
      }
      await recordAudit(db, originOf(request), {
        userId: actor.userId,
        action: 'assessment.report.download',
        targetType: 'assessment_report',
        targetId: row.id,
        details: { unitId: row.unit_id, period: row.period, format },
      });
      return reply
        .header('content-type', CONTENT_TYPE[format])
        .header('content-disposition', attachment(`考核月报-${row.unit_name}-${row.period}.${format}`))
        .send(row.bytes);
    },
  );
}
