// The monthly assessment report (issue 13 §8) as .xlsx (and report-pdf.ts as PDF), on demand: the workers' ranking, the top
// ten, departments and dispatchers ranked, and the child units' rates (the scorecard) — straight
// from the assessment module's rankingsFor / scorecardOf, so the figures are the screens' figures.
import { monthRange } from '@wangge/rules';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { rankingsFor, scorecardOf } from '../assessment/operations.ts';
import { chinaMinute, personOf, watermark } from '../registers/privacy/watermark.ts';
import { monthlyReportPdf } from './report-pdf.ts';

type Ranking = Awaited<ReturnType<typeof rankingsFor>>;

function rankingSheet(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  items: Ranking['items'],
  footer: string,
) {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 2 }],
    headerFooter: { oddFooter: `&L${footer.replaceAll('&', '&&')}&R第 &P 页，共 &N 页` },
  });
  ws.addRow([title]).font = { bold: true, size: 13 };
  ws.addRow(['名次', '姓名/名称', '所属单位', '综合得分', '等级', '约谈']).font = { bold: true };
  for (const i of items) {
    ws.addRow([
      i.rank,
      i.subject.name,
      i.subject.unitName,
      i.composite ?? '',
      i.grade ?? '',
      i.flaggedForTalk ? '是' : '',
    ]);
  }
  ws.columns.forEach((c, i) => {
    c.width = [8, 16, 22, 12, 8, 8][i] ?? 12;
  });
}

/** The month's figures for the report, read through the screens' own operations. */
export async function monthlyReportData(options: { db: Db; actor: Actor; period: string; unitId?: string }) {
  const { db, actor, period, unitId } = options;
  const [workers, departments, dispatchers, scorecard] = await Promise.all([
    rankingsFor({ db, actor, period, unitId, subject: 'worker' }),
    rankingsFor({ db, actor, period, unitId, subject: 'department' }),
    rankingsFor({ db, actor, period, unitId, subject: 'dispatcher' }),
    scorecardOf({ db, actor, period, unitId }),
  ]);
  const inspections = await inspectionFigures(db, workers.unit.id, period);
  return { period, workers, departments, dispatchers, scorecard, inspections };
}

const HANDLED_STATES = ['handled', 'verified', 'closed', 'evaluated', 'archived'];

/**
 * The venue inspections of the month under the unit, as the seeds quote them (Baotun: 28,979
 * inspections, 1,895 hazards found, 1,879 handled = 99.1 %): a failed inspection is a hazard found
 * (it reported one case); it is handled once that case has been handled.
 */
async function inspectionFigures(db: Db, unitId: string, period: string) {
  const { from, to } = monthRange(period);
  const row = await db
    .selectFrom('inspections as i')
    .innerJoin('org_units as o', (j) => j.on('o.id', '=', unitId))
    .leftJoin('cases as c', 'c.id', 'i.case_id')
    .select([
      sql<number>`count(*)::int`.as('done'),
      sql<number>`count(*) FILTER (WHERE i.outcome = 'fail')::int`.as('hazards'),
      sql<number>`count(*) FILTER (WHERE i.outcome = 'fail' AND c.state = ANY (${HANDLED_STATES}::text[]))::int`.as(
        'handled',
      ),
    ])
    .where(sql<boolean>`i.grid_path >= o.path AND i.grid_path < o.path || '~'`)
    .where('i.observed_at', '>=', from)
    .where('i.observed_at', '<', to)
    .executeTakeFirstOrThrow();
  return { ...row, handledRate: rate(row.handled, row.hazards) };
}

/** A share in per cent to one decimal; null without a denominator. */
const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
export type MonthlyReportData = Awaited<ReturnType<typeof monthlyReportData>>;

export async function monthlyReportWorkbook(options: {
  db: Db;
  actor: Actor;
  period: string;
  unitId?: string;
  at?: Date;
  /** The figures when already read (the stored monthly reports make the PDF from the same). */
  data?: MonthlyReportData;
}): Promise<{ buffer: Buffer; unitName: string }> {
  const { actor, period } = options;
  const at = options.at ?? new Date();
  const { workers, departments, dispatchers, scorecard, inspections } =
    options.data ?? (await monthlyReportData(options));
  const wb = new ExcelJS.Workbook();
  const who = personOf(actor);
  wb.creator = who;
  wb.created = at;
  wb.description = `${who}于 ${chinaMinute(at)} 导出，仅限工作使用 (exported by ${actor.username})`;
  const mark = watermark('导出人', actor, at);
  const unit = workers.unit.name;
  const state = workers.frozen ? '已冻结' : '未冻结（数据可能变动）';
  rankingSheet(wb, '十佳网格员', `${unit} ${period} 十佳网格员 · ${state}`, workers.topTen, mark);
  rankingSheet(
    wb,
    '网格员排名',
    `${unit} ${period} 网格员考核排名（共 ${workers.total} 人）`,
    workers.items,
    mark,
  );
  rankingSheet(wb, '部门排名', `${unit} ${period} 职能部门考核排名`, departments.items, mark);
  rankingSheet(wb, '调度员排名', `${unit} ${period} 调度员考核排名`, dispatchers.items, mark);
  const ws = wb.addWorksheet('单位指标', {
    headerFooter: { oddFooter: `&L${mark.replaceAll('&', '&&')}&R第 &P 页，共 &N 页` },
  });
  ws.addRow([`${scorecard.unit.name} ${period} 下级单位指标`]).font = { bold: true, size: 13 };
  ws.addRow([
    '单位',
    ...scorecard.indicators.map((i) => `${i.name}（目标 ${i.target}）`),
    '综合得分',
    '等级',
  ]).font = {
    bold: true,
  };
  for (const row of scorecard.rows) {
    ws.addRow([
      row.unit.name,
      ...scorecard.indicators.map((i) => row.values[i.code]?.value ?? ''),
      row.composite ?? '',
      row.grade ?? '',
    ]);
  }
  ws.columns.forEach((c, i) => {
    c.width = i === 0 ? 20 : 16;
  });
  const checks = wb.addWorksheet('场所检查', {
    headerFooter: { oddFooter: `&L${mark.replaceAll('&', '&&')}&R第 &P 页，共 &N 页` },
  });
  checks.addRow([`${unit} ${period} 场所检查`]).font = { bold: true, size: 13 };
  checks.addRow(['检查次数', '发现隐患', '已整改', '整改率（%）']).font = { bold: true };
  checks.addRow([inspections.done, inspections.hazards, inspections.handled, inspections.handledRate ?? '']);
  checks.columns.forEach((c) => {
    c.width = 14;
  });
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), unitName: unit };
}

/** The month's report as a file: the .xlsx for payroll and analysis, or the PDF for the meeting. */
export async function monthlyReport(options: {
  db: Db;
  actor: Actor;
  period: string;
  unitId?: string;
  format: 'xlsx' | 'pdf';
  font: { path: string | null; face: string | null };
  at?: Date;
}): Promise<{ buffer: Buffer; unitName: string; contentType: string }> {
  const at = options.at ?? new Date();
  if (options.format === 'xlsx') {
    return {
      ...(await monthlyReportWorkbook({ ...options, at })),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }
  const data = await monthlyReportData(options);
  return {
    buffer: await monthlyReportPdf({ data, actor: options.actor, at, font: options.font }),
    unitName: data.workers.unit.name,
    contentType: 'application/pdf',
  };
}
