import { iso, isoOrNull } from '../../http/schemas.ts';
import type { DueItem } from './due.ts';
import type { ChecklistWithItems, InspectionRow } from './repository.ts';

export function presentChecklist(row: ChecklistWithItems) {
  return {
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    unitKinds: row.unit_kinds,
    cycleDays: row.cycle_days,
    items: row.items.map((i) => ({
      key: i.key,
      labelZh: i.label_zh,
      labelEn: i.label_en,
      hazardCategoryCode: i.hazard_category_code,
    })),
  };
}

export function presentInspection(row: InspectionRow) {
  return {
    id: row.id,
    unit: { id: row.unit_id, name: row.unit_name, kind: row.unit_kind },
    checklistCode: row.checklist_code,
    checklistName: row.checklist_name,
    inspector: { id: row.inspector_id, name: row.inspector_name },
    observedAt: iso(row.observed_at),
    createdAt: iso(row.created_at),
    outcome: row.outcome,
    failedCount: row.failed_count,
    results: row.results.map((r) => ({
      key: r.key,
      labelZh: r.labelZh,
      labelEn: r.labelEn,
      result: r.result,
      note: r.note,
      photoIds: r.photoIds,
    })),
    note: row.note,
    caseId: row.case_id,
    caseCode: row.case_code,
    lon: row.lon,
    lat: row.lat,
    gridId: row.grid_id,
  };
}

export function presentDueItem(item: DueItem) {
  return {
    unit: {
      id: item.unit.id,
      name: item.unit.name,
      kind: item.unit.kind,
      fireSafetyLevel: item.unit.fire_safety_level,
      address: item.unit.address,
      gridId: item.unit.grid_id,
      gridName: item.unit.grid_name,
      lon: item.unit.lon,
      lat: item.unit.lat,
    },
    checklistCode: item.checklist_code,
    checklistName: item.checklist_name,
    cycleDays: item.cycleDays,
    lastInspectedAt: isoOrNull(item.last_observed_at),
    lastOutcome: item.last_outcome,
    dueOn: item.dueOn,
    status: item.status,
  };
}
