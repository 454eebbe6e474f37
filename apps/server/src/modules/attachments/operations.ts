import { createHash } from 'node:crypto';
import { isStorableText } from '@wangge/rules';
import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/database.ts';
import { notFound } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { caseVisibleTo } from '../cases/visibility.ts';
import { analysePhoto } from './images.ts';
import { type AttachmentRow, attachmentRepository as repo } from './repository.ts';
import { assertImage } from './sniff.ts';
import { type FileStorage, originalKey, thumbnailKey } from './storage.ts';

/** A file name fit to keep: no directories, no control characters, at most 255 characters. */
function cleanName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  // Cut by code points, so a pair is never split into a surrogate the database cannot store.
  const clipped = Array.from(clean).slice(0, 255).join('');
  return isStorableText(clipped) ? clipped || 'photo' : 'photo';
}

/**
 * Stores one photo: sniff the type (415), decode it and read EXIF (422), write original and
 * thumbnail under content-addressed keys (skipped when those bytes are already stored), then
 * one transaction for the row and its audit record. Files are written before the row, so a row
 * never points at a missing file; a crash in between leaves at most an unreferenced file.
 */
export async function uploadAttachment(options: {
  db: Db;
  storage: FileStorage;
  actor: Actor;
  origin: AuditOrigin;
  file: { data: Buffer; filename?: string };
}): Promise<AttachmentRow> {
  const { db, storage, actor, file } = options;
  const mime = assertImage(file.data);
  const facts = await analysePhoto(file.data, mime);
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  const storageKey = originalKey(sha256);
  const thumbKey = thumbnailKey(sha256);
  if (!(await storage.exists(storageKey))) await storage.put(storageKey, file.data);
  if (!(await storage.exists(thumbKey))) await storage.put(thumbKey, facts.thumbnail);

  return db.transaction().execute(async (trx) => {
    const row = await repo.insert(trx, {
      uploaded_by: actor.userId,
      original_name: cleanName(file.filename),
      mime,
      size_bytes: file.data.length,
      sha256,
      width: facts.width,
      height: facts.height,
      taken_at: facts.takenAt,
      lon: facts.location?.lon ?? null,
      lat: facts.location?.lat ?? null,
      storage_key: storageKey,
      thumb_key: thumbKey,
      case_id: null,
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'attachments.upload',
      targetType: 'attachment',
      targetId: row.id,
      details: {
        mime,
        sizeBytes: row.size_bytes,
        sha256,
        originalName: row.original_name,
        hasLocation: facts.location !== null,
      },
    });
    return row;
  });
}

/**
 * The attachment if the caller may see it: their own upload, or a photo of a case they can see.
 * Anything else is 404, never a hint that it exists.
 */
export async function findReadableAttachment(db: Db, actor: Actor, id: string): Promise<AttachmentRow> {
  const row = await repo.findById(db, id);
  if (row) {
    if (row.uploaded_by === actor.userId) return row;
    if (row.case_id !== null && (await caseVisibleTo(db, actor, row.case_id))) return row;
  }
  throw notFound('附件', id);
}

/** Bytes of the original or the thumbnail of a readable attachment. */
export async function readAttachmentFile(options: {
  storage: FileStorage;
  row: AttachmentRow;
  variant: 'original' | 'thumbnail';
}): Promise<Buffer> {
  const { storage, row, variant } = options;
  return storage.get(variant === 'original' ? row.storage_key : row.thumb_key);
}

/**
 * Answers with a photo another record links (an errand's document, an inspection's photo, a
 * mediation agreement) once the caller's right to that record is checked.
 */
export async function sendLinkedAttachment(options: {
  storage: FileStorage;
  row: AttachmentRow;
  variant: 'original' | 'thumbnail';
  reply: FastifyReply;
}) {
  const data = await readAttachmentFile(options);
  return options.reply
    .header('cache-control', 'private, max-age=3600')
    .header('x-content-type-options', 'nosniff')
    .type(options.variant === 'original' ? options.row.mime : 'image/jpeg')
    .send(data);
}
