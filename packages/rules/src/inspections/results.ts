// The answers of one inspection against its checklist: every item answered exactly once, the
// outcome, and which case category a failed inspection is reported under.

export type InspectionItemResult = 'pass' | 'fail' | 'na';
export const INSPECTION_ITEM_RESULTS: readonly InspectionItemResult[] = ['pass', 'fail', 'na'];
export type InspectionOutcome = 'pass' | 'fail';

export interface ChecklistItemSpec {
  readonly key: string;
  /** The leaf case category a failure of this item is reported under; null: not a case matter. */
  readonly hazardCategoryCode: string | null;
}

export type InspectionResultsCheck =
  | { ok: true; outcome: InspectionOutcome; failedKeys: string[] }
  | { ok: false; field: string; reason: string; missing?: string[] };

/**
 * Checks answers against the checklist: an unknown or repeated key names its position
 * (`results[i].key`), unanswered items are listed under `results`. Failed keys come back in
 * checklist order, whatever order the answers arrived in.
 */
export function checkInspectionResults(
  items: readonly ChecklistItemSpec[],
  results: readonly { key: string; result: string }[],
): InspectionResultsCheck {
  const known = new Set(items.map((i) => i.key));
  const answers = new Map<string, string>();
  for (const [i, r] of results.entries()) {
    if (!known.has(r.key)) {
      return {
        ok: false,
        field: `results[${i}].key`,
        reason: `检查项 ${r.key} 不在该检查表中 (unknown item)`,
      };
    }
    if (answers.has(r.key)) {
      return {
        ok: false,
        field: `results[${i}].key`,
        reason: `检查项 ${r.key} 重复作答 (item answered twice)`,
      };
    }
    if (!(INSPECTION_ITEM_RESULTS as readonly string[]).includes(r.result)) {
      return {
        ok: false,
        field: `results[${i}].result`,
        reason: `结果须为 pass、fail 或 na (result must be pass, fail or na)`,
      };
    }
    answers.set(r.key, r.result);
  }
  const missing = items.filter((i) => !answers.has(i.key)).map((i) => i.key);
  if (missing.length) {
    return {
      ok: false,
      field: 'results',
      reason: `尚有检查项未作答：${missing.join('、')} (items not answered: ${missing.join(', ')})`,
      missing,
    };
  }
  const failedKeys = items.filter((i) => answers.get(i.key) === 'fail').map((i) => i.key);
  return { ok: true, outcome: failedKeys.length ? 'fail' : 'pass', failedKeys };
}

/** The category of the first failed item (checklist order) that has one; null if none does. */
export function hazardCategoryFor(
  items: readonly ChecklistItemSpec[],
  failedKeys: readonly string[],
): string | null {
  const failed = new Set(failedKeys);
  return items.find((i) => failed.has(i.key) && i.hazardCategoryCode !== null)?.hazardCategoryCode ?? null;
}
