import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { AppError, unprocessable } from '../../http/errors.ts';
import { Id, IdParams, iso, isoOrNull, Paging } from '../../http/schemas.ts';
import type { Actor } from '../access/actor.ts';
import { assertInScope, authorize, can, inScope } from '../access/authorize.ts';
import { originOf, recordAudit } from '../audit/record.ts';
import { orgRepository } from '../org/repository.ts';
import { importGrids, MAX_IMPORT_FEATURES } from './import-grids.ts';
import { updateGrid, updateGridBoundary } from './operations.ts';
import {
  gridFeatureProperties,
  presentBuilding,
  presentGridSummary,
  presentTeamMember,
} from './presenter.ts';
import { registeredCounts } from './registered-counts.ts';
import { type GridFilters, gridRepository as repo } from './repository.ts';
import {
  BoundaryVersion,
  GridCollection,
  GridDetail,
  GridSummary,
  ImportReport,
  Located,
  SpecialType,
  TeamRole,
} from './schemas.ts';
import { setGridTeam } from './team.ts';

const tags = ['grids'];
const Filters = {
  within: Type.Optional(Id),
  kind: Type.Optional(Type.Union([Type.Literal('base'), Type.Literal('special')])),
  q: Type.Optional(Type.String({ maxLength: 50 })),
  householdStatus: Type.Optional(
    Type.Union([Type.Literal('under'), Type.Literal('ok'), Type.Literal('over')]),
  ),
};

