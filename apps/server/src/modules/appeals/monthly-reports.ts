// The monthly assessment report kept per district and month (issue 13 §8): the job on the 1st of
// each month (jobs.ts) and the on-demand route both call generateMonthlyReports, which makes the
// same .xlsx and PDF as GET /api/assessment/reports/:period, stores them (migration 0060) and
// tells the district's assessment managers, in one transaction per district.
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { pathInScope } from '../access/scope-sql.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { caseRepository } from '../cases/repository.ts';
import type { PushHub } from '../notifications/hub.ts';
import { flush, newOutbox, notifyUsers } from '../notifications/notify.ts';
import { monthlyReportData, monthlyReportWorkbook } from './report.ts';
import { monthlyReportPdf } from './report-pdf.ts';

export interface ReportFont {
  path: string | null;
  face: string | null;
}

/** Who is told a report is ready: whoever manages the assessment in the district's scope. */
export const REPORT_RECIPIENT_PERMISSION = 'assessment.manage';
const SYSTEM_ORIGIN: AuditOrigin = { ip: null, userAgent: 'monthly-reports job' };

/** The account of migration 0060 the reports are made as: it reads the district's assessment. */
async function reportActor(db: Db, districtPath: string): Promise<Actor> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('username', '=', 'system.reports')
    .executeTakeFirstOrThrow();
  return {
    userId: user.id,
    username: 'system.reports',
    displayName: user.display_name,
    roles: [],
    permissions: new Set(['assessment.view']),
    scopePaths: [districtPath],
    departmentIds: [],
    via: 'token',
    csrfToken: null,
    mustChangePassword: false,
  };
}

const LIST_COLUMNS = [
  'r.id',
  'r.unit_id',
  'r.unit_path',
  'o.name as unit_name',
  'r.period',
  'r.generated_at',
  'r.generated_by',
  'u.display_name as generated_by_name',
  'r.pdf_missing',
  sql<number | null>`octet_length(r.pdf)`.as('pdf_bytes'),
  sql<number>`octet_length(r.xlsx)`.as('xlsx_bytes'),
] as const;

