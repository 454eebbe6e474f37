import { sql } from 'kysely';
import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';

export function registerHealthRoutes(app: App, { db, config }: AppContext): void {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: '健康检查 (liveness with a database round trip)',
        response: {
          200: Type.Object({ status: Type.Literal('ok') }),
          503: Type.Object({ status: Type.Literal('error'), reason: Type.String() }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await sql`SELECT 1`.execute(db);
        return { status: 'ok' as const };
      } catch (err) {
        return reply.status(503).send({ status: 'error' as const, reason: (err as Error).message });
      }
    },
  );

  app.get(
    '/api/config',
    {
      schema: {
        tags: ['system'],
        summary: '前端配置 (public client configuration)',
        response: {
          200: Type.Object(
            { appName: Type.String(), tileUrl: Type.Union([Type.String(), Type.Null()]) },
            { title: 'AppConfig' },
          ),
        },
      },
    },
    async () => ({ appName: '网格化服务管理平台', tileUrl: config.tileUrl }),
  );
}
