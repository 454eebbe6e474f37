// Writes the demo's year of service errands (errand-history.ts) inside the seed transaction:
// errands, their append-only steps, the document photos each step added and the inbox rows of
// the errands still waiting for someone. The photos are drawn here (a sketch of a paper document
// per document kind, no text, so no font is needed) and stored like any upload: content-addressed,
// so every errand's "ID card copy" shares one file while each keeps its own attachment row.
import { createHash } from 'node:crypto';
import { type NotificationKey, notificationTitle } from '@wangge/rules';
import { type Kysely, sql } from 'kysely';
import sharp from 'sharp';
import type { Database } from '../../db/schema.ts';
import { analysePhoto } from '../attachments/images.ts';
import { type FileStorage, originalKey, thumbnailKey } from '../attachments/storage.ts';
import { generateErrandHistory, type PlannedErrand } from './errand-history.ts';
import type { DemoData } from './types.ts';

const CHUNK = 1000;
const DAY = 86_400_000;

export interface SeedErrandsResult {
  errands: number;
  steps: number;
  documents: number;
}

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export async function seedErrands(
  db: Kysely<Database>,
  data: DemoData,
  options: { today: Date; files: FileStorage },
): Promise<SeedErrandsResult> {
  const types = (
    await db
      .selectFrom('errand_types')
      .select(['code', 'name_zh', 'name_en', 'department_kind', 'time_limit_days', 'required_documents'])
      .where('active', '=', true)
      .orderBy('code')
      .execute()
  ).map((t) => ({
    code: t.code,
    nameZh: t.name_zh,
    nameEn: t.name_en,
    departmentKind: t.department_kind,
    timeLimitDays: t.time_limit_days,
    documents: (t.required_documents as { key: string; labelZh: string }[]).map((d) => ({
      key: d.key,
      labelZh: d.labelZh,
    })),
  }));
  // Up to 40 residents per grid, chosen by a hash of the id so the choice is stable.
  const people = (
    await sql<{ id: string; name: string; grid_code: string; age: number }>`
      SELECT id::text, name, grid_code, age FROM (
        SELECT p.id, p.name, o.code AS grid_code,
               extract(year FROM age(${options.today}::timestamptz, p.birth_date::timestamptz))::int AS age,
               row_number() OVER (PARTITION BY p.grid_id, p.birth_date < (${options.today}::date - interval '60 years')
                                  ORDER BY md5(p.id::text)) AS k
        FROM people p JOIN org_units o ON o.id = p.grid_id
        WHERE p.status = 'active') t
      WHERE k <= 20 ORDER BY id`.execute(db)
  ).rows.map((p) => ({ id: p.id, name: p.name, gridCode: p.grid_code, age: p.age }));
  const plan = generateErrandHistory({ data, types, people, today: options.today });
  if (plan.length === 0) return { errands: 0, steps: 0, documents: 0 };

  const units = new Map(
    (await db.selectFrom('org_units').select(['id', 'code', 'path']).execute()).map((u) => [u.code, u]),
  );
  const departments = new Map(
    (await db.selectFrom('departments').select(['id', 'code', 'name']).execute()).map((d) => [d.code, d]),
  );
  const users = new Map(
    (await db.selectFrom('users').select(['id', 'username', 'display_name']).execute()).map((u) => [
      u.username,
      u,
    ]),
  );
  const user = (username: string) => users.get(username)!;
  const names = new Map(people.map((p) => [p.id, p.name]));
  const typeOf = new Map(types.map((t) => [t.code, t]));

  const errandIds = new Map<string, string>();
  for (const chunk of chunks(plan)) {
    const rows = await db
      .insertInto('errands')
      .values(
        chunk.map((e) => {
          const grid = units.get(e.gridCode)!;
          return {
            code: e.code,
            type_code: e.typeCode,
            person_id: e.personId,
            grid_id: grid.id,
            grid_path: grid.path,
            started_by: user(e.worker).id,
            department_id: e.departmentCode ? departments.get(e.departmentCode)!.id : null,
            state: e.state,
            fields: JSON.stringify(e.fields),
            note: '',
            version: e.version,
            started_at: e.startedAt,
            submitted_at: e.submittedAt,
            due_at: e.dueAt,
            completed_at: e.completedAt,
            completion_note: e.completionNote,
            updated_at: e.steps[e.steps.length - 1]!.at,
          };
        }),
      )
      .returning(['id', 'code'])
      .execute();
    for (const row of rows) errandIds.set(row.code, row.id);
  }
  await sql`SELECT setval('errand_code_seq', ${plan.length})`.execute(db);

  // One attachment row per document step, all of a kind sharing the stored file.
  const files = await storeDocumentImages(options.files, [
    ...new Set(types.flatMap((t) => t.documents.map((d) => d.key))),
  ]);
  const docSteps = plan.flatMap((e) => e.steps.filter((s) => s.documentKey).map((s) => ({ e, s })));
  const attachmentIds = new Map<string, string>();
  for (const chunk of chunks(docSteps)) {
    const rows = await db
      .insertInto('attachments')
      .values(
        chunk.map(({ e, s }) => {
          const file = files.get(s.documentKey!)!;
          return {
            uploaded_by: user(s.actor).id,
            created_at: s.at,
            original_name: `${e.code}-${s.seq}-${s.documentKey}.jpg`,
            mime: 'image/jpeg',
            size_bytes: file.size,
            sha256: file.sha256,
            width: file.width,
            height: file.height,
            taken_at: s.at,
            storage_key: originalKey(file.sha256),
            thumb_key: thumbnailKey(file.sha256),
            case_id: null,
          };
        }),
      )
      .returning(['id', 'original_name'])
      .execute();
    for (const row of rows) attachmentIds.set(row.original_name, row.id);
  }

  const steps = plan.flatMap((e) =>
    e.steps.map((s) => {
      const details = { ...s.details };
      if (s.documentKey) details.attachmentId = attachmentIds.get(`${e.code}-${s.seq}-${s.documentKey}.jpg`);
      if (s.action === 'leaderApprove' && e.departmentCode) {
        const d = departments.get(e.departmentCode)!;
        details.department = { id: d.id, name: d.name };
      }
      return {
        errand_id: errandIds.get(e.code)!,
        seq: s.seq,
        action: s.action,
        from_state: s.from,
        to_state: s.to,
        actor_user_id: user(s.actor).id,
        actor_name: user(s.actor).display_name,
        actor_role: s.role,
        note: s.note,
        reason: s.reason,
        details: JSON.stringify(details),
        at: s.at,
      };
    }),
  );
  const stepIds = new Map<string, string>();
  for (const chunk of chunks(steps)) {
    const rows = await db
      .insertInto('errand_steps')
      .values(chunk)
      .returning(['id', 'errand_id', 'seq'])
      .execute();
    for (const row of rows) stepIds.set(`${row.errand_id}:${row.seq}`, row.id);
  }
  const documents = docSteps.map(({ e, s }) => {
    const errandId = errandIds.get(e.code)!;
    return {
      errand_id: errandId,
      document_key: s.documentKey!,
      attachment_id: attachmentIds.get(`${e.code}-${s.seq}-${s.documentKey}.jpg`)!,
      step_id: stepIds.get(`${errandId}:${s.seq}`)!,
      added_by: user(s.actor).id,
      added_at: s.at,
    };
  });
  for (const chunk of chunks(documents)) await db.insertInto('errand_documents').values(chunk).execute();

  await notifyWaiting(db, plan, { errandIds, names, typeOf, user, today: options.today });
  return { errands: plan.length, steps: steps.length, documents: documents.length };
}

