import { checkInspectionResults, hazardCategoryFor, type InspectionItemResult } from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import { lockIdempotencyKey } from '../../db/idempotency.ts';
import type { InspectionResultJson } from '../../db/schema.ts';
import { badRequest, conflict, unprocessable } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { assertInScope } from '../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import type { CalendarService } from '../cases/calendar-service.ts';
import { observedAtOf, reportCase } from '../cases/report-case.ts';
import type { GridIndex } from '../grids/grid-index.ts';
import type { Outbox } from '../notifications/notify.ts';
import {
  type ChecklistWithItems,
  inspectionRepository as repo,
  type UnitForInspection,
} from './repository.ts';

export interface InspectionInput {
  unitId: string;
  checklistCode: string;
  /** When it was done on the device (offline); bounded like a case report's observedAt. */
  observedAt?: string;
  lon?: number;
  lat?: number;
  note?: string;
  results: { key: string; result: InspectionItemResult; note?: string; photoIds?: string[] }[];
  /** Report failed items as a case (default); false when the hazard is handled another way. */
  reportCase?: boolean;
}

/**
 * Records one inspection of a venue against a checklist. Failed items become one case of the
 * closed loop, reported in the same transaction through reportCase, so an inspection never exists
 * without the case it found or the other way round. The same idempotency key returns the
 * inspection recorded the first time (created: false), also when two retries race.
 */
export async function performInspection(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  gridIndex: GridIndex;
  calendars: CalendarService;
  outbox: Outbox;
  input: InspectionInput;
  idempotencyKey: string;
}): Promise<{ inspectionId: string; created: boolean }> {
  const { actor, input, idempotencyKey } = options;
  return options.db.transaction().execute(async (trx) => {
    await lockIdempotencyKey(trx, 'inspection', actor.userId, idempotencyKey);
    const existing = await repo.byKey(trx, actor.userId, idempotencyKey);
    if (existing) return { inspectionId: existing.id, created: false };

    const unit = await repo.unit(trx, input.unitId);
    assertInScope(actor, unit?.grid_path, '单位', input.unitId);
    if (unit!.retired_at) {
      throw conflict('该单位已注销，不能检查 (the unit is retired)', { field: 'unitId' });
    }
    const checklist = await repo.checklist(trx, input.checklistCode);
    if (!checklist) {
      throw badRequest('checklistCode', `没有检查表 ${input.checklistCode} (unknown checklist)`);
    }
    if (!checklist.unit_kinds.includes(unit!.kind)) {
      throw unprocessable(
        'checklist_not_applicable',
        `${checklist.name_zh}不适用于该类单位 (the checklist does not apply to ${unit!.kind} units)`,
        { field: 'checklistCode', unitKind: unit!.kind, unitKinds: checklist.unit_kinds },
      );
    }
    const items = checklist.items.map((i) => ({ key: i.key, hazardCategoryCode: i.hazard_category_code }));
    const check = checkInspectionResults(items, input.results);
    if (!check.ok) {
      throw badRequest(check.field, check.reason, check.missing ? { missing: check.missing } : {});
    }
    const now = Date.now();
    const observedAt = observedAtOf(input.observedAt, now) ?? new Date(now);
    await checkPhotos(trx, actor, input.results);

    const category = input.reportCase === false ? null : hazardCategoryFor(items, check.failedKeys);
    const caseId = category
      ? await reportHazard({
          ...options,
          trx,
          unit: unit!,
          checklist,
          categoryCode: category,
          failed: check.failedKeys,
        })
      : null;

    const labels = new Map(checklist.items.map((i) => [i.key, i]));
    const results: InspectionResultJson[] = input.results.map((r) => ({
      key: r.key,
      labelZh: labels.get(r.key)!.label_zh,
      labelEn: labels.get(r.key)!.label_en,
      result: r.result,
      note: r.note?.trim() || null,
      photoIds: [...new Set(r.photoIds ?? [])],
    }));
    const { id } = await repo.insert(trx, {
      unit_id: unit!.id,
      checklist_code: checklist.code,
      inspector_id: actor.userId,
      grid_id: unit!.grid_id,
      grid_path: unit!.grid_path,
      observed_at: observedAt,
      outcome: check.outcome,
      failed_count: check.failedKeys.length,
      results: JSON.stringify(results),
      note: input.note?.trim() || null,
      lon: input.lon ?? null,
      lat: input.lat ?? null,
      case_id: caseId,
      idempotency_key: idempotencyKey,
    });
    await repo.insertPhotos(
      trx,
      results.flatMap((r) =>
        r.photoIds.map((p) => ({ attachment_id: p, inspection_id: id, item_key: r.key })),
      ),
    );
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'inspections.perform',
      targetType: 'inspection',
      targetId: id,
      details: {
        unitId: unit!.id,
        checklistCode: checklist.code,
        outcome: check.outcome,
        failed: check.failedKeys,
        caseId,
      },
    });
    return { inspectionId: id, created: true };
  });
}

