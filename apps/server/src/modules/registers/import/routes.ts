// Excel import of the registers: template download, upload (dry run by default), job polling.
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { isStorableText } from '@wangge/rules';
import type { FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import type { App } from '../../../http/app-types.ts';
import { AppError, badRequest, notFound } from '../../../http/errors.ts';
import { Id } from '../../../http/schemas.ts';
import { authorize } from '../../access/authorize.ts';
import { originOf } from '../../audit/record.ts';
import type { GridIndex } from '../../grids/grid-index.ts';
import { RegisterImportJob } from '../schemas.ts';
import type { RegistersContext } from '../shared.ts';
import type { RegisterName } from './columns.ts';
import { type ImportJobRow, importJobs } from './repository.ts';
import { runImport } from './run.ts';
import { buildTemplate } from './template.ts';

const tags = ['registers'];
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;
/** Files up to this size are imported within the request; bigger ones answer 202 and run as a job. */
export const SYNC_MAX_BYTES = 256 * 1024;

export const RegisterParam = Type.Object({
  register: Type.String({
    pattern: '^(addresses|people|houses|units)(\\.xlsx)?$',
    description: 'addresses | people | houses | units',
  }),
});
export const registerOf = (param: string) => param.replace(/\.xlsx$/, '') as RegisterName;

const FILE_NAMES: Record<RegisterName, string> = {
  addresses: '标准地址',
  people: '实有人口',
  houses: '实有房屋',
  units: '实有单位',
};
/** The upload's own name, kept for the job list: cut by code points, dropped if unstorable. */
function storableName(name: string | undefined): string | null {
  const clipped = Array.from(name ?? '')
    .slice(0, 200)
    .join('');
  return clipped && isStorableText(clipped) ? clipped : null;
}

export function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function presentImport(row: ImportJobRow) {
  return {
    id: row.id,
    register: row.register,
    dryRun: row.dry_run,
    fileName: row.file_name,
    status: row.status,
    rowsTotal: row.rows_total,
    rowsDone: row.rows_done,
    /** How far the file has been read, 0–1 (1 when finished): the progress bar of a running job. */
    progress: row.progress,
    rowsCreated: row.rows_created,
    errorsTotal: row.errors_total,
    errors: row.errors as Static<typeof RegisterImportJob>['errors'],
    message: row.message,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

/** The upload, streamed to a private temporary file (size-limited), never held in memory. */
async function receiveUpload(request: FastifyRequest) {
  const tooLarge = () =>
    new AppError(
      413,
      'payload_too_large',
      `文件不能超过 ${IMPORT_MAX_BYTES} 字节 (file larger than ${IMPORT_MAX_BYTES} bytes)`,
      {
        field: 'file',
        limitBytes: IMPORT_MAX_BYTES,
      },
    );
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wangge-import-'));
  const file = path.join(dir, 'upload.xlsx');
  try {
    const part = await request.file({ limits: { fileSize: IMPORT_MAX_BYTES } });
    if (!part) throw badRequest('file', '缺少文件 (missing file)');
    if (part.fieldname !== 'file') {
      part.file.resume();
      throw badRequest('file', `文件应放在字段 file 中 (the workbook goes in field "file")`);
    }
    await pipeline(part.file, createWriteStream(file, { mode: 0o600 }));
    if (part.file.truncated) throw tooLarge();
    const handle = await open(file);
    const { size } = await handle.stat();
    const magic = Buffer.alloc(4);
    await handle.read(magic, 0, 4, 0);
    await handle.close();
    if (size === 0) throw badRequest('file', '空文件 (empty file)');
    if (magic.toString('latin1') !== 'PK\x03\x04')
      throw badRequest('file', '不是 .xlsx 文件 (not an .xlsx workbook)');
    return { file, dir, size, fileName: storableName(part.filename) };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    if (err instanceof AppError) throw err;
    const { statusCode, code, message } = err as { statusCode?: number; code?: string; message?: string };
    if (code === 'FST_REQ_FILE_TOO_LARGE' || statusCode === 413) throw tooLarge();
    if (statusCode && statusCode < 500) throw badRequest('file', `上传数据无效 (${message})`);
    throw err;
  }
}

export async function registerImportRoutes(
  app: App,
  ctx: RegistersContext & { gridIndex: GridIndex },
): Promise<void> {
  const { db } = ctx;
  await importJobs.failInterrupted(db);
  const running = new Set<Promise<unknown>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...running]);
  });

  app.get(
    '/api/registers/templates/:register',
    {
      schema: { tags, summary: '导入模板 (the .xlsx import template of a register)', params: RegisterParam },
    },
    async (request, reply) => {
      authorize(request, 'registers.read');
      const register = registerOf(request.params.register);
      const body = await buildTemplate(register);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachment(`${FILE_NAMES[register]}导入模板.xlsx`))
        .send(body);
    },
  );

  app.post(
    '/api/registers/import/:register',
    {
      schema: {
        tags,
        summary:
          '导入 Excel (multipart field "file"; dryRun=true by default checks only; dryRun=false writes all rows or none)',
        params: RegisterParam,
        querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: true })) }),
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 100 })),
        }),
        response: { 200: RegisterImportJob, 202: RegisterImportJob },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registers.write');
      const register = registerOf(request.params.register);
      const dryRun = request.query.dryRun !== false;
      // A retried upload (same Idempotency-Key) whose first attempt was applied gets that job back.
      const key = dryRun ? null : (request.headers['idempotency-key'] ?? null);
      const applied = async () => (key ? await importJobs.applied(db, actor.userId, key) : undefined);
      const upload = await receiveUpload(request);
      const earlier = await applied();
      if (earlier) {
        await rm(upload.dir, { recursive: true, force: true });
        return reply.code(200).send(presentImport(earlier));
      }
      const importId = await importJobs.create(db, {
        userId: actor.userId,
        register,
        dryRun,
        fileName: upload.fileName,
        idempotencyKey: key,
      });
      const job = runImport({
        ...ctx,
        actor,
        origin: originOf(request),
        importId,
        register,
        file: upload.file,
        fileName: upload.fileName,
        dryRun,
        log: (err) => request.log.error({ err, importId }, 'register import failed'),
      })
        .catch((err) => request.log.error({ err, importId }, 'register import failed'))
        .finally(() => rm(upload.dir, { recursive: true, force: true }));
      if (upload.size <= SYNC_MAX_BYTES) {
        await job;
        const row = await importJobs.find(db, importId);
        // Lost a race with a concurrent retry of the same key: answer with the one that applied.
        const winner = row?.status === 'failed' ? await applied() : undefined;
        return reply.code(200).send(presentImport(winner ?? row!));
      }
      running.add(job);
      void job.finally(() => running.delete(job));
      const row = await importJobs.find(db, importId);
      return reply
        .code(202)
        .header('location', `/api/registers/imports/${importId}`)
        .send(presentImport(row!));
    },
  );

  app.get(
    '/api/registers/imports/:id',
    {
      schema: {
        tags,
        summary: '导入进度与结果 (an import job: progress, counts, bad rows); only its own user sees it',
        params: Type.Object({ id: Id }),
        response: { 200: RegisterImportJob },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registers.write');
      const row = await importJobs.find(db, request.params.id);
      if (!row || row.user_id !== actor.userId) throw notFound('导入任务', request.params.id);
      return presentImport(row);
    },
  );
}
