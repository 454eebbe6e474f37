// What validateExtraFields (groups.ts) needs of a field spec to work as its author meant: a spec
// that no value can satisfy (an enum without options, min above max) or that points nowhere (a
// notBefore naming no date field) is refused when it is configured, not found out by the first
// person whose record it blocks.

import type { ExtraFieldSpec } from './groups.ts';

export type FieldSpecsCheck = { ok: true } | { ok: false; field: string; reason: string };

const fail = (field: string, reason: string): FieldSpecsCheck => ({ ok: false, field, reason });

function checkNumberBounds(spec: ExtraFieldSpec, i: number): FieldSpecsCheck {
  const { min, max } = spec;
  if (min !== undefined && !Number.isFinite(min))
    return fail(`${i}.min`, '下限应为数字 (min must be a number)');
  if (max !== undefined && !Number.isFinite(max))
    return fail(`${i}.max`, '上限应为数字 (max must be a number)');
  if (min !== undefined && max !== undefined && min > max) {
    return fail(`${i}.max`, '上限不能小于下限 (max must not be below min)');
  }
  if (spec.integer && min !== undefined && max !== undefined && Math.ceil(min) > Math.floor(max)) {
    return fail(`${i}.max`, '上下限之间没有整数 (no whole number lies between min and max)');
  }
  return { ok: true };
}

/** The first problem of a list of field specs, named '<index>.<property>'. */
export function checkExtraFieldSpecs(specs: readonly ExtraFieldSpec[]): FieldSpecsCheck {
  const types = new Map<string, ExtraFieldSpec['type']>();
  for (const [i, spec] of specs.entries()) {
    if (types.has(spec.key))
      return fail(`${i}.key`, `字段 ${spec.key} 重复 (field ${spec.key} is listed twice)`);
    types.set(spec.key, spec.type);
  }
  for (const [i, spec] of specs.entries()) {
    if (spec.type === 'enum') {
      if (!spec.options?.length)
        return fail(`${i}.options`, '选项字段须列出选项 (an enum field needs options)');
      const seen = new Set<string>();
      for (const [j, option] of spec.options.entries()) {
        if (seen.has(option.key))
          return fail(`${i}.options.${j}.key`, `选项 ${option.key} 重复 (option listed twice)`);
        seen.add(option.key);
      }
    }
    if (spec.type === 'number') {
      const bounds = checkNumberBounds(spec, i);
      if (!bounds.ok) return bounds;
    }
    if (spec.format !== undefined && spec.type !== 'text') {
      return fail(`${i}.format`, '只有文字字段可指定格式 (only text fields have a format)');
    }
    if (spec.notBefore !== undefined) {
      if (spec.type !== 'date')
        return fail(`${i}.notBefore`, '只有日期字段可指定 notBefore (only date fields)');
      if (spec.notBefore === spec.key || types.get(spec.notBefore) !== 'date') {
        return fail(`${i}.notBefore`, `须为另一个日期字段 (must name another date field)`);
      }
    }
  }
  return { ok: true };
}