/** Who waits on an open errand hears of it, as the operation that put it there would have told them. */
const WAITING: Partial<Record<PlannedErrand['state'], NotificationKey>> = {
  leader_review: 'errand_review',
  department_review: 'errand_approval',
  awaiting_delivery: 'errand_delivery',
  returned: 'errand_returned',
};

async function notifyWaiting(
  db: Kysely<Database>,
  plan: readonly PlannedErrand[],
  ctx: {
    errandIds: Map<string, string>;
    names: Map<string, string>;
    typeOf: Map<string, { nameZh: string; nameEn: string }>;
    user: (username: string) => { id: string };
    today: Date;
  },
): Promise<void> {
  const rows = plan.flatMap((e) => {
    const kind = WAITING[e.state];
    if (!kind || !e.waitingOn) return [];
    const last = e.steps[e.steps.length - 1]!;
    const titleKey: NotificationKey =
      last.action === 'leaderReturn'
        ? 'errand_returned.leader'
        : last.action === 'departmentReturn'
          ? 'errand_returned.department'
          : kind;
    const type = ctx.typeOf.get(e.typeCode)!;
    const name = ctx.names.get(e.personId)!;
    const params = {
      key: titleKey,
      subject: { zh: `${type.nameZh} · ${name} ${e.code}`, en: `${type.nameEn} · ${name} ${e.code}` },
      errandId: ctx.errandIds.get(e.code)!,
    };
    // Older ones have been read: only the last fortnight's stay unread.
    const read = ctx.today.getTime() - last.at.getTime() > 14 * DAY;
    return [
      {
        user_id: ctx.user(e.waitingOn).id,
        case_id: null,
        kind,
        title: notificationTitle({ titleKey, subject: params.subject }, 'zh'),
        body: '',
        params: JSON.stringify(params),
        created_at: last.at,
        read_at: read ? new Date(last.at.getTime() + DAY) : null,
      },
    ];
  });
  for (const chunk of chunks(rows)) await db.insertInto('notifications').values(chunk).execute();
}

