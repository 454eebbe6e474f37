import type { AssessmentSubject, GradeBand, SchemeIndicator } from '@wangge/rules';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

// The SQL of assessment: who is assessed under a unit, the districts' schemes, frozen months.

export interface SubjectRow {
  id: string;
  name: string;
  /** Where the subject belongs: the grid of a worker, the unit of a dispatcher or department. */
  unitName: string;
  path: string;
}

export interface SchemeRow {
  id: string;
  unit_id: string;
  subject: AssessmentSubject;
  effective_from: string;
  indicators: SchemeIndicator[];
  bands: GradeBand[];
  note: string;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
}

export interface ResultRow {
  period: string;
  subject_type: AssessmentSubject;
  subject_id: string;
  unit_id: string;
  composite: string | null;
  grade: string | null;
  indicators: unknown;
  counts: unknown;
  scheme_id: string | null;
}

const under = (column: string, path: string) =>
  sql`${sql.ref(column)} >= ${path} AND ${sql.ref(column)} < ${`${path}~`}`;

export const assessmentRepository = {
  /**
   * The subjects of a kind under a unit's path: full-time grid workers (by their first grid),
   * dispatchers (by the unit they are assigned to), departments (by their unit), child units.
   */
  async subjects(db: Db, type: AssessmentSubject, path: string, unitId: string): Promise<SubjectRow[]> {
    if (type === 'worker') {
      const { rows } = await sql<SubjectRow>`
        SELECT DISTINCT ON (u.id) u.id::text AS id, u.display_name AS name, g.name AS "unitName", g.path
        FROM grid_team_members m JOIN users u ON u.id = m.user_id JOIN org_units g ON g.id = m.grid_id
        WHERE m.team_role = 'full_time' AND u.active AND ${under('g.path', path)}
        ORDER BY u.id, g.path`.execute(db);
      return rows;
    }
    if (type === 'dispatcher') {
      const { rows } = await sql<SubjectRow>`
        SELECT DISTINCT ON (u.id) u.id::text AS id, u.display_name AS name, o.name AS "unitName", o.path
        FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role_code = 'dispatcher'
        JOIN user_assignments a ON a.user_id = u.id JOIN org_units o ON o.id = a.org_unit_id
        WHERE u.active AND ${under('o.path', path)}
        ORDER BY u.id, o.path`.execute(db);
      return rows;
    }
    if (type === 'department') {
      const { rows } = await sql<SubjectRow>`
        SELECT d.id::text AS id, d.name, o.name AS "unitName", o.path
        FROM departments d JOIN org_units o ON o.id = d.org_unit_id
        WHERE ${under('o.path', path)} ORDER BY d.code`.execute(db);
      return rows;
    }
    const { rows } = await sql<SubjectRow>`
      SELECT o.id::text AS id, o.name, o.name AS "unitName", o.path
      FROM org_units o WHERE o.parent_id = ${unitId} ORDER BY o.code`.execute(db);
    return rows;
  },

  /** One subject by id, with the path that places it (for scope checks). */
  async subject(db: Db, type: AssessmentSubject, id: string): Promise<SubjectRow | undefined> {
    const rows = await (type === 'worker'
      ? sql<SubjectRow>`
          SELECT u.id::text AS id, u.display_name AS name, g.name AS "unitName", g.path
          FROM users u JOIN grid_team_members m ON m.user_id = u.id JOIN org_units g ON g.id = m.grid_id
          WHERE u.id = ${id} ORDER BY g.path LIMIT 1`
      : type === 'dispatcher'
        ? sql<SubjectRow>`
            SELECT u.id::text AS id, u.display_name AS name, o.name AS "unitName", o.path
            FROM users u JOIN user_assignments a ON a.user_id = u.id JOIN org_units o ON o.id = a.org_unit_id
            WHERE u.id = ${id} ORDER BY o.path LIMIT 1`
        : type === 'department'
          ? sql<SubjectRow>`
              SELECT d.id::text AS id, d.name, o.name AS "unitName", o.path
              FROM departments d JOIN org_units o ON o.id = d.org_unit_id WHERE d.id = ${id}`
          : sql<SubjectRow>`
              SELECT o.id::text AS id, o.name, o.name AS "unitName", o.path FROM org_units o WHERE o.id = ${id}`
    ).execute(db);
    return rows.rows[0];
  },

  unit(db: Db, id: string) {
    return db
      .selectFrom('org_units')
      .select(['id', 'name', 'level', 'path', 'parent_id'])
      .where('id', '=', id)
      .executeTakeFirst();
  },

  /** The district a path lies in (its second code), or null above district level. */
  async districtOf(db: Db, path: string) {
    const codes = path.split('/').filter(Boolean);
    if (codes.length < 2) return null;
    return (
      (await db
        .selectFrom('org_units')
        .select(['id', 'name', 'path'])
        .where('path', '=', `/${codes[0]}/${codes[1]}/`)
        .executeTakeFirst()) ?? null
    );
  },

  async districtsUnder(db: Db, path: string) {
    const codes = path.split('/').filter(Boolean);
    if (codes.length >= 2) {
      const d = await assessmentRepository.districtOf(db, path);
      return d ? [d] : [];
    }
    return db
      .selectFrom('org_units')
      .select(['id', 'name', 'path'])
      .where('level', '=', 'district')
      .where(sql<boolean>`${under('path', path)}`)
      .orderBy('code')
      .execute();
  },

  async schemes(db: Db, unitId: string, subject?: AssessmentSubject): Promise<SchemeRow[]> {
    const { rows } = await sql<SchemeRow>`
      SELECT s.id::text AS id, s.unit_id::text AS unit_id, s.subject, s.effective_from, s.indicators, s.bands,
        s.note, s.created_by::text AS created_by, u.display_name AS created_by_name, s.created_at
      FROM assessment_schemes s LEFT JOIN users u ON u.id = s.created_by
      WHERE s.unit_id = ${unitId} ${subject ? sql`AND s.subject = ${subject}` : sql``}
      ORDER BY s.effective_from DESC, s.id DESC`.execute(db);
    return rows;
  },

  async insertScheme(
    db: Db,
    row: {
      unitId: string;
      subject: AssessmentSubject;
      effectiveFrom: string;
      indicators: readonly SchemeIndicator[];
      bands: readonly GradeBand[];
      note: string;
      createdBy: string;
    },
  ): Promise<string> {
    const { rows } = await sql<{ id: string }>`
      INSERT INTO assessment_schemes (unit_id, subject, effective_from, indicators, bands, note, created_by)
      VALUES (${row.unitId}, ${row.subject}, ${row.effectiveFrom}, ${JSON.stringify(row.indicators)}::jsonb,
        ${JSON.stringify(row.bands)}::jsonb, ${row.note}, ${row.createdBy})
      RETURNING id::text AS id`.execute(db);
    return rows[0]!.id;
  },

  async periods(db: Db, unitId: string) {
    const { rows } = await sql<{ period: string; frozen_at: Date; frozen_by_name: string | null }>`
      SELECT p.period, p.frozen_at, u.display_name AS frozen_by_name
      FROM assessment_periods p LEFT JOIN users u ON u.id = p.frozen_by
      WHERE p.unit_id = ${unitId} ORDER BY p.period DESC`.execute(db);
    return rows;
  },

  async isFrozen(db: Db, unitId: string, period: string): Promise<boolean> {
    const { rows } =
      await sql`SELECT 1 FROM assessment_periods WHERE unit_id = ${unitId} AND period = ${period}`.execute(
        db,
      );
    return rows.length > 0;
  },

  async results(
    db: Db,
    period: string,
    type: AssessmentSubject,
    ids: readonly string[],
  ): Promise<ResultRow[]> {
    if (ids.length === 0) return [];
    const { rows } = await sql<ResultRow>`
      SELECT period, subject_type, subject_id::text AS subject_id, unit_id::text AS unit_id, composite::text AS composite,
        grade, indicators, counts, scheme_id::text AS scheme_id
      FROM assessment_results
      WHERE period = ${period} AND subject_type = ${type} AND subject_id = ANY (${ids}::bigint[])`.execute(
      db,
    );
    return rows;
  },

  /** Every subject's result of a month in one statement. */
  async insertResults(
    db: Db,
    period: string,
    type: AssessmentSubject,
    unitId: string,
    results: readonly {
      subject: { id: string };
      composite: number | null;
      grade: string | null;
      indicators: unknown;
      counts: unknown;
      scheme: { id: string | null };
    }[],
  ): Promise<void> {
    if (results.length === 0) return;
    const rows = results.map((r) => ({
      id: r.subject.id,
      composite: r.composite,
      grade: r.grade,
      indicators: r.indicators,
      counts: r.counts,
      scheme_id: r.scheme.id,
    }));
    await sql`
      INSERT INTO assessment_results (period, subject_type, subject_id, unit_id, composite, grade, indicators, counts, scheme_id)
      SELECT ${period}, ${type}, x.id, ${unitId}, x.composite, x.grade, x.indicators, x.counts, x.scheme_id
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS x(id bigint, composite numeric, grade text, indicators jsonb, counts jsonb, scheme_id bigint)`.execute(
      db,
    );
  },

  async insertPeriod(db: Db, unitId: string, period: string, userId: string): Promise<void> {
    await sql`INSERT INTO assessment_periods (unit_id, period, frozen_by) VALUES (${unitId}, ${period}, ${userId})`.execute(
      db,
    );
  },
};