export function registerGridRoutes(app: App, { db, config, gridIndex, bus }: AppContext): void {
  async function filtersFor(
    actor: Actor,
    query: {
      within?: string;
      kind?: 'base' | 'special';
      q?: string;
      householdStatus?: 'under' | 'ok' | 'over';
    },
  ) {
    const filters: GridFilters = { kind: query.kind, q: query.q, householdStatus: query.householdStatus };
    if (query.within) {
      const unit = await orgRepository.findById(db, query.within);
      assertInScope(actor, unit?.path, '单位', query.within);
      filters.within = { path: unit!.path };
    }
    return filters;
  }

  async function gridDetail(actor: Actor, id: string) {
    const grid = await repo.findGrid(db, id);
    assertInScope(actor, grid?.path, '网格', id);
    const [ancestors, boundary, buildings, team, registered] = await Promise.all([
      repo.ancestors(db, grid!.path),
      repo.currentBoundary(db, id),
      repo.buildings(db, id),
      repo.team(db, id),
      registeredCounts(db, id),
    ]);
    const ref = (level: string) => {
      const a = ancestors.find((x) => x.level === level);
      return a ? { id: a.id, code: a.code, name: a.name } : null;
    };
    const writable = can(actor, 'grids.write');
    return {
      ...presentGridSummary(grid!),
      // Declared figures (households, population) sit beside what the registers count.
      registered: { households: registered.households, population: registered.people },
      street: ref('street'),
      district: ref('district'),
      city: ref('city'),
      boundary: boundary?.geometry ?? null,
      bbox: boundary
        ? ([boundary.min_lon, boundary.min_lat, boundary.max_lon, boundary.max_lat] as [
            number,
            number,
            number,
            number,
          ])
        : null,
      areaM2: boundary ? Math.round(boundary.area_m2) : null,
      boundaryValidFrom: boundary ? iso(boundary.valid_from) : null,
      buildings: buildings.map(presentBuilding),
      team: team.map(presentTeamMember),
      actions: writable ? ['grid.edit', 'grid.editBoundary', 'grid.editTeam'] : [],
    };
  }

  app.get(
    '/api/grids',
    {
      schema: {
        tags,
        summary: '网格列表 (grids in my scope)',
        querystring: Type.Object({ ...Filters, ...Paging }),
        response: { 200: Type.Object({ items: Type.Array(GridSummary), total: Type.Integer() }) },
      },
    },
    async (request) => {
      const actor = authorize(request, 'grids.read');
      const page = request.query.page ?? 1;
      const pageSize = request.query.pageSize ?? 50;
      const { items, total } = await repo.list(db, actor, await filtersFor(actor, request.query), {
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { items: items.map(presentGridSummary), total };
    },
  );

  app.get(
    '/api/grids/geojson',
    {
      schema: {
        tags,
        summary: '网格边界 GeoJSON (current boundaries for the map)',
        querystring: Type.Object(Filters),
        response: { 200: GridCollection },
      },
    },
    async (request) => {
      const actor = authorize(request, 'grids.read');
      const { items: rows } = await repo.withBoundaries(db, actor, await filtersFor(actor, request.query));
      return {
        type: 'FeatureCollection' as const,
        features: rows.map((r) => ({
          type: 'Feature' as const,
          id: Number(r.id),
          geometry: r.geometry,
          properties: gridFeatureProperties(r),
        })),
      };
    },
  );

  app.get(
    '/api/grids/export',
    {
      schema: {
        tags,
        summary: '导出网格边界 (export boundaries as a GeoJSON file, re-importable)',
        querystring: Type.Object({ within: Type.Optional(Id) }),
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'grids.read');
      const { items: rows } = await repo.withBoundaries(db, actor, await filtersFor(actor, request.query));
      await recordAudit(db, originOf(request), {
        userId: actor.userId,
        action: 'grids.export',
        targetType: 'grid',
        details: { within: request.query.within ?? null, count: rows.length },
      });
      const stamp = new Date().toISOString().slice(0, 10);
      reply.header('content-disposition', `attachment; filename="wangge-grids-${stamp}.geojson"`);
      reply.type('application/geo+json');
      return JSON.stringify({
        type: 'FeatureCollection',
        features: rows.map((r) => ({
          type: 'Feature',
          geometry: r.geometry,
          properties: gridFeatureProperties(r),
        })),
      });
    },
  );

  app.post(
    '/api/grids/import',
    {
      bodyLimit: config.importBodyLimitBytes,
      schema: {
        tags,
        summary: '导入网格边界 (import a GeoJSON FeatureCollection; dry run by default, all-or-nothing)',
        querystring: Type.Object({
          dryRun: Type.Optional(Type.Boolean({ default: true })),
          allowGaps: Type.Optional(Type.Boolean({ default: false })),
        }),
        body: Type.Object({
          type: Type.Literal('FeatureCollection'),
          features: Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_IMPORT_FEATURES }),
        }),
        response: { 200: ImportReport, 422: ImportReport },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'grids.write');
      const report = await importGrids({
        db,
        actor,
        origin: originOf(request),
        collection: request.body,
        dryRun: request.query.dryRun ?? true,
        allowGaps: request.query.allowGaps ?? false,
      });
      // Every instance rebuilds its index; this one inside publish, before answering.
      if (report.applied) await bus.publish({ kind: 'grids.changed', v: 1 });
      return reply.status(!report.dryRun && !report.applied ? 422 : 200).send(report);
    },
  );

  app.get(
    '/api/grids/:id',
    {
      schema: {
        tags,
        summary: '网格详情 (grid with boundary, buildings and team)',
        params: IdParams,
        response: { 200: GridDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'grids.read');
      return gridDetail(actor, request.params.id);
    },
  );

  app.patch(
    '/api/grids/:id',
    {
      schema: {
        tags,
        summary: '修改网格属性 (edit name, kind, households)',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            kind: Type.Optional(Type.Union([Type.Literal('base'), Type.Literal('special')])),
            specialType: Type.Optional(Type.Union([SpecialType, Type.Null()])),
            households: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
            population: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
          },
          { additionalProperties: false, minProperties: 1, title: 'GridPatch' },
        ),
        response: { 200: GridDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'grids.write');
      await updateGrid({
        db,
        actor,
        origin: originOf(request),
        id: request.params.id,
        changes: request.body,
      });
      return gridDetail(actor, request.params.id);
    },
  );

  app.put(
    '/api/grids/:id/boundary',
    {
      bodyLimit: config.importBodyLimitBytes,
      schema: {
        tags,
        summary: '调整网格边界 (replace the boundary; the old one is kept as history)',
        params: IdParams,
        body: Type.Object({ geometry: Type.Unknown(), note: Type.Optional(Type.String({ maxLength: 500 })) }),
        response: { 200: GridDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'grids.write');
      if (request.body.geometry === undefined)
        throw unprocessable('invalid_geometry', '缺少 geometry (missing geometry)', { field: 'geometry' });
      const { warnings } = await updateGridBoundary({
        db,
        actor,
        origin: originOf(request),
        id: request.params.id,
        geometry: request.body.geometry,
        note: request.body.note ?? null,
      });
      await bus.publish({ kind: 'grids.changed', v: 1 });
      return { ...(await gridDetail(actor, request.params.id)), warnings };
    },
  );

  app.put(
    '/api/grids/:id/team',
    {
      schema: {
        tags,
        summary: '设置网格团队 (set the team: 1 leader + 1 instructor + 1 full-time + N part-time)',
        params: IdParams,
        body: Type.Object({
          members: Type.Array(
            Type.Object({
              userId: Id,
              teamRole: TeamRole,
            }),
            { maxItems: 50 },
          ),
        }),
        response: { 200: GridDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'grids.write');
      await setGridTeam({
        db,
        actor,
        origin: originOf(request),
        gridId: request.params.id,
        members: request.body.members,
      });
      return gridDetail(actor, request.params.id);
    },
  );

  app.get(
    '/api/grids/:id/boundaries',
    {
      schema: {
        tags,
        summary: '边界历史 (boundary history, newest first)',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(BoundaryVersion) }) },
      },
    },
    async (request) => {
      const actor = authorize(request, 'grids.read');
      const grid = await repo.findGrid(db, request.params.id);
      assertInScope(actor, grid?.path, '网格', request.params.id);
      const rows = await repo.boundaryHistory(db, request.params.id);
      return {
        items: rows.map((r) => ({
          id: r.id,
          validFrom: iso(r.valid_from),
          validTo: isoOrNull(r.valid_to),
          note: r.note,
          changedBy: r.changed_by,
          areaM2: Math.round(r.area_m2),
          geometry: r.geometry,
        })),
      };
    },
  );

  app.get(
    '/api/locate',
    {
      schema: {
        tags,
        summary: '坐标定位网格 (resolve a WGS-84 point to its grid and level chain)',
        querystring: Type.Object({
          lat: Type.Number({ minimum: -90, maximum: 90 }),
          lon: Type.Number({ minimum: -180, maximum: 180 }),
        }),
        response: { 200: Located },
      },
    },
    async (request) => {
      const actor = authorize(request);
      const hit = gridIndex.locate(request.query.lon, request.query.lat);
      // Outside the caller's scope a grid is as good as absent.
      if (!hit || !inScope(actor, hit.path)) {
        throw new AppError(
          404,
          'outside_all_grids',
          '该位置不在您管辖的任何网格内 (the point lies in no grid of your scope)',
          {
            lat: request.query.lat,
            lon: request.query.lon,
          },
        );
      }
      const level = (l: string) => {
        const a = hit.chain.find((x) => x.level === l);
        return a ? { id: a.id, code: a.code, name: a.name } : null;
      };
      return {
        grid: { id: hit.id, code: hit.code, name: hit.name, kind: hit.kind },
        community: level('community'),
        street: level('street'),
        district: level('district'),
        city: level('city'),
      };
    },
  );
}
