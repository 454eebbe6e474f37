import type { ErrandDocumentSpec, ExtraFieldSpec } from '@wangge/rules';
import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../access/actor.ts';
import { errandVisible } from './relations.ts';

export interface ErrandFilters {
  states?: string[];
  typeCode?: string;
  personId?: string;
  withinPath?: string;
}

const summaryColumns = [
  'e.id',
  'e.code',
  'e.type_code',
  't.name_zh as type_name_zh',
  't.name_en as type_name_en',
  'e.person_id',
  'p.name as person_name',
  'e.grid_id',
  'g.code as grid_code',
  'g.name as grid_name',
  'e.grid_path',
  'e.state',
  'e.version',
  'e.department_id',
  'd.name as department_name',
  'e.started_by',
  'su.display_name as started_by_name',
  'e.started_at',
  'e.submitted_at',
  'e.due_at',
  'e.completed_at',
] as const;

function errandsQuery(db: Db, actor: Actor) {
  return db
    .selectFrom('errands as e')
    .innerJoin('errand_types as t', 't.code', 'e.type_code')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .innerJoin('org_units as g', 'g.id', 'e.grid_id')
    .innerJoin('users as su', 'su.id', 'e.started_by')
    .leftJoin('departments as d', 'd.id', 'e.department_id')
    .where(errandVisible(actor));
}

export type ErrandSummaryRow = Awaited<ReturnType<typeof errandRepository.list>>['items'][number];
export type ErrandDetailRow = NonNullable<Awaited<ReturnType<typeof errandRepository.findVisible>>>;
export type ErrandTypeRow = NonNullable<Awaited<ReturnType<typeof errandRepository.type>>>;

export const errandRepository = {
  byKey(db: Db, userId: string, key: string) {
    return db
      .selectFrom('errands')
      .select('id')
      .where('started_by', '=', userId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  },

  types(db: Db) {
    return db.selectFrom('errand_types').selectAll().orderBy('code').execute();
  },

  async type(db: Db, code: string) {
    const row = await db.selectFrom('errand_types').selectAll().where('code', '=', code).executeTakeFirst();
    if (!row) return undefined;
    return {
      ...row,
      required_fields: row.required_fields as ExtraFieldSpec[],
      required_documents: row.required_documents as ErrandDocumentSpec[],
    };
  },

  async list(db: Db, actor: Actor, filters: ErrandFilters, page: { limit: number; offset: number }) {
    let q = errandsQuery(db, actor);
    if (filters.states?.length) q = q.where('e.state', 'in', filters.states);
    if (filters.typeCode) q = q.where('e.type_code', '=', filters.typeCode);
    if (filters.personId) q = q.where('e.person_id', '=', filters.personId);
    if (filters.withinPath) q = q.where('e.grid_path', 'like', `${filters.withinPath}%`);
    const [items, total] = await Promise.all([
      q
        .select(summaryColumns)
        .orderBy('e.started_at', 'desc')
        .orderBy('e.id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: total.n };
  },

  findVisible(db: Db, actor: Actor, id: string) {
    return errandsQuery(db, actor)
      .select([
        ...summaryColumns,
        'e.fields',
        'e.note',
        'e.completion_note',
        'p.gender as person_gender',
        'p.birth_date as person_birth_date',
        'p.id_number_enc as person_id_number_enc',
      ])
      .where('e.id', '=', id)
      .executeTakeFirst();
  },

  /** The errand row locked for an action, if the caller can see it. */
  async lockVisible(db: Db, actor: Actor, id: string) {
    const visible = await db
      .selectFrom('errands as e')
      .select('e.id')
      .where('e.id', '=', id)
      .where(errandVisible(actor))
      .executeTakeFirst();
    if (!visible) return undefined;
    return db.selectFrom('errands').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  steps(db: Db, errandId: string) {
    return db
      .selectFrom('errand_steps')
      .selectAll()
      .where('errand_id', '=', errandId)
      .orderBy('seq')
      .execute();
  },

  documents(db: Db, errandId: string) {
    return db
      .selectFrom('errand_documents as ed')
      .innerJoin('users as u', 'u.id', 'ed.added_by')
      .select([
        'ed.id',
        'ed.document_key',
        'ed.attachment_id',
        'ed.step_id',
        'ed.added_at',
        'u.display_name as added_by_name',
      ])
      .where('ed.errand_id', '=', errandId)
      .orderBy('ed.id')
      .execute();
  },

  /** A photo of the errand: one of its documents, or the handover photo named by a delivery step. */
  errandPhoto(db: Db, errandId: string, attachmentId: string) {
    return db
      .selectFrom('attachments as a')
      .selectAll('a')
      .where('a.id', '=', attachmentId)
      .where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('errand_documents as ed')
              .select('ed.id')
              .where('ed.errand_id', '=', errandId)
              .where('ed.attachment_id', '=', attachmentId),
          ),
          eb.exists(
            eb
              .selectFrom('errand_steps as s')
              .select('s.id')
              .where('s.errand_id', '=', errandId)
              .where('s.action', '=', 'deliver')
              .where(sql<string>`s.details->>'attachmentId'`, '=', attachmentId),
          ),
        ]),
      )
      .executeTakeFirst();
  },

  async nextSeq(db: Db, errandId: string) {
    const row = await db
      .selectFrom('errand_steps')
      .select(sql<number>`coalesce(max(seq), 0) + 1`.as('seq'))
      .where('errand_id', '=', errandId)
      .executeTakeFirstOrThrow();
    return row.seq;
  },

  /** The department of this kind nearest above the grid (a street's before the district's). */
  departmentFor(db: Db, kind: string, gridPath: string) {
    return db
      .selectFrom('departments as d')
      .innerJoin('org_units as o', 'o.id', 'd.org_unit_id')
      .select(['d.id', 'd.name'])
      .where('d.kind', '=', kind)
      .where(sql<SqlBool>`${gridPath} LIKE o.path || '%'`)
      .orderBy(sql`length(o.path)`, 'desc')
      .orderBy('d.id')
      .executeTakeFirst();
  },
};