export const reportRepository = {
  districts(db: Db, ids?: readonly string[]) {
    let q = db
      .selectFrom('org_units')
      .select(['id', 'name', 'path'])
      .where('level', '=', 'district')
      .orderBy('path');
    if (ids) q = q.where('id', 'in', ids.length ? ids : ['0']);
    return q.execute();
  },

  exists(db: Db, unitId: string, period: string) {
    return db
      .selectFrom('assessment_reports')
      .select('id')
      .where('unit_id', '=', unitId)
      .where('period', '=', period)
      .executeTakeFirst();
  },

  /** Writes the month's report; `replace` overwrites an existing one, else it is left (undefined back). */
  store(
    db: Db,
    values: {
      unitId: string;
      unitPath: string;
      period: string;
      by: string | null;
      pdf: Buffer | null;
      pdfMissing: string | null;
      xlsx: Buffer;
      replace: boolean;
    },
  ) {
    const row = {
      unit_id: values.unitId,
      unit_path: values.unitPath,
      period: values.period,
      generated_by: values.by,
      pdf: values.pdf,
      pdf_missing: values.pdfMissing,
      xlsx: values.xlsx,
    };
    return db
      .insertInto('assessment_reports')
      .values(row)
      .onConflict((oc) =>
        values.replace
          ? oc.columns(['unit_id', 'period']).doUpdateSet({
              unit_path: values.unitPath,
              generated_at: sql`now()`,
              generated_by: values.by,
              pdf: values.pdf,
              pdf_missing: values.pdfMissing,
              xlsx: values.xlsx,
            })
          : oc.columns(['unit_id', 'period']).doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
  },

  /** Stored reports the caller may read: of units in scope, around `unitPath` (above or below it). */
  list(
    db: Db,
    actor: Actor,
    filters: { unitPath?: string; period?: string; page: number; pageSize: number },
  ) {
    let q = db
      .selectFrom('assessment_reports as r')
      .innerJoin('org_units as o', 'o.id', 'r.unit_id')
      .leftJoin('users as u', 'u.id', 'r.generated_by')
      .where(pathInScope(actor, 'r.unit_path'));
    if (filters.unitPath) {
      const path = filters.unitPath;
      q = q.where(sql<boolean>`(r.unit_path LIKE ${path} || '%' OR ${path} LIKE r.unit_path || '%')`);
    }
    if (filters.period) q = q.where('r.period', '=', filters.period);
    return Promise.all([
      q
        .select(LIST_COLUMNS)
        .orderBy('r.period', 'desc')
        .orderBy('r.unit_path')
        .limit(filters.pageSize)
        .offset((filters.page - 1) * filters.pageSize)
        .execute(),
      q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]).then(([rows, { n }]) => ({ rows, total: n }));
  },

  listByIds(db: Db, ids: readonly string[]) {
    if (!ids.length) return Promise.resolve([]);
    return db
      .selectFrom('assessment_reports as r')
      .innerJoin('org_units as o', 'o.id', 'r.unit_id')
      .leftJoin('users as u', 'u.id', 'r.generated_by')
      .select(LIST_COLUMNS)
      .where('r.id', 'in', ids)
      .orderBy('r.unit_path')
      .execute();
  },

  /** One report's file when its unit is in the caller's scope. */
  file(db: Db, actor: Actor, id: string, format: 'pdf' | 'xlsx') {
    return db
      .selectFrom('assessment_reports as r')
      .innerJoin('org_units as o', 'o.id', 'r.unit_id')
      .select(['r.id', 'r.unit_id', 'r.period', 'r.pdf_missing', 'o.name as unit_name'])
      .select(format === 'pdf' ? 'r.pdf as bytes' : 'r.xlsx as bytes')
      .where('r.id', '=', id)
      .where(pathInScope(actor, 'r.unit_path'))
      .executeTakeFirst();
  },
};

export type StoredReportRow = Awaited<ReturnType<typeof reportRepository.listByIds>>[number];

/**
 * Makes and stores `period`'s report of every district (or of `unitIds`, districts only), and
 * notifies the assessment managers covering each. The scheduled run skips a district whose report
 * exists (a rerun never duplicates); on demand (`replace`) the report is made afresh. Without a
 * CJK font the .xlsx is stored alone with the reason. Pushes go out after each commit.
 */
export async function generateMonthlyReports(options: {
  db: Db;
  period: string;
  font: ReportFont;
  hub?: PushHub;
  unitIds?: readonly string[];
  replace?: boolean;
  /** The caller of an on-demand run (audited as them, and recorded on the report). */
  by?: Actor | null;
  origin?: AuditOrigin;
  now?: Date;
}): Promise<{ generated: string[]; skipped: string[] }> {
  const { db, period } = options;
  const replace = options.replace ?? false;
  const generated: string[] = [];
  const skipped: string[] = [];
  for (const district of await reportRepository.districts(db, options.unitIds)) {
    if (!replace && (await reportRepository.exists(db, district.id, period))) {
      skipped.push(district.id);
      continue;
    }
    const at = options.now ?? new Date();
    const actor = await reportActor(db, district.path);
    const data = await monthlyReportData({ db, actor, period, unitId: district.id });
    const { buffer: xlsx } = await monthlyReportWorkbook({
      db,
      actor,
      period,
      unitId: district.id,
      at,
      data,
    });
    let pdf: Buffer | null = null;
    let pdfMissing: string | null = null;
    try {
      pdf = await monthlyReportPdf({ data, actor, at, font: options.font });
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'pdf_font_missing')) throw err;
      pdfMissing = err.message;
    }
    const outbox = newOutbox();
    const id = await db.transaction().execute(async (trx) => {
      const stored = await reportRepository.store(trx, {
        unitId: district.id,
        unitPath: district.path,
        period,
        by: options.by?.userId ?? null,
        pdf,
        pdfMissing,
        xlsx,
        replace,
      });
      // Another process stored it meanwhile: theirs stands, and they told the managers.
      if (!stored) return null;
      const recipients = await caseRepository.usersCovering(trx, district.path, REPORT_RECIPIENT_PERMISSION);
      await notifyUsers(trx, outbox, {
        userIds: recipients.map((u) => u.id),
        caseId: null,
        kind: 'assessment_report.ready',
        subject: { zh: `${district.name} ${period}`, en: `${district.name} ${period}` },
        body: pdfMissing ? '仅生成 .xlsx：服务器缺少中文字体 (xlsx only: no CJK font for the PDF)' : '',
        link: `/assessment?period=${period}&unitId=${district.id}#monthly-reports`,
      });
      await recordAudit(trx, options.origin ?? SYSTEM_ORIGIN, {
        userId: options.by?.userId ?? actor.userId,
        action: 'assessment.report.generated',
        targetType: 'assessment_report',
        targetId: stored.id,
        details: {
          unitId: district.id,
          period,
          pdf: pdf !== null,
          replaced: replace,
          recipients: recipients.length,
        },
      });
      return stored.id;
    });
    if (options.hub) flush(options.hub, outbox);
    if (id) generated.push(id);
    else skipped.push(district.id);
  }
  return { generated, skipped };
}
