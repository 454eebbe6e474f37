import websocket from '@fastify/websocket';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { notFound } from '../../http/errors.ts';
import { IdParams, Paging } from '../../http/schemas.ts';
import { authorize } from '../access/authorize.ts';
import { assertSocketOrigin } from './origin.ts';
import { NotificationPage, presentNotification } from './presenter.ts';

const tags = ['notifications'];

export async function registerNotificationRoutes(app: App, { db, hub, config }: AppContext): Promise<void> {
  await app.register(websocket);

  app.get(
    '/api/ws',
    {
      websocket: true,
      schema: { hide: true },
      // Before the upgrade, so a refused origin gets a plain 403 and never a socket.
      preValidation: async (request) => assertSocketOrigin(request, config),
    },
    (socket, request) => {
      // The same gate as every route (a pending forced password change included); the socket
      // is already open, so a refusal is a close code rather than a status.
      let actor: ReturnType<typeof authorize>;
      try {
        actor = authorize(request);
      } catch (err) {
        const status = (err as { status?: number }).status;
        socket.close(status === 403 ? 4403 : 4401, status === 403 ? 'forbidden' : 'unauthenticated');
        return;
      }
      hub.add(actor.userId, socket);
    },
  );

  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: '我的消息 (my inbox of notifications)',
        querystring: Type.Object({ unread: Type.Optional(Type.Boolean()), ...Paging }),
        response: { 200: NotificationPage },
      },
    },
    async (request) => {
      const actor = authorize(request);
      const page = request.query.page ?? 1;
      const pageSize = request.query.pageSize ?? 50;
      let query = db.selectFrom('notifications').where('user_id', '=', actor.userId);
      if (request.query.unread) query = query.where('read_at', 'is', null);
      const [items, unread] = await Promise.all([
        query
          .select(['id', 'kind', 'title', 'body', 'params', 'case_id', 'created_at', 'read_at'])
          .orderBy('id', 'desc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        db
          .selectFrom('notifications')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('user_id', '=', actor.userId)
          .where('read_at', 'is', null)
          .executeTakeFirstOrThrow(),
      ]);
      return {
        unread: unread.n,
        items: items.map(presentNotification),
      };
    },
  );

  app.post(
    '/api/notifications/:id/read',
    { schema: { tags, summary: '标为已读 (mark read)', params: IdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const actor = authorize(request);
      const row = await db
        .updateTable('notifications')
        .set({ read_at: sql`coalesce(read_at, now())` })
        .where('id', '=', request.params.id)
        .where('user_id', '=', actor.userId)
        .returning('id')
        .executeTakeFirst();
      if (!row) throw notFound('消息', request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/notifications/read-all',
    { schema: { tags, summary: '全部已读 (mark all read)', response: { 204: Type.Null() } } },
    async (request, reply) => {
      const actor = authorize(request);
      await db
        .updateTable('notifications')
        .set({ read_at: sql`now()` })
        .where('user_id', '=', actor.userId)
        .where('read_at', 'is', null)
        .execute();
      return reply.status(204).send(null);
    },
  );
}
