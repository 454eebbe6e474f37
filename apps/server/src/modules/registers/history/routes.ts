import { Type } from 'typebox';
import type { App } from '../../../http/app-types.ts';
import { IdParams, iso } from '../../../http/schemas.ts';
import type { Actor } from '../../access/actor.ts';
import { assertInScope, authorize } from '../../access/authorize.ts';
import { RegisterEvent } from '../schemas.ts';
import { type Executor, isoDate, type RegistersContext, visibleSpecialTypes } from '../shared.ts';

const tags = ['registers'];
const ENTITIES = [
  { path: 'addresses', entity: 'address', table: 'addresses', what: '地址' },
  { path: 'houses', entity: 'house', table: 'houses', what: '房屋' },
  { path: 'people', entity: 'person', table: 'people', what: '人员' },
  { path: 'units', entity: 'unit', table: 'units', what: '单位' },
] as const;

/** History of one entity, oldest first; rows about special groups only for holders of that group. */
export async function entityHistory(
  db: Executor,
  actor: Actor,
  entity: (typeof ENTITIES)[number],
  id: string,
) {
  const row = await db.selectFrom(entity.table).select('grid_path').where('id', '=', id).executeTakeFirst();
  assertInScope(actor, row?.grid_path, entity.what, id);
  const special = visibleSpecialTypes(actor);
  const rows = await db
    .selectFrom('register_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select(['e.id', 'e.kind', 'e.effective_date', 'e.at', 'e.changes', 'e.special_type', 'u.display_name'])
    .where('e.entity_type', '=', entity.entity)
    .where('e.entity_id', '=', id)
    .where((eb) =>
      eb.or([
        eb('e.special_type', 'is', null),
        ...(special.length ? [eb('e.special_type', 'in', special)] : []),
      ]),
    )
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    effectiveDate: isoDate(r.effective_date),
    at: iso(r.at),
    actor: r.display_name,
    changes: r.changes as Record<string, unknown> | null,
  }));
}

export function registerHistoryRoutes(app: App, { db }: RegistersContext): void {
  for (const entity of ENTITIES) {
    app.get(
      `/api/${entity.path}/:id/events`,
      {
        schema: {
          tags,
          summary: `${entity.what}变更历史 (history with effective dates, oldest first)`,
          params: IdParams,
          querystring: Type.Object({}),
          response: { 200: Type.Object({ items: Type.Array(RegisterEvent) }) },
        },
      },
      async (request) => {
        const actor = authorize(request, 'registers.read');
        return { items: await entityHistory(db, actor, entity, request.params.id) };
      },
    );
  }
}