/** Photos must be the caller's own uploads that no case, errand or inspection uses yet, each once. */
async function checkPhotos(trx: Db, actor: Actor, results: InspectionInput['results']) {
  const all = results.flatMap((r) => r.photoIds ?? []);
  const unused = await repo.unusedPhotosOf(trx, actor.userId, [...new Set(all)]);
  const seen = new Set<string>();
  for (const [i, r] of results.entries()) {
    const own = new Set(r.photoIds ?? []);
    const bad = [...own].filter((id) => !unused.has(id) || seen.has(id));
    if (bad.length) {
      throw badRequest(
        `results[${i}].photoIds`,
        `照片 ${bad.join(', ')} 不存在、不是您上传的或已被使用 (unknown, not your upload, or already used)`,
        { invalid: bad },
      );
    }
    for (const id of own) seen.add(id);
  }
}

/** One case for the failed items, at the given point or the unit's own, with their photos. */
async function reportHazard(options: {
  trx: Db;
  actor: Actor;
  origin: AuditOrigin;
  gridIndex: GridIndex;
  calendars: CalendarService;
  outbox: Outbox;
  input: InspectionInput;
  unit: UnitForInspection;
  checklist: ChecklistWithItems;
  categoryCode: string;
  failed: string[];
}): Promise<string> {
  const { input, unit, checklist } = options;
  const lon = input.lon ?? unit.lon;
  const lat = input.lat ?? unit.lat;
  if (lon == null || lat == null) {
    throw unprocessable(
      'location_unknown',
      '该单位没有登记位置，请提交检查地点的经纬度 (the unit has no location: send lon and lat)',
      { field: 'lon' },
    );
  }
  const answers = new Map(input.results.map((r) => [r.key, r]));
  const failedItems = checklist.items.filter((i) => options.failed.includes(i.key));
  const lines = failedItems.map((item, n) => {
    const note = answers.get(item.key)?.note?.trim();
    return `${n + 1}. ${item.label_zh}${note ? `：${note}` : ''}`;
  });
  const description = [
    `${checklist.name_zh}发现隐患：${unit.name}${unit.address ? `（${unit.address}）` : ''}`,
    `未通过项：\n${lines.join('\n')}`,
    ...(input.note?.trim() ? [`备注：${input.note.trim()}`] : []),
  ].join('\n');
  const { caseId } = await reportCase({
    db: options.trx,
    actor: options.actor,
    origin: options.origin,
    gridIndex: options.gridIndex,
    calendars: options.calendars,
    outbox: options.outbox,
    input: {
      categoryCode: options.categoryCode,
      title: `${checklist.name_zh}未通过：${unit.name}`.slice(0, 100),
      description: description.slice(0, 2000),
      lon,
      lat,
      address: unit.address ?? undefined,
      source: 'patrol',
      photoIds: failedItems.flatMap((i) => answers.get(i.key)?.photoIds ?? []),
      observedAt: input.observedAt,
    },
    idempotencyKey: null,
  });
  return caseId;
}
