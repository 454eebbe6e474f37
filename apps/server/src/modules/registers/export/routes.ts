// Excel export of the registers, streamed page by page (2,000 rows a query) through exceljs's
// streaming writer: within the caller's scope (and ?within=), ID and phone numbers masked as in
// every list, audited with the row count, marked with who exported it and when (properties and the
// printed footer). Special-group (and care-group) records are never exported: a file leaves the
// platform's access control, so the most sensitive data stays inside.
import { PassThrough } from 'node:stream';
import {
  FIRE_SAFETY_LEVELS,
  HOUSE_STRUCTURES,
  HOUSE_USES,
  maskIdNumber,
  maskPhone,
  RENTAL_HAZARD_LEVELS,
  RESIDENCE_ROLES,
  UNIT_KINDS,
  type VocabularyEntry,
} from '@wangge/rules';
import ExcelJS from 'exceljs';
import { Type } from 'typebox';
import type { Db } from '../../../db/database.ts';
import type { App } from '../../../http/app-types.ts';
import { tooManyRequests } from '../../../http/errors.ts';
import { Id } from '../../../http/schemas.ts';
import type { Actor } from '../../access/actor.ts';
import { authorize } from '../../access/authorize.ts';
import { hit } from '../../access/throttle.ts';
import { originOf, recordAudit } from '../../audit/record.ts';
import { ADDRESS_LEVEL_OPTIONS } from '../addresses/rules.ts';
import type { RegisterName } from '../import/columns.ts';
import { attachment, RegisterParam, registerOf } from '../import/routes.ts';
import { chinaMinute, personOf, watermark } from '../privacy/watermark.ts';
import { isoDate, type RegistersContext, resolveWithin } from '../shared.ts';
import { type ExportFilter, exportRepository as repo } from './repository.ts';

const tags = ['registers'];
const PAGE = 2000;

const label = (options: readonly VocabularyEntry[], key: string | null) =>
  key === null ? '' : (options.find((o) => o.key === key)?.labelZh ?? key);
const yes = (b: boolean) => (b ? '是' : '否');
const STATUS: Record<string, string> = {
  active: '在册',
  moved_out: '迁出',
  deregistered: '注销',
  deceased: '死亡',
};

interface Sheet {
  name: string;
  headers: [header: string, width: number][];
  /** One page of rows after `after`, as cell values, plus the last id. */
  page(db: Db, f: ExportFilter, after: string): Promise<{ rows: unknown[][]; last: string | null }>;
}

function sheets(ctx: RegistersContext): Record<RegisterName, Sheet> {
  const { cipher } = ctx;
  return {
    addresses: {
      name: '标准地址',
      // The import's headers, so an export can be read back; 完整地址 is for people, not the import.
      headers: [
        ['地址编码', 22],
        ['上级地址编码', 22],
        ['层级', 8],
        ['名称', 14],
        ['完整地址', 36],
        ['网格编码', 18],
        ['建筑编码', 22],
        ['经度', 12],
        ['纬度', 12],
        ['单元号', 8],
        ['楼层', 8],
        ['房号', 8],
      ],
      async page(db, f, after) {
        const rows = await repo.addresses(db, f, after, PAGE);
        return {
          last: rows.at(-1)?.id ?? null,
          rows: rows.map((a) => [
            a.code,
            a.parent_code ?? '',
            label(ADDRESS_LEVEL_OPTIONS, a.level),
            a.name,
            a.full_name,
            a.grid_code,
            a.building_code ?? '',
            a.lon ?? '',
            a.lat ?? '',
            a.unit_no ?? '',
            a.floor ?? '',
            a.room ?? '',
          ]),
        };
      },
    },
    people: {
      name: '实有人口',
      headers: [
        ['姓名', 10],
        ['性别', 6],
        ['出生日期', 12],
        ['身份证号码（脱敏）', 22],
        ['联系电话（脱敏）', 15],
        ['民族', 8],
        ['户籍地', 16],
        ['地址编码', 22],
        ['地址', 36],
        ['网格编码', 18],
        ['人员类别', 12],
        ['状态', 8],
      ],
      async page(db, f, after) {
        const rows = await repo.people(db, f, after, PAGE);
        return {
          last: rows.at(-1)?.id ?? null,
          rows: rows.map((p) => [
            p.name,
            p.gender === 'male' ? '男' : '女',
            isoDate(p.birth_date),
            maskIdNumber(cipher.decrypt(p.id_number_enc)),
            p.phone_enc ? maskPhone(cipher.decrypt(p.phone_enc)) : '',
            p.ethnicity ?? '',
            p.hukou_place ?? '',
            p.address_code ?? '',
            p.address ?? '',
            p.grid_code,
            (p.roles ?? '')
              .split(',')
              .filter(Boolean)
              .map((k) => label(RESIDENCE_ROLES, k))
              .join('、'),
            STATUS[p.status] ?? p.status,
          ]),
        };
      },
    },
    houses: {
      name: '实有房屋',
      headers: [
        ['地址编码', 22],
        ['地址', 36],
        ['网格编码', 18],
        ['房屋用途', 10],
        ['建筑结构', 18],
        ['建筑面积（平方米）', 12],
        ['是否出租', 8],
        ['隐患等级', 10],
        ['是否危房', 8],
        ['备注', 20],
      ],
      async page(db, f, after) {
        const rows = await repo.houses(db, f, after, PAGE);
        return {
          last: rows.at(-1)?.id ?? null,
          rows: rows.map((h) => [
            h.address_code,
            h.address,
            h.grid_code,
            label(HOUSE_USES, h.use),
            label(HOUSE_STRUCTURES, h.structure),
            h.area_m2 === null ? '' : Number(h.area_m2),
            yes(h.is_rental),
            label(RENTAL_HAZARD_LEVELS, h.rental_hazard),
            yes(h.is_dangerous),
            h.note ?? '',
          ]),
        };
      },
    },
    units: {
      name: '实有单位',
      headers: [
        ['单位名称', 24],
        ['单位类别', 10],
        ['统一社会信用代码', 22],
        ['从业人数', 8],
        ['消防安全等级', 16],
        ['地址编码', 22],
        ['地址', 36],
        ['网格编码', 18],
      ],
      async page(db, f, after) {
        const rows = await repo.units(db, f, after, PAGE);
        return {
          last: rows.at(-1)?.id ?? null,
          rows: rows.map((u) => [
            u.name,
            label(UNIT_KINDS, u.kind),
            u.credit_code ?? '',
            u.employees,
            label(FIRE_SAFETY_LEVELS, u.fire_safety_level),
            u.address_code ?? '',
            u.address ?? '',
            u.grid_code,
          ]),
        };
      },
    },
  };
}

