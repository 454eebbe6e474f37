import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { AppError, badRequest, forbidden } from '../../http/errors.ts';
import { IdParams } from '../../http/schemas.ts';
import { authorize } from '../access/authorize.ts';
import { originOf } from '../audit/record.ts';
import { findReadableAttachment, readAttachmentFile, uploadAttachment } from './operations.ts';
import { presentAttachment } from './presenter.ts';
import type { AttachmentRow } from './repository.ts';
import { type FileStorage, LocalDiskStorage } from './storage.ts';

const tags = ['attachments'];

const Attachment = Type.Object(
  {
    id: Type.String(),
    mime: Type.String(),
    sizeBytes: Type.Integer(),
    width: Type.Integer(),
    height: Type.Integer(),
    takenAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'EXIF DateTimeOriginal',
    }),
    location: Type.Union([Type.Object({ lon: Type.Number(), lat: Type.Number() }), Type.Null()], {
      description: 'EXIF GPS position, WGS-84',
    }),
    url: Type.String(),
    thumbnailUrl: Type.String(),
    sha256: Type.String(),
    originalName: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'Attachment' },
);

const CACHE_CONTROL = 'private, max-age=86400';

/** The one file of a multipart upload, within the size limit; 400 / 413 name the field 'file'. */
export async function readUpload(
  request: FastifyRequest,
  maxBytes: number,
): Promise<{ data: Buffer; filename: string }> {
  if (!request.isMultipart()) {
    throw badRequest(
      'file',
      '请用 multipart/form-data 上传照片，字段名 file (send the photo as multipart field "file")',
    );
  }
  const tooLarge = () =>
    new AppError(
      413,
      'payload_too_large',
      `照片不能超过 ${maxBytes} 字节 (photo larger than ${maxBytes} bytes)`,
      {
        field: 'file',
        limitBytes: maxBytes,
      },
    );
  try {
    const part = await request.file();
    if (!part) throw badRequest('file', '缺少照片 (missing file)');
    if (part.fieldname !== 'file') {
      part.file.resume();
      throw badRequest(
        'file',
        `照片应放在字段 file 中，而不是 ${part.fieldname} (the photo goes in field "file")`,
      );
    }
    const data = await part.toBuffer();
    if (data.length === 0) throw badRequest('file', '照片是空文件 (empty file)');
    return { data, filename: part.filename };
  } catch (err) {
    if (err instanceof AppError) throw err;
    const { statusCode, code, message } = err as { statusCode?: number; code?: string; message?: string };
    if (code === 'FST_REQ_FILE_TOO_LARGE' || statusCode === 413) throw tooLarge();
    if (statusCode && statusCode < 500) throw badRequest('file', `上传数据无效 (${message})`);
    throw err;
  }
}

/** Bytes with their sniffed type, privately cacheable; an ETag from the content hash answers revalidation with 304. */
async function sendFile(
  storage: FileStorage,
  request: FastifyRequest,
  reply: FastifyReply,
  row: AttachmentRow,
  variant: 'original' | 'thumbnail',
) {
  const etag = variant === 'original' ? `"${row.sha256}"` : `"${row.sha256}-thumb"`;
  reply
    .header('cache-control', CACHE_CONTROL)
    .header('etag', etag)
    .header('x-content-type-options', 'nosniff');
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    return reply.status(304).send();
  }
  const data = await readAttachmentFile({ storage, row, variant });
  if (variant === 'original') {
    reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(row.original_name)}`);
  }
  return reply.type(variant === 'original' ? row.mime : 'image/jpeg').send(data);
}

export function registerAttachmentRoutes(
  app: App,
  { db, config }: AppContext,
  storage: FileStorage = new LocalDiskStorage(config.filesDir),
): void {
  app.post(
    '/api/attachments',
    {
      schema: {
        tags,
        summary: '上传照片 (upload one photo: multipart field "file"; JPEG, PNG, WebP or HEIC)',
        consumes: ['multipart/form-data'],
        response: { 201: Attachment },
      },
    },
    async (request, reply) => {
      const actor = authorize(request);
      if (actor.roles.length === 0)
        throw forbidden('没有任何角色的用户不能上传照片 (a role is needed to upload)');
      const file = await readUpload(request, config.attachmentMaxBytes);
      const row = await uploadAttachment({ db, storage, actor, origin: originOf(request), file });
      return reply.status(201).send(presentAttachment(row));
    },
  );

  app.get(
    '/api/attachments/:id',
    { schema: { tags, summary: '照片原图 (the original bytes)', params: IdParams } },
    async (request, reply) => {
      const actor = authorize(request);
      const row = await findReadableAttachment(db, actor, request.params.id);
      return sendFile(storage, request, reply, row, 'original');
    },
  );

  app.get(
    '/api/attachments/:id/thumbnail',
    { schema: { tags, summary: '照片缩略图 (JPEG, longest side 320 px)', params: IdParams } },
    async (request, reply) => {
      const actor = authorize(request);
      const row = await findReadableAttachment(db, actor, request.params.id);
      return sendFile(storage, request, reply, row, 'thumbnail');
    },
  );
}
