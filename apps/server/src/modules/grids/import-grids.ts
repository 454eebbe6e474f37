import {
  areaM2,
  bboxOf,
  childPath,
  type Geometry,
  parentCodeOf,
  parseGeometry,
  validateCode,
} from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { inScope } from '../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { gridRepository as repo } from './repository.ts';
import { checkCommunity, type ImportIssue, type TilingPart } from './tiling.ts';

export const MAX_IMPORT_FEATURES = 20_000;
/**
 * Overlaps grow with the square of the features (600 stacked squares are ~180,000 pairs): the
 * report lists the first issues and says how many there are.
 */
export const MAX_REPORTED_ISSUES = 200;

interface ParsedFeature {
  index: number;
  code: string;
  name: string | null;
  kind: 'base' | 'special' | null;
  specialType: string | null;
  households: number | null;
  geometry: Geometry;
}

export interface ImportReport {
  applied: boolean;
  dryRun: boolean;
  summary: {
    features: number;
    created: number;
    updated: number;
    unchanged: number;
    errors: number;
    warnings: number;
  };
  /** The first MAX_REPORTED_ISSUES issues, features in input order. */
  issues: ImportIssue[];
  /** How many issues were found in all. */
  total: number;
  truncated: boolean;
}

const SPECIAL_TYPES = new Set(['school', 'hospital', 'park', 'market', 'enterprise', 'other']);

function issue(
  index: number | null,
  code: string | null,
  rule: ImportIssue['rule'],
  message: string,
  severity: ImportIssue['severity'] = 'error',
): ImportIssue {
  return { featureIndex: index, code, severity, rule, message };
}

/** Structure and attributes of each feature; geometry topology via the shared rules. */
function parseFeature(raw: unknown, index: number, issues: ImportIssue[]): ParsedFeature | null {
  if (typeof raw !== 'object' || raw === null || (raw as { type?: unknown }).type !== 'Feature') {
    issues.push(
      issue(index, null, 'invalid_feature', `第 ${index + 1} 个要素不是 GeoJSON Feature (not a Feature)`),
    );
    return null;
  }
  const feature = raw as { properties?: unknown; geometry?: unknown };
  const props = (
    typeof feature.properties === 'object' && feature.properties !== null ? feature.properties : {}
  ) as Record<string, unknown>;
  const code =
    typeof props.code === 'string'
      ? props.code.trim()
      : typeof props.code === 'number'
        ? String(props.code)
        : null;
  if (!code) {
    issues.push(
      issue(index, null, 'invalid_code', `第 ${index + 1} 个要素缺少 properties.code (missing grid code)`),
    );
    return null;
  }
  const checked = validateCode(code, 'grid');
  if (!checked.ok) {
    issues.push(
      issue(index, code, 'invalid_code', `网格编码 ${code} 无效: ${checked.reason} (invalid grid code)`),
    );
    return null;
  }
  let ok = true;
  const name = props.name === undefined || props.name === null ? null : props.name;
  if (name !== null && (typeof name !== 'string' || name.trim() === '' || name.length > 100)) {
    issues.push(
      issue(
        index,
        code,
        'invalid_feature',
        `properties.name 须为 1–100 字的文本 (name must be 1–100 characters)`,
      ),
    );
    ok = false;
  }
  const kind = props.kind ?? null;
  if (kind !== null && kind !== 'base' && kind !== 'special') {
    issues.push(
      issue(
        index,
        code,
        'invalid_feature',
        `properties.kind 须为 base 或 special (kind must be base or special)`,
      ),
    );
    ok = false;
  }
  const specialType = props.specialType ?? null;
  if (kind === 'special' && (typeof specialType !== 'string' || !SPECIAL_TYPES.has(specialType))) {
    issues.push(
      issue(
        index,
        code,
        'invalid_feature',
        `专属网格须有 properties.specialType (${[...SPECIAL_TYPES].join('/')}) (special grids need specialType)`,
      ),
    );
    ok = false;
  }
  const households = props.households ?? null;
  if (
    households !== null &&
    (!Number.isInteger(households) || (households as number) < 0 || (households as number) > 100_000)
  ) {
    issues.push(
      issue(
        index,
        code,
        'invalid_feature',
        `properties.households 须为非负整数 (households must be a non-negative integer)`,
      ),
    );
    ok = false;
  }
  const parsed = parseGeometry(feature.geometry);
  if (!parsed.ok) {
    for (const g of parsed.issues) {
      issues.push(issue(index, code, g.rule, `${g.message}${g.path ? ` @ ${g.path}` : ''}`));
    }
    return null;
  }
  if (!ok) return null;
  return {
    index,
    code,
    name: name as string | null,
    kind: kind as ParsedFeature['kind'],
    specialType: kind === 'special' ? (specialType as string) : null,
    households: households as number | null,
    geometry: parsed.geometry,
  };
}