/** Who exported, and when, in the file's properties; the returned text goes on every page. */
function markWorkbook(wb: ExcelJS.Workbook, actor: Actor, at: Date): string {
  const who = personOf(actor);
  wb.creator = who;
  wb.lastModifiedBy = who;
  wb.created = at;
  wb.modified = at;
  wb.description = `${who}于 ${chinaMinute(at)} 导出，仅限工作使用，不得外传 (exported by ${actor.username}; for official use only)`;
  wb.keywords = `wangge-export user:${actor.username} user-id:${actor.userId} at:${at.toISOString()}`;
  return watermark('导出人', actor, at);
}

/** Printed footer: the watermark left, page numbers right ('&' is the format escape). */
function exportFooter(text: string): Partial<ExcelJS.HeaderFooter> {
  return { oddFooter: `&L${text.replaceAll('&', '&&')}&R第 &P 页，共 &N 页` };
}

export function registerExportRoutes(app: App, ctx: RegistersContext & { exportLimitPerHour: number }): void {
  const { db, exportLimitPerHour } = ctx;
  const all = sheets(ctx);

  app.get(
    '/api/registers/export/:register',
    {
      schema: {
        tags,
        summary:
          '导出 Excel (streamed; my scope, within= an org unit; ID/phone masked; special groups never exported; audited)',
        params: RegisterParam,
        querystring: Type.Object({ within: Type.Optional(Id) }),
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registers.read');
      const register = registerOf(request.params.register);
      // Bulk personal data: a stolen session must not become a way to copy the registers out.
      const limit = await hit(db, {
        key: `register-export|${actor.userId}`,
        limit: exportLimitPerHour,
        windowSeconds: 3600,
      });
      if (!limit.allowed) {
        throw tooManyRequests(
          'too_many_requests',
          `导出过于频繁，每小时最多 ${exportLimitPerHour} 次，请稍后再试 (at most ${exportLimitPerHour} exports an hour; try later)`,
          limit.retryAfterSeconds,
        );
      }
      const withinPath = await resolveWithin(db, actor, request.query.within);
      const filter: ExportFilter = { actor, withinPath };
      // The rows come from the read handle (a replica when configured); limit and audit are writes.
      const source = ctx.reads.for(request);
      const total = await repo.count(source, register, filter);
      // Personal data leaving the platform: audited before the first byte.
      await recordAudit(db, originOf(request), {
        userId: actor.userId,
        action: 'registers.export',
        targetType: register,
        targetId: request.query.within ?? null,
        details: { register, within: request.query.within ?? null, rows: total },
      });
      const sheet = all[register];
      const out = new PassThrough();
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out,
        useStyles: true,
        useSharedStrings: false,
      });
      const ws = wb.addWorksheet(sheet.name, {
        views: [{ state: 'frozen', ySplit: 1 }],
        headerFooter: exportFooter(markWorkbook(wb, actor, new Date())),
      });
      ws.columns = sheet.headers.map(([header, width]) => ({ header, width }));
      ws.getRow(1).font = { bold: true };
      ws.getRow(1).commit();
      void (async () => {
        let after = '0';
        for (;;) {
          const { rows, last } = await sheet.page(source, filter, after);
          for (const r of rows) ws.addRow(r).commit();
          if (!last || rows.length < PAGE) break;
          after = last;
          // Let the zip stream drain before the next page.
          if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
        }
        ws.commit();
        await wb.commit();
      })().catch((err) => {
        request.log.error({ err }, 'register export failed');
        out.destroy(err as Error);
      });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachment(`${sheet.name}.xlsx`))
        .send(out);
    },
  );
}
