import { isMonth, label } from '@wangge/rules';
import ExcelJS from 'exceljs';
import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { badRequest } from '../../http/errors.ts';
import { Id } from '../../http/schemas.ts';
import type { Actor } from '../access/actor.ts';
import { assertInScope, authorize } from '../access/authorize.ts';
import { originOf, recordAudit } from '../audit/record.ts';
import { attachment } from '../registers/import/routes.ts';
import { chinaMinute, personOf, watermark } from '../registers/privacy/watermark.ts';
import {
  type BonusSchemeRow,
  type ComputedSheet,
  computeBonusSheet,
  bonusRepository as repo,
} from './bonus-sheet.ts';
import { BONUS_COUNTS } from './counts.ts';
import { monthlyReport } from './report.ts';
import { BonusItemSchema, BonusScheme, BonusSchemeList, BonusSheetResponse } from './schemas.ts';

const tags = ['assessment'];
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' });

function presentScheme(row: BonusSchemeRow) {
  return {
    id: row.id,
    unitId: row.unit_id,
    effectiveFrom: row.effective_from,
    items: row.items.map((i) => ({ count: i.count, amountFen: i.amountFen, cap: i.cap ?? null })),
    note: row.note,
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The unit asked for (in scope, else 404), or the caller's top unit. */
async function unitOf(db: AppContext['db'], actor: Actor, unitId: string | undefined) {
  if (unitId) {
    const unit = await repo.unit(db, unitId);
    assertInScope(actor, unit?.path, '单位', unitId);
    return unit!;
  }
  const top = [...actor.scopePaths].sort((a, b) => a.length - b.length)[0];
  const unit = top
    ? await db
        .selectFrom('org_units')
        .select(['id', 'name', 'level', 'path'])
        .where('path', '=', top)
        .executeTakeFirst()
    : undefined;
  if (!unit) throw badRequest('unitId', '请选择单位 (choose a unit)');
  return unit;
}

const yuan = (fen: number) => fen / 100;

/** The sheet as a workbook for payroll, marked with who exported it and when. */
export async function bonusWorkbook(sheet: ComputedSheet, actor: Actor, at: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const who = personOf(actor);
  wb.creator = who;
  wb.lastModifiedBy = who;
  wb.created = at;
  wb.modified = at;
  wb.description = `${who}于 ${chinaMinute(at)} 导出，仅限工作使用，不得外传 (exported by ${actor.username}; for official use only)`;
  wb.keywords = `wangge-export user:${actor.username} user-id:${actor.userId} at:${at.toISOString()}`;
  const mark = watermark('导出人', actor, at);
  const ws = wb.addWorksheet(`奖惩表 ${sheet.period}`, {
    views: [{ state: 'frozen', ySplit: 2 }],
    headerFooter: { oddFooter: `&L${mark.replaceAll('&', '&&')}&R第 &P 页，共 &N 页` },
  });
  ws.addRow([`${sheet.unit.name} ${sheet.period} 网格员奖惩表（金额单位：元）`]);
  ws.getRow(1).font = { bold: true, size: 13 };
  const headers = ['网格员', '账号', '所属网格'];
  for (const item of sheet.items) {
    const name = label('eventCount', item.count, 'zh');
    headers.push(
      `${name}（次）`,
      `${name}（${yuan(item.amountFen)} 元/次${item.cap ? `，上限 ${item.cap} 次` : ''}）`,
    );
  }
  headers.push('奖励合计', '扣罚合计', '应发合计');
  ws.addRow(headers).font = { bold: true };
  for (const row of sheet.rows) {
    const cells: (string | number)[] = [row.worker.name, row.worker.username, row.worker.unitName];
    for (const item of sheet.items) {
      const line = row.lines.find((l) => l.count === item.count && l.amountFen === item.amountFen);
      cells.push(line?.counted ?? 0, yuan(line?.totalFen ?? 0));
    }
    cells.push(yuan(row.bonusFen), yuan(row.deductionFen), yuan(row.totalFen));
    ws.addRow(cells);
  }
  const totals: (string | number)[] = ['合计', '', ''];
  for (const item of sheet.items) {
    const lines = sheet.rows.map((r) =>
      r.lines.find((l) => l.count === item.count && l.amountFen === item.amountFen),
    );
    totals.push(
      lines.reduce((s, l) => s + (l?.counted ?? 0), 0),
      yuan(lines.reduce((s, l) => s + (l?.totalFen ?? 0), 0)),
    );
  }
  totals.push(yuan(sheet.totals.bonusFen), yuan(sheet.totals.deductionFen), yuan(sheet.totals.totalFen));
  ws.addRow(totals).font = { bold: true };
  ws.addRow([]);
  ws.addRow([mark]).font = { italic: true, color: { argb: 'FF888888' } };
  ws.columns.forEach((col, i) => {
    col.width = i < 3 ? 16 : 14;
  });
  for (let c = 4; c <= headers.length; c++) {
    if ((c - 4) % 2 === 1 || c > headers.length - 3) ws.getColumn(c).numFmt = '0.00';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function registerBonusRoutes(app: App, { db, config }: AppContext): void {
  app.get(
    '/api/assessment/bonus-items',
    {
      schema: {
        tags,
        summary: '奖惩项目配置 (the bonus schemes of the district of a unit, every version, newest first)',
        querystring: Type.Object({ unitId: Type.Optional(Id) }),
        response: { 200: BonusSchemeList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'assessment.view');
      const unit = await unitOf(db, actor, request.query.unitId);
      const districts = await repo.districtsAround(db, unit.path);
      const rows = await repo.schemes(
        db,
        districts.map((d) => d.id),
      );
      return {
        unit: { id: unit.id, name: unit.name, level: unit.level },
        items: rows.map(presentScheme),
        counts: [...BONUS_COUNTS],
        actions: actor.permissions.has('assessment.manage') ? ['create'] : [],
      };
    },
  );

  app.post(
    '/api/assessment/bonus-items',
    {
      schema: {
        tags,
        summary: '新建奖惩项目版本 (a district’s items from a month on; earlier versions are kept)',
        body: Type.Object(
          {
            unitId: Id,
            effectiveFrom: Month,
            items: Type.Array(BonusItemSchema, { maxItems: 30 }),
            note: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: BonusScheme },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'assessment.manage');
      const { unitId, effectiveFrom, items, note } = request.body;
      const unit = await repo.unit(db, unitId);
      assertInScope(actor, unit?.path, '单位', unitId);
      if (unit!.level !== 'district') {
        throw badRequest('unitId', '奖惩项目按区县设置 (bonus items are set per district)', {
          level: unit!.level,
        });
      }
      items.forEach((item, i) => {
        if (!BONUS_COUNTS.includes(item.count)) {
          throw badRequest(`items/${i}/count`, `未知统计项 ${item.count} (unknown event count)`);
        }
      });
      const id = await db.transaction().execute(async (trx) => {
        const id = await repo.insert(trx, {
          unitId,
          effectiveFrom,
          items: items.map((i) => ({ count: i.count, amountFen: i.amountFen, cap: i.cap ?? null })),
          note: note ?? '',
          by: actor.userId,
        });
        await recordAudit(trx, originOf(request), {
          userId: actor.userId,
          action: 'assessment.bonus_items.created',
          targetType: 'assessment_bonus_scheme',
          targetId: id,
          details: { unitId, effectiveFrom, items: items.length },
        });
        return id;
      });
      const row = (await repo.schemes(db, [unitId])).find((s) => s.id === id)!;
      reply.code(201);
      return presentScheme(row);
    },
  );

  app.get(
    '/api/assessment/bonuses',
    {
      schema: {
        tags,
        summary:
          '月度奖惩表 (each worker of a unit: event counts × the district’s items, in fen; format=xlsx for payroll)',
        querystring: Type.Object({
          period: Month,
          unitId: Type.Optional(Id),
          format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')])),
        }),
        response: { 200: BonusSheetResponse },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'assessment.view');
      if (!isMonth(request.query.period)) throw badRequest('period', '月份格式 YYYY-MM (a month)');
      const unit = await unitOf(db, actor, request.query.unitId);
      const sheet = await computeBonusSheet({ db, unit, period: request.query.period });
      if (request.query.format !== 'xlsx') return sheet;
      await recordAudit(db, originOf(request), {
        userId: actor.userId,
        action: 'assessment.bonuses.export',
        targetType: 'org_unit',
        targetId: unit.id,
        details: { period: sheet.period, rows: sheet.rows.length },
      });
      const body = await bonusWorkbook(sheet, actor, new Date());
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachment(`奖惩表-${unit.name}-${sheet.period}.xlsx`))
        .send(body as never);
    },
  );

  app.get(
    '/api/assessment/reports/:period',
    {
      schema: {
        tags,
        summary:
          '月度考核报告 (.xlsx or PDF: top ten, the grade distribution, rankings of workers, departments and dispatchers, the child units’ rates)',
        params: Type.Object({ period: Month }),
        querystring: Type.Object({
          unitId: Type.Optional(Id),
          format: Type.Optional(Type.Union([Type.Literal('xlsx'), Type.Literal('pdf')])),
        }),
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'assessment.view');
      const format = request.query.format ?? 'xlsx';
      const { buffer, unitName, contentType } = await monthlyReport({
        db,
        actor,
        period: request.params.period,
        unitId: request.query.unitId,
        format,
        font: config.pdfFont,
      });
      await recordAudit(db, originOf(request), {
        userId: actor.userId,
        action: 'assessment.report.export',
        targetType: 'org_unit',
        targetId: request.query.unitId ?? null,
        details: { period: request.params.period, format },
      });
      return reply
        .header('content-type', contentType)
        .header('content-disposition', attachment(`考核月报-${unitName}-${request.params.period}.${format}`))
        .send(buffer);
    },
  );
}
