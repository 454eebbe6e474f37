import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { IdParams } from '../../http/schemas.ts';
import { authorize } from '../access/authorize.ts';
import { originOf } from '../audit/record.ts';
import { publishNotice, withdrawNotice } from './operations.ts';
import { presentNotice, presentPublicNotice } from './presenter.ts';
import { noticeRepository } from './repository.ts';
import { Notice, NoticeList, PublicNotice } from './schemas.ts';

const tags = ['notices'];
const Id = Type.String({ pattern: '^[0-9]{1,18}$' });

export function registerNoticeRoutes(app: App, { db }: AppContext): void {
  app.get(
    '/api/notices',
    {
      schema: {
        tags,
        summary: '通知公告 (the notices of my scope, every state, and the communities I may publish to)',
        response: { 200: NoticeList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'notices.manage');
      const [rows, communities] = await Promise.all([
        noticeRepository.listInScope(db, actor),
        noticeRepository.communitiesInScope(db, actor),
      ]);
      return { items: rows.map(presentNotice), communities };
    },
  );

  app.post(
    '/api/notices',
    {
      schema: {
        tags,
        summary: '发布通知公告 (publish a notice to a community; publishAt absent: now)',
        body: Type.Object({
          communityId: Id,
          title: Type.String({ minLength: 1, maxLength: 100 }),
          body: Type.String({ minLength: 1, maxLength: 5000 }),
          publishAt: Type.Optional(Type.String({ format: 'date-time' })),
          expireAt: Type.Optional(Type.String({ format: 'date-time' })),
        }),
        response: { 201: Notice },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'notices.manage');
      const { publishAt, expireAt, ...rest } = request.body;
      const row = await publishNotice({
        db,
        actor,
        ...rest,
        title: rest.title.trim(),
        publishAt: publishAt ? new Date(publishAt) : null,
        expireAt: expireAt ? new Date(expireAt) : null,
        origin: originOf(request),
      });
      reply.code(201);
      return presentNotice(row);
    },
  );

  app.post(
    '/api/notices/:id/withdraw',
    {
      schema: { tags, summary: '撤回通知 (take a notice down)', params: IdParams, response: { 200: Notice } },
    },
    async (request) => {
      const actor = authorize(request, 'notices.manage');
      const row = await withdrawNotice({ db, actor, id: request.params.id, origin: originOf(request) });
      return presentNotice(row);
    },
  );

  app.get(
    '/api/residents/notices',
    {
      schema: {
        tags,
        summary: '社区通知公告 (a community’s current notices, for residents; no sign-in needed)',
        querystring: Type.Object({ communityId: Id }),
        response: { 200: Type.Object({ items: Type.Array(PublicNotice) }) },
      },
    },
    async (request) => {
      const rows = await noticeRepository.currentOf(db, request.query.communityId);
      return { items: rows.map(presentPublicNotice) };
    },
  );
}
