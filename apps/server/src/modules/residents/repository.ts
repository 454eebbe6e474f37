import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** Open cases of these states are offered for "+1"; a closed or refused one is not. */
export const JOINABLE_STATES = [
  'reported',
  'confirming',
  'accepted',
  'filed',
  'dispatched',
  'in_progress',
  'suspended',
  'rework',
];

/** What a resident may see of a case (joined to its category as `cat`): presenter.ts presentCase. */
const PUBLIC_CASE_COLUMNS = [
  'c.id',
  'c.code',
  'c.category_code',
  'cat.name_zh as category_zh',
  'cat.name_en as category_en',
  'c.address',
  'c.description',
  'c.state',
  'c.plus_ones',
  'c.reported_at',
  'c.lon',
  'c.lat',
] as const;

/** Whether the resident reported the case or joined it with "+1". */
const followedBy = (userId: string) =>
  sql<boolean>`(c.reporter_user_id = ${userId}
    OR EXISTS (SELECT 1 FROM case_plus_ones p WHERE p.case_id = c.id AND p.user_id = ${userId}))`;

export const residentRepository = {
  insertCode(db: Db, values: { phone: string; codeHash: string; ttlSeconds: number }) {
    return db
      .insertInto('resident_sign_in_codes')
      .values({
        phone: values.phone,
        code_hash: values.codeHash,
        expires_at: sql<Date>`now() + make_interval(secs => ${values.ttlSeconds})`,
      })
      .execute();
  },

  /** Marks the matching live code used; null when there is none (wrong, expired or used). */
  useCode(db: Db, phone: string, codeHash: string) {
    return db
      .updateTable('resident_sign_in_codes')
      .set({ used_at: sql<Date>`now()` })
      .where('phone', '=', phone)
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', sql<Date>`now()`)
      .returning('id')
      .executeTakeFirst();
  },

  findAccount(db: Db, phone: string) {
    return db
      .selectFrom('resident_accounts')
      .select(['user_id'])
      .where('phone', '=', phone)
      .executeTakeFirst();
  },

  async createAccount(db: Db, values: { phone: string; passwordHash: string }) {
    const user = await db
      .insertInto('users')
      .values({
        username: `r${values.phone}`,
        display_name: `居民${values.phone.slice(-4)}`,
        phone: values.phone,
        password_hash: values.passwordHash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('user_roles').values({ user_id: user.id, role_code: 'resident' }).execute();
    await db.insertInto('resident_accounts').values({ user_id: user.id, phone: values.phone }).execute();
    return user.id;
  },

  /** Cases the resident reported or joined (or the one given), newest first. */
  listFollowed(db: Db, userId: string, caseId?: string) {
    let query = db
      .selectFrom('cases as c')
      .innerJoin('case_categories as cat', 'cat.code', 'c.category_code')
      .leftJoin('resident_case_ratings as r', (j) =>
        j.onRef('r.case_id', '=', 'c.id').on('r.user_id', '=', userId),
      )
      .select([
        ...PUBLIC_CASE_COLUMNS,
        'c.closed_at',
        sql<boolean>`c.reporter_user_id IS DISTINCT FROM ${userId}`.as('joined'),
        'r.score as rating',
        'r.comment as rating_comment',
      ])
      .where(followedBy(userId));
    if (caseId) query = query.where('c.id', '=', caseId);
    return query.orderBy('c.reported_at', 'desc').orderBy('c.id', 'desc').limit(200).execute();
  },

  holdAnonymousPhoto(db: Db, attachmentId: string, tokenHash: string) {
    return db
      .insertInto('anonymous_photos')
      .values({ attachment_id: attachmentId, token_hash: tokenHash })
      .execute();
  },

  /** Releases the held photos whose token matches and that no case uses yet; the ids released. */
  async claimAnonymousPhotos(db: Db, photos: { id: string; tokenHash: string }[]): Promise<string[]> {
    if (photos.length === 0) return [];
    const rows = await db
      .deleteFrom('anonymous_photos as h')
      .using('attachments as a')
      .whereRef('a.id', '=', 'h.attachment_id')
      .where('a.case_id', 'is', null)
      .where((eb) =>
        eb.or(
          photos.map((p) => eb.and([eb('h.attachment_id', '=', p.id), eb('h.token_hash', '=', p.tokenHash)])),
        ),
      )
      .returning('h.attachment_id')
      .execute();
    return rows.map((r) => r.attachment_id);
  },

  insertTrackingCode(db: Db, codeHash: string, caseId: string) {
    return db.insertInto('case_tracking_codes').values({ code_hash: codeHash, case_id: caseId }).execute();
  },

  /** The case a tracking code follows, with what its public view shows. */
  trackedCase(db: Db, codeHash: string) {
    return db
      .selectFrom('case_tracking_codes as t')
      .innerJoin('cases as c', 'c.id', 't.case_id')
      .innerJoin('case_categories as cat', 'cat.code', 'c.category_code')
      .select(PUBLIC_CASE_COLUMNS)
      .where('t.code_hash', '=', codeHash)
      .executeTakeFirst();
  },

  /** Steps in order, with only what may be shown in public: the state reached and the public note. */
  publicSteps(db: Db, caseId: string) {
    return db
      .selectFrom('case_steps')
      .select([
        'seq',
        'action',
        'to_state',
        'at',
        sql<string | null>`nullif(btrim(public_note), '')`.as('public_note'),
      ])
      .where('case_id', '=', caseId)
      .orderBy('seq')
      .execute();
  },

  /** Open cases of a category within a box around a point, reported in the last `days` days. */
  nearbyOpen(
    db: Db,
    options: { lon: number; lat: number; categoryCode: string; degrees: number; days: number },
  ) {
    const { lon, lat, degrees } = options;
    return db
      .selectFrom('cases as c')
      .innerJoin('case_categories as cat', 'cat.code', 'c.category_code')
      .select(PUBLIC_CASE_COLUMNS)
      .where('c.category_code', '=', options.categoryCode)
      .where('c.state', 'in', JOINABLE_STATES)
      .where('c.merged_into', 'is', null)
      .where('c.lon', '>=', lon - degrees)
      .where('c.lon', '<=', lon + degrees)
      .where('c.lat', '>=', lat - degrees)
      .where('c.lat', '<=', lat + degrees)
      .where('c.reported_at', '>', sql<Date>`now() - make_interval(days => ${options.days})`)
      .orderBy('c.reported_at', 'desc')
      .limit(50)
      .execute();
  },

  async caseVersion(db: Db, caseId: string): Promise<number> {
    const row = await db
      .selectFrom('cases')
      .select('version')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    return row.version;
  },

  lockCase(db: Db, caseId: string) {
    return db
      .selectFrom('cases')
      .select(['id', 'state', 'reporter_user_id', 'merged_into'])
      .where('id', '=', caseId)
      .forUpdate()
      .executeTakeFirst();
  },

  async addPlusOne(db: Db, caseId: string, userId: string): Promise<boolean> {
    const inserted = await db
      .insertInto('case_plus_ones')
      .values({ case_id: caseId, user_id: userId })
      .onConflict((oc) => oc.doNothing())
      .returning('case_id')
      .executeTakeFirst();
    if (!inserted) return false;
    await db
      .updateTable('cases')
      .set({ plus_ones: sql<number>`plus_ones + 1` })
      .where('id', '=', caseId)
      .execute();
    return true;
  },

  insertRating(db: Db, values: { caseId: string; userId: string; score: number; comment: string | null }) {
    return db
      .insertInto('resident_case_ratings')
      .values({
        case_id: values.caseId,
        user_id: values.userId,
        score: values.score,
        comment: values.comment,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('case_id')
      .executeTakeFirst();
  },

  /** Standard addresses down to the building whose full name holds the text, for "my grid". */
  searchAddresses(db: Db, text: string) {
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return db
      .selectFrom('addresses')
      .select(['id', 'full_name'])
      .where('level', 'in', ['road', 'number', 'building'])
      .where('retired_at', 'is', null)
      .where('full_name', 'like', pattern)
      .orderBy(sql`length(full_name)`)
      .orderBy('id')
      .limit(10)
      .execute();
  },

  findAddress(db: Db, id: string) {
    return db
      .selectFrom('addresses')
      .select(['id', 'grid_id'])
      .where('id', '=', id)
      .where('retired_at', 'is', null)
      .executeTakeFirst();
  },

  async homeGrid(db: Db, userId: string): Promise<string | null> {
    const row = await db
      .selectFrom('resident_accounts')
      .select('home_grid_id')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.home_grid_id ?? null;
  },

  /** False when the user has no resident account. */
  async setHomeGrid(db: Db, userId: string, gridId: string): Promise<boolean> {
    const row = await db
      .updateTable('resident_accounts')
      .set({ home_grid_id: gridId })
      .where('user_id', '=', userId)
      .returning('user_id')
      .executeTakeFirst();
    return Boolean(row);
  },

  /** A grid with its community and street and its full-time worker (null when the post is empty). */
  gridWithWorker(db: Db, gridId: string) {
    return db
      .selectFrom('org_units as g')
      .innerJoin('org_units as cm', 'cm.id', 'g.parent_id')
      .innerJoin('org_units as st', 'st.id', 'cm.parent_id')
      .leftJoin('grid_team_members as m', (j) =>
        j.onRef('m.grid_id', '=', 'g.id').on('m.team_role', '=', 'full_time'),
      )
      .leftJoin('users as u', 'u.id', 'm.user_id')
      .select([
        'g.id',
        'g.code',
        'g.name',
        'cm.id as community_id',
        'cm.name as community_name',
        'st.name as street_name',
        'u.display_name as worker_name',
        'u.phone as worker_phone',
      ])
      .where('g.id', '=', gridId)
      .where('g.level', '=', 'grid')
      .executeTakeFirst();
  },
};
