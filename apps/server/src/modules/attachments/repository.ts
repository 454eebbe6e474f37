import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AttachmentsTable, Database } from '../../db/schema.ts';

export type AttachmentRow = Selectable<AttachmentsTable>;
export type NewAttachment = Insertable<AttachmentsTable>;

/** Any Kysely handle on the platform's database: the pool or a transaction. */
type Handle = Kysely<Database>;

export const attachmentRepository = {
  async insert(db: Handle, row: NewAttachment): Promise<AttachmentRow> {
    return db.insertInto('attachments').values(row).returningAll().executeTakeFirstOrThrow();
  },

  async findById(db: Handle, id: string): Promise<AttachmentRow | undefined> {
    return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  },
};