function sameGeometry(a: Geometry | null, b: Geometry): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Validates a whole FeatureCollection of grid boundaries against the registry's rules and,
 * unless it is a dry run or anything is wrong, applies it in one transaction: nothing is ever
 * half imported. Validation runs inside the same transaction, under locks on the communities
 * touched, so what was checked is what gets written.
 */
export async function importGrids(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  collection: { type: string; features: unknown[] };
  dryRun: boolean;
  allowGaps: boolean;
}): Promise<ImportReport> {
  const { actor } = options;
  const issues: ImportIssue[] = [];
  const features: ParsedFeature[] = [];
  const seen = new Map<string, number>();
  options.collection.features.forEach((raw, index) => {
    const parsed = parseFeature(raw, index, issues);
    if (!parsed) return;
    const first = seen.get(parsed.code);
    if (first !== undefined) {
      issues.push(
        issue(
          index,
          parsed.code,
          'duplicate_code',
          `网格编码 ${parsed.code} 与第 ${first + 1} 个要素重复 (duplicate code)`,
        ),
      );
      return;
    }
    seen.set(parsed.code, index);
    features.push(parsed);
  });

  const summary = {
    features: options.collection.features.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors: 0,
    warnings: 0,
  };
  const rollback = new Error('dry run');
  let applied = false;
  try {
    await options.db.transaction().execute(async (trx) => {
      const byCommunity = new Map<string, ParsedFeature[]>();
      for (const f of features) {
        const communityCode = parentCodeOf(f.code)!;
        const group = byCommunity.get(communityCode);
        if (group) group.push(f);
        else byCommunity.set(communityCode, [f]);
      }
      const writes: (() => Promise<void>)[] = [];
      for (const [communityCode, group] of [...byCommunity].sort(([a], [b]) => a.localeCompare(b))) {
        const community = await trx
          .selectFrom('org_units')
          .select(['id', 'path', 'level'])
          .where('code', '=', communityCode)
          .executeTakeFirst();
        if (community?.level !== 'community' || !inScope(actor, community.path)) {
          for (const f of group) {
            issues.push(
              issue(
                f.index,
                f.code,
                'unknown_community',
                `社区 ${communityCode} 不存在或不在您的管辖范围内 (unknown community)`,
              ),
            );
          }
          continue;
        }
        await repo.lockCommunity(trx, community.id);
        const existing = await repo.communityGrids(trx, community.id);
        const existingByCode = new Map(existing.map((g) => [g.code, g]));
        const incoming = new Map(group.map((f) => [f.code, f]));
        const parts: TilingPart[] = [
          ...existing
            .filter((g) => !incoming.has(g.code) && g.geometry)
            .map((g) => ({ code: g.code, geometry: g.geometry!, featureIndex: null })),
          ...group.map((f) => ({ code: f.code, geometry: f.geometry, featureIndex: f.index })),
        ];
        const container = await repo.currentBoundary(trx, community.id);
        if (!container) {
          issues.push(
            issue(
              null,
              communityCode,
              'coverage_gap',
              `社区 ${communityCode} 没有边界，无法检查覆盖 (community has no boundary)`,
              'warning',
            ),
          );
        }
        const found = checkCommunity({
          communityCode,
          container: container?.geometry ?? null,
          parts,
          gapSeverity: options.allowGaps ? 'warning' : 'error',
        });
        for (const finding of found) issues.push(finding);
        for (const f of group) {
          const current = existingByCode.get(f.code);
          if (!current) {
            summary.created++;
            writes.push(async () => {
              const unit = await trx
                .insertInto('org_units')
                .values({
                  parent_id: community.id,
                  level: 'grid',
                  code: f.code,
                  name: f.name ?? `网格 ${f.code.slice(-3)}`,
                  path: childPath(community.path, f.code),
                })
                .returning('id')
                .executeTakeFirstOrThrow();
              await trx
                .insertInto('grids')
                .values({
                  org_unit_id: unit.id,
                  kind: f.kind ?? 'base',
                  special_type: f.specialType,
                  households: f.households ?? 0,
                })
                .execute();
              await writeBoundary(trx, unit.id, f, actor, 'GeoJSON 导入新建');
            });
            continue;
          }
          const geometryChanged = !sameGeometry(current.geometry, f.geometry);
          const attrsChanged =
            (f.name !== null && f.name !== current.name) ||
            (f.kind !== null && (f.kind !== current.kind || f.specialType !== current.special_type)) ||
            (f.households !== null && f.households !== current.households);
          if (!geometryChanged && !attrsChanged) {
            summary.unchanged++;
            continue;
          }
          summary.updated++;
          writes.push(async () => {
            if (attrsChanged) {
              await trx
                .updateTable('org_units')
                .set({ name: f.name ?? current.name })
                .where('id', '=', current.id)
                .execute();
              await trx
                .updateTable('grids')
                .set({
                  kind: f.kind ?? (current.kind as 'base' | 'special'),
                  special_type: f.kind ? f.specialType : current.special_type,
                  households: f.households ?? current.households,
                })
                .where('org_unit_id', '=', current.id)
                .execute();
            }
            if (geometryChanged) await writeBoundary(trx, current.id, f, actor, 'GeoJSON 导入调整');
          });
        }
      }
      summary.errors = issues.filter((i) => i.severity === 'error').length;
      summary.warnings = issues.length - summary.errors;
      if (options.dryRun || summary.errors > 0) throw rollback;
      for (const write of writes) await write();
      await recordAudit(trx, options.origin, {
        userId: actor.userId,
        action: 'grids.import',
        targetType: 'grid',
        details: {
          created: summary.created,
          updated: summary.updated,
          unchanged: summary.unchanged,
          features: summary.features,
        },
      });
      applied = true;
    });
  } catch (err) {
    if (err !== rollback) throw err;
  }
  issues.sort(
    (a, b) => (a.featureIndex ?? Number.MAX_SAFE_INTEGER) - (b.featureIndex ?? Number.MAX_SAFE_INTEGER),
  );
  summary.errors = issues.filter((i) => i.severity === 'error').length;
  summary.warnings = issues.length - summary.errors;
  return {
    applied,
    dryRun: options.dryRun,
    summary,
    issues: issues.slice(0, MAX_REPORTED_ISSUES),
    total: issues.length,
    truncated: issues.length > MAX_REPORTED_ISSUES,
  };
}

async function writeBoundary(trx: Db, orgUnitId: string, f: ParsedFeature, actor: Actor, note: string) {
  await repo.replaceBoundary(trx, {
    orgUnitId,
    geometry: f.geometry,
    bbox: bboxOf(f.geometry),
    areaM2: areaM2(f.geometry),
    changedBy: actor.userId,
    note,
  });
}
