// The monthly assessment report (issue 13 §8) as .xlsx (and report-pdf.ts as PDF), on demand: the workers' ranking, the top
// ten, departments and dispatchers ranked, and the child units' rates (the scorecard) — straight
// from the assessment module's rankingsFor / scorecardOf, so the figures are the screens' figures.
import ExcelJS from 'exceljs';
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
  return { period, workers, departments, dispatchers, scorecard };
}
export type MonthlyReportData = Awaited<ReturnType<typeof monthlyReportData>>;

export async function monthlyReportWorkbook(options: {
  db: Db;
  actor: Actor;
  period: string;
  unitId?: string;
  at?: Date;
}): Promise<{ buffer: Buffer; unitName: string }> {
  const { actor, period } = options;
  const at = options.at ?? new Date();
  const { workers, departments, dispatchers, scorecard } = await monthlyReportData(options);
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
