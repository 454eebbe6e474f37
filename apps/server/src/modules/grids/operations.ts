import { areaM2, bboxOf, parseGeometry } from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import { badRequest, unprocessable } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { assertInScope } from '../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { gridRepository as repo } from './repository.ts';
import { checkCommunity, type ImportIssue } from './tiling.ts';

export async function updateGrid(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  id: string;
  changes: {
    name?: string;
    kind?: 'base' | 'special';
    specialType?: string | null;
    households?: number;
    population?: number;
  };
}) {
  const { db, actor, changes } = options;
  await db.transaction().execute(async (trx) => {
    const grid = await repo.findGrid(trx, options.id);
    assertInScope(actor, grid?.path, '网格', options.id);
    const kind = changes.kind ?? grid!.kind;
    const specialType = kind === 'base' ? null : (changes.specialType ?? grid!.special_type);
    if (kind === 'special' && !specialType) {
      throw badRequest('specialType', '专属网格须注明类型 (a special grid needs specialType)');
    }
    if (changes.name !== undefined) {
      await trx.updateTable('org_units').set({ name: changes.name }).where('id', '=', options.id).execute();
    }
    await trx
      .updateTable('grids')
      .set({
        kind,
        special_type: specialType,
        households: changes.households ?? grid!.households,
        population: changes.population ?? grid!.population,
      })
      .where('org_unit_id', '=', options.id)
      .execute();
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'grids.update',
      targetType: 'grid',
      targetId: options.id,
      details: { changes },
    });
  });
}

/**
 * A new boundary for one grid: checked against its community and its neighbours, then the old
 * one is closed (valid_to) and the new one opened, so the grid's shape keeps its history.
 * Gaps are only warnings here: moving one border leaves a gap until the neighbour follows.
 */
export async function updateGridBoundary(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  id: string;
  geometry: unknown;
  note: string | null;
}): Promise<{ warnings: ImportIssue[] }> {
  const { db, actor } = options;
  const parsed = parseGeometry(options.geometry);
  if (!parsed.ok) {
    throw unprocessable('invalid_geometry', '边界几何无效 (invalid boundary geometry)', {
      field: 'geometry',
      issues: parsed.issues.map((g) => ({
        featureIndex: null,
        code: null,
        severity: 'error',
        rule: g.rule,
        message: g.message,
        path: g.path,
      })),
    });
  }
  return db.transaction().execute(async (trx) => {
    const grid = await repo.findGrid(trx, options.id);
    assertInScope(actor, grid?.path, '网格', options.id);
    await repo.lockCommunity(trx, grid!.community_id);
    const siblings = await repo.communityGrids(trx, grid!.community_id);
    const container = await repo.currentBoundary(trx, grid!.community_id);
    const issues = checkCommunity({
      communityCode: grid!.community_code,
      container: container?.geometry ?? null,
      parts: [
        ...siblings
          .filter((g) => g.id !== options.id && g.geometry)
          .map((g) => ({ code: g.code, geometry: g.geometry!, featureIndex: null })),
        { code: grid!.code, geometry: parsed.geometry, featureIndex: 0 },
      ],
      gapSeverity: 'warning',
    });
    const errors = issues.filter((i) => i.severity === 'error');
    if (errors.length > 0) {
      throw unprocessable(errors[0]!.rule, errors[0]!.message, { field: 'geometry', issues });
    }
    await repo.replaceBoundary(trx, {
      orgUnitId: options.id,
      geometry: parsed.geometry,
      bbox: bboxOf(parsed.geometry),
      areaM2: areaM2(parsed.geometry),
      changedBy: actor.userId,
      note: options.note,
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'grids.boundary_update',
      targetType: 'grid',
      targetId: options.id,
      details: { note: options.note, warnings: issues.length },
    });
    return { warnings: issues };
  });
}
