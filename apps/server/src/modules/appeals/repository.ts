import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import type { AppealEventKind } from './counts.ts';

export interface AppealRow {
  id: string;
  appellant_id: string;
  appellant_name: string;
  unit_path: string;
  unit_name: string | null;
  event_kind: AppealEventKind;
  event_id: string;
  count_name: string;
  period: string;
  reason: string;
  state: 'submitted' | 'upheld' | 'overturned';
  version: number;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_reason: string;
  created_at: Date;
  event_code: string | null;
  event_title: string | null;
  event_at: Date | null;
  photo_ids: string[] | null;
}

export interface EventRef {
  code: string | null;
  title: string;
  at: Date;
}

export interface AppealFilters {
  state?: string;
  period?: string;
  mine?: boolean;
  page: number;
  pageSize: number;
}

const SELECT = sql`SELECT a.id::text, a.appellant_id::text, u.display_name AS appellant_name, a.unit_path,
    o.name AS unit_name, a.event_kind, a.event_id, a.count_name, a.period, a.reason, a.state, a.version,
    a.decided_by::text, d.display_name AS decided_by_name, a.decided_at, a.decision_reason, a.created_at,
    CASE a.event_kind WHEN 'case' THEN c.code ELSE NULL END AS event_code,
    CASE a.event_kind
      WHEN 'case' THEN c.title
      WHEN 'visit' THEN '入户走访 ' || v.household_key
      WHEN 'inspection' THEN coalesce(iu.name, '') || ' ' || coalesce(ik.name_zh, i.checklist_code)
      WHEN 'register_event' THEN '信息采集 ' || re.entity_type || ' ' || re.kind
    END AS event_title,
    CASE a.event_kind WHEN 'case' THEN c.reported_at WHEN 'visit' THEN v.started_at
      WHEN 'inspection' THEN i.observed_at WHEN 'register_event' THEN re.at END AS event_at,
    (SELECT array_agg(p.attachment_id::text ORDER BY p.attachment_id) FROM assessment_appeal_photos p
      WHERE p.appeal_id = a.id) AS photo_ids
  FROM assessment_appeals a
  JOIN users u ON u.id = a.appellant_id
  LEFT JOIN users d ON d.id = a.decided_by
  LEFT JOIN org_units o ON o.path = a.unit_path
  LEFT JOIN cases c ON a.event_kind = 'case' AND c.id = a.event_id::bigint
  LEFT JOIN visits v ON a.event_kind = 'visit' AND v.id = a.event_id::bigint
  LEFT JOIN inspections i ON a.event_kind = 'inspection' AND i.id = a.event_id::bigint
  LEFT JOIN units iu ON iu.id = i.unit_id
  LEFT JOIN inspection_checklists ik ON ik.code = i.checklist_code
  LEFT JOIN register_events re ON a.event_kind = 'register_event' AND re.id = a.event_id::bigint`;

