// Register statistics: counts only, never a person. Special-group counts only for the types the
// caller may see.
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { App } from '../../../http/app-types.ts';
import { Id } from '../../../http/schemas.ts';
import { authorize } from '../../access/authorize.ts';
import { pathInScope } from '../../access/scope-sql.ts';
import { registeredHouseholdsSql, registeredPeopleSql } from '../../grids/registered-counts.ts';
import { RegisterStats } from '../schemas.ts';
import { type RegistersContext, resolveWithin, visibleSpecialTypes } from '../shared.ts';

export function registerStatsRoutes(app: App, { reads }: RegistersContext): void {
  app.get(
    '/api/registers/stats',
    {
      schema: {
        tags: ['registers'],
        summary:
          '实有人口统计 (population by role, special and care groups, households per grid: counts only)',
        querystring: Type.Object({ within: Type.Optional(Id) }),
        response: { 200: RegisterStats },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registers.read');
      const db = reads.for(request);
      const within = await resolveWithin(db, actor, request.query.within);
      const scope = sql`${pathInScope(actor, 'p.grid_path')} ${within ? sql`AND starts_with(p.grid_path, ${within})` : sql``}`;
      const special = visibleSpecialTypes(actor);
      const [status, roles, specials, cares, grids] = await Promise.all([
        sql<{
          key: string;
          n: number;
        }>`SELECT p.status AS key, count(*)::int AS n FROM people p WHERE ${scope} GROUP BY 1`.execute(db),
        sql<{ key: string; n: number }>`
          SELECT r.kind AS key, count(*)::int AS n FROM person_roles r JOIN people p ON p.id = r.person_id
          WHERE r.valid_to IS NULL AND p.status = 'active' AND ${scope} GROUP BY 1`.execute(db),
        special.length
          ? sql<{ key: string; n: number }>`
              SELECT s.type_code AS key, count(*)::int AS n FROM special_group_records s JOIN people p ON p.id = s.person_id
              WHERE s.closed_on IS NULL AND s.type_code = ANY(${special}::text[]) AND ${scope} GROUP BY 1`.execute(
              db,
            )
          : Promise.resolve({ rows: [] as { key: string; n: number }[] }),
        sql<{ key: string; n: number }>`
          SELECT c.type_code AS key, count(*)::int AS n FROM care_group_records c JOIN people p ON p.id = c.person_id
          WHERE c.closed_on IS NULL AND ${scope} GROUP BY 1`.execute(db),
        sql<{ grid_id: string; code: string; name: string; households: number; people: number }>`
          SELECT o.id AS grid_id, o.code, o.name,
            ${registeredHouseholdsSql(sql.ref('o.id'))} AS households,
            ${registeredPeopleSql(sql.ref('o.id'))} AS people
          FROM org_units o
          WHERE o.level = 'grid' AND ${pathInScope(actor, 'o.path')} ${within ? sql`AND starts_with(o.path, ${within})` : sql``}
          ORDER BY o.code`.execute(db),
      ]);
      const asRecord = (rows: { key: string; n: number }[]) =>
        Object.fromEntries(rows.map((r) => [r.key, r.n]));
      return {
        peopleByStatus: asRecord(status.rows),
        activeByRole: asRecord(roles.rows),
        specialGroups: asRecord(specials.rows),
        careGroups: asRecord(cares.rows),
        grids: grids.rows.map((g) => ({
          gridId: g.grid_id,
          code: g.code,
          name: g.name,
          households: g.households,
          people: g.people,
        })),
      };
    },
  );
}
