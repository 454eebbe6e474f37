// Emerging risks (预判风险) for a unit: the cases of the last days in the caller's scope, clustered
// by @wangge/rules findHotspots. Computed on request: a street's month is a few hundred cases.
import { DEFAULT_HOTSPOT_RULE, findHotspots, type HotspotRule } from '@wangge/rules';
import { type SqlBool, sql } from 'kysely';
import { Type } from 'typebox';
import type { Db } from '../../db/database.ts';
import type { App } from '../../http/app-types.ts';
import { Id } from '../../http/schemas.ts';
import type { Actor } from '../access/actor.ts';
import { authorize } from '../access/authorize.ts';
import { pathInScope } from '../access/scope-sql.ts';
import { resolveWithin } from '../access/within.ts';
import { CaseHotspots } from './schemas.ts';

export async function caseHotspots(options: {
  db: Db;
  actor: Actor;
  withinPath?: string;
  rule: HotspotRule;
  now?: Date;
}) {
  const { db, actor, rule } = options;
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - rule.days * 86_400_000);
  const rows = await db
    .selectFrom('cases as c')
    .select([
      'c.id',
      'c.code',
      'c.title',
      'c.state',
      'c.category_code',
      'c.lon',
      'c.lat',
      'c.address',
      'c.reported_at',
    ])
    .where(pathInScope(actor, 'c.grid_path'))
    .$if(Boolean(options.withinPath), (q) =>
      q.where(sql<SqlBool>`c.grid_path LIKE ${`${options.withinPath}%`}`),
    )
    .where('c.reported_at', '>=', since)
    .where('c.reported_at', '<=', now)
    .where('c.state', '!=', 'voided')
    .where('c.merged_into', 'is', null)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const spots = findHotspots(
    rows.map((r) => ({
      id: r.id,
      categoryCode: r.category_code,
      lon: r.lon,
      lat: r.lat,
      reportedAt: r.reported_at.getTime(),
      address: r.address,
    })),
    now.getTime(),
    rule,
  );
  return { rule, since, spots: spots.map((s) => ({ ...s, cases: s.caseIds.map((id) => byId.get(id)!) })) };
}

export function registerHotspotRoutes(app: App, db: Db): void {
  app.get(
    '/api/cases/hotspots',
    {
      schema: {
        tags: ['cases'],
        summary: '风险热点 (clusters: one category within a radius, or one address, in the last days)',
        querystring: Type.Object({
          within: Type.Optional(Id),
          radiusM: Type.Optional(Type.Integer({ minimum: 10, maximum: 2000 })),
          days: Type.Optional(Type.Integer({ minimum: 1, maximum: 180 })),
          minCount: Type.Optional(Type.Integer({ minimum: 2, maximum: 100 })),
        }),
        response: { 200: CaseHotspots },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.stats');
      const withinPath = await resolveWithin(db, actor, request.query.within);
      const { radiusM, days, minCount } = request.query;
      const rule = {
        radiusM: radiusM ?? DEFAULT_HOTSPOT_RULE.radiusM,
        days: days ?? DEFAULT_HOTSPOT_RULE.days,
        minCount: minCount ?? DEFAULT_HOTSPOT_RULE.minCount,
      };
      const result = await caseHotspots({ db, actor, withinPath, rule });
      return {
        rule: result.rule,
        since: result.since.toISOString(),
        items: result.spots.map((s) => ({
          kind: s.kind,
          key: s.key,
          categoryCode: s.categoryCode,
          address: s.address,
          lon: s.lon,
          lat: s.lat,
          from: new Date(s.from).toISOString(),
          to: new Date(s.to).toISOString(),
          count: s.caseIds.length,
          cases: s.cases.map((c) => ({
            id: c.id,
            code: c.code,
            title: c.title,
            state: c.state,
            reportedAt: c.reported_at.toISOString(),
          })),
        })),
      };
    },
  );
}