/** Appeals the actor sees: their own, and those in scope when they decide or read assessment. */
function visible(actor: Actor) {
  const own = sql`a.appellant_id = ${actor.userId}`;
  const reads =
    actor.permissions.has('assessment.decide_appeals') || actor.permissions.has('assessment.view');
  if (!reads || actor.scopePaths.length === 0) return own;
  const prefixes = actor.scopePaths.map((p) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return sql`(${own} OR a.unit_path LIKE ANY (${prefixes}::text[]))`;
}

export const appealRepository = {
  /** The worker's home unit: their first grid, else their first assigned unit. */
  async homePath(db: Db, userId: string): Promise<string | null> {
    const { rows } = await sql<{ path: string | null }>`SELECT coalesce(
        (SELECT min(g.path) FROM grid_team_members m JOIN org_units g ON g.id = m.grid_id WHERE m.user_id = ${userId}),
        (SELECT min(o.path) FROM user_assignments ua JOIN org_units o ON o.id = ua.org_unit_id WHERE ua.user_id = ${userId})
      ) AS path`.execute(db);
    return rows[0]?.path ?? null;
  },

  /** The event, when it exists and concerns the worker (theirs, or a case of their grids or steps). */
  async eventOf(db: Db, kind: AppealEventKind, id: string, userId: string): Promise<EventRef | null> {
    const query =
      kind === 'case'
        ? sql<EventRef>`SELECT c.code, c.title, c.reported_at AS at FROM cases c WHERE c.id = ${id}
            AND (c.reporter_user_id = ${userId}
              OR EXISTS (SELECT 1 FROM grid_team_members m JOIN org_units g ON g.id = m.grid_id
                WHERE m.user_id = ${userId} AND g.path = c.grid_path)
              OR EXISTS (SELECT 1 FROM case_steps s WHERE s.case_id = c.id AND s.actor_user_id = ${userId}))`
        : kind === 'visit'
          ? sql<EventRef>`SELECT NULL AS code, '入户走访 ' || v.household_key AS title, v.started_at AS at
              FROM visits v WHERE v.id = ${id} AND v.user_id = ${userId}`
          : kind === 'inspection'
            ? sql<EventRef>`SELECT NULL AS code, u.name AS title, i.observed_at AS at
                FROM inspections i JOIN units u ON u.id = i.unit_id WHERE i.id = ${id} AND i.inspector_id = ${userId}`
            : sql<EventRef>`SELECT NULL AS code, '信息采集 ' || e.entity_type AS title, e.at
                FROM register_events e WHERE e.id = ${id} AND e.actor_user_id = ${userId}`;
    const { rows } = await query.execute(db);
    return rows[0] ?? null;
  },

  async insert(
    db: Db,
    values: {
      appellantId: string;
      unitPath: string;
      eventKind: AppealEventKind;
      eventId: string;
      countName: string;
      period: string;
      reason: string;
    },
  ): Promise<string | null> {
    const { rows } = await sql<{ id: string }>`INSERT INTO assessment_appeals
        (appellant_id, unit_path, event_kind, event_id, count_name, period, reason)
      VALUES (${values.appellantId}, ${values.unitPath}, ${values.eventKind}, ${values.eventId},
        ${values.countName}, ${values.period}, ${values.reason})
      ON CONFLICT (appellant_id, event_kind, event_id) DO NOTHING
      RETURNING id::text`.execute(db);
    return rows[0]?.id ?? null;
  },

  /** The caller's own uploads among the ids. */
  async ownUploads(db: Db, userId: string, ids: readonly string[]): Promise<string[]> {
    if (!ids.length) return [];
    const { rows } = await sql<{ id: string }>`SELECT id::text FROM attachments
      WHERE id = ANY (${ids}::bigint[]) AND uploaded_by = ${userId}`.execute(db);
    return rows.map((r) => r.id);
  },

  async addPhotos(db: Db, appealId: string, ids: readonly string[]) {
    if (!ids.length) return;
    await sql`INSERT INTO assessment_appeal_photos (appeal_id, attachment_id)
      SELECT ${appealId}, unnest(${ids}::bigint[])`.execute(db);
  },

  async findVisible(db: Db, actor: Actor, id: string, lock = false): Promise<AppealRow | undefined> {
    if (lock) await sql`SELECT 1 FROM assessment_appeals WHERE id = ${id} FOR UPDATE`.execute(db);
    const { rows } = await sql<AppealRow>`${SELECT} WHERE a.id = ${id} AND ${visible(actor)}`.execute(db);
    return rows[0];
  },

  async list(db: Db, actor: Actor, f: AppealFilters): Promise<{ rows: AppealRow[]; total: number }> {
    const where = [visible(actor)];
    if (f.state) where.push(sql`a.state = ${f.state}`);
    if (f.period) where.push(sql`a.period = ${f.period}`);
    if (f.mine) where.push(sql`a.appellant_id = ${actor.userId}`);
    const cond = sql.join(where, sql` AND `);
    const [{ rows }, count] = await Promise.all([
      sql<AppealRow>`${SELECT} WHERE ${cond}
        ORDER BY (a.state = 'submitted') DESC, a.created_at DESC, a.id DESC
        LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`.execute(db),
      sql<{ n: number }>`SELECT count(*)::int AS n FROM assessment_appeals a WHERE ${cond}`.execute(db),
    ]);
    return { rows, total: count.rows[0]?.n ?? 0 };
  },

  async decide(
    db: Db,
    values: { id: string; state: string; by: string; reason: string; version: number },
  ): Promise<void> {
    await sql`UPDATE assessment_appeals SET state = ${values.state}, decided_by = ${values.by},
        decided_at = now(), decision_reason = ${values.reason}, version = version + 1
      WHERE id = ${values.id} AND version = ${values.version}`.execute(db);
  },

  async exclude(
    db: Db,
    values: { userId: string; eventKind: string; eventId: string; reason: string; by: string },
  ): Promise<void> {
    await sql`INSERT INTO assessment_exclusions (subject_type, subject_id, event_kind, event_id, reason, created_by)
      VALUES ('user', ${values.userId}, ${values.eventKind}, ${values.eventId}, ${values.reason}, ${values.by})
      ON CONFLICT (subject_type, subject_id, event_kind, event_id) DO NOTHING`.execute(db);
  },

  async photo(db: Db, appealId: string, attachmentId: string) {
    return db
      .selectFrom('attachments as t')
      .selectAll('t')
      .where('t.id', '=', attachmentId)
      .where(sql<boolean>`EXISTS (SELECT 1 FROM assessment_appeal_photos p
        WHERE p.appeal_id = ${appealId} AND p.attachment_id = t.id)`)
      .executeTakeFirst();
  },
};