/** A sketch of a paper document per kind: a sheet, a photo box and lines of "text", in the kind's colour. */
async function storeDocumentImages(
  storage: FileStorage,
  keys: readonly string[],
): Promise<Map<string, { sha256: string; size: number; width: number; height: number }>> {
  const out = new Map<string, { sha256: string; size: number; width: number; height: number }>();
  for (const key of keys) {
    const hue = Number.parseInt(createHash('sha256').update(key).digest('hex').slice(0, 4), 16) % 360;
    const lines = Array.from(
      { length: 6 },
      (_, i) =>
        `<rect x="250" y="${110 + i * 44}" width="${300 - (i % 3) * 60}" height="14" rx="4" fill="#9aa3ad"/>`,
    ).join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="440">
      <rect width="640" height="440" fill="#d8d2c4"/>
      <rect x="30" y="30" width="580" height="380" rx="18" fill="hsl(${hue},45%,92%)" stroke="hsl(${hue},40%,55%)" stroke-width="4"/>
      <rect x="60" y="60" width="560" height="24" rx="6" fill="hsl(${hue},40%,70%)" transform="scale(0.93 1)"/>
      <rect x="70" y="110" width="150" height="190" rx="8" fill="#ffffff" stroke="#b8bfc7" stroke-width="3"/>
      <circle cx="145" cy="175" r="38" fill="#c9ced4"/><rect x="95" y="222" width="100" height="60" rx="30" fill="#c9ced4"/>
      ${lines}
      <circle cx="520" cy="340" r="44" fill="none" stroke="#c0392b" stroke-width="5" opacity="0.7"/>
    </svg>`;
    const data = await sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
    const facts = await analysePhoto(data, 'image/jpeg');
    const sha256 = createHash('sha256').update(data).digest('hex');
    if (!(await storage.exists(originalKey(sha256)))) await storage.put(originalKey(sha256), data);
    if (!(await storage.exists(thumbnailKey(sha256))))
      await storage.put(thumbnailKey(sha256), facts.thumbnail);
    out.set(key, { sha256, size: data.length, width: facts.width, height: facts.height });
  }
  return out;
}
