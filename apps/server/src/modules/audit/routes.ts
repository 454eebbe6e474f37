import { sql } from 'kysely';
import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { Id, iso, Nullable, Paging, Timestamp } from '../../http/schemas.ts';
import { authorize } from '../access/authorize.ts';
import { pathInScope } from '../access/scope-sql.ts';
import { auditKey } from './chain.ts';
import { verifyAuditChain } from './verify.ts';

const AuditEntry = Type.Object(
  {
    id: Id,
    at: Timestamp,
    userId: Nullable(Id),
    username: Nullable(Type.String()),
    action: Type.String(),
    targetType: Type.String(),
    targetId: Nullable(Type.String()),
    ip: Nullable(Type.String()),
    details: Type.Unknown(),
  },
  { title: 'AuditEntry' },
);

export function registerAuditRoutes(app: App, { db }: AppContext): void {
  app.get(
    '/api/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: "校验审计日志哈希链 (verify the audit log's keyed hash chain; the first broken record)",
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            checked: Type.Integer(),
            unchained: Type.Integer(),
            pending: Type.Integer(),
            firstBroken: Type.Optional(
              Type.Object({
                id: Type.Union([Type.String(), Type.Null()]),
                reason: Type.Union([
                  Type.Literal('anchor_forged'),
                  Type.Literal('missing_before'),
                  Type.Literal('prev_mismatch'),
                  Type.Literal('hash_mismatch'),
                  Type.Literal('record_forged'),
                  Type.Literal('copied'),
                ]),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      authorize(request, 'audit.read');
      return verifyAuditChain(db, auditKey());
    },
  );

  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志 (audit log of writes and personal-data reads by users in my scope)',
        querystring: Type.Object({
          userId: Type.Optional(Type.String({ pattern: '^[0-9]+$' })),
          action: Type.Optional(Type.String({ maxLength: 100 })),
          targetType: Type.Optional(Type.String({ maxLength: 50 })),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          ...Paging,
        }),
        response: { 200: Type.Object({ items: Type.Array(AuditEntry), total: Type.Integer() }) },
      },
    },
    async (request) => {
      const actor = authorize(request, 'audit.read');
      const q = request.query;
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 50;
      // Entries by users whose assignments lie in my scope, plus anonymous failures.
      let query = db
        .selectFrom('audit_log as a')
        .leftJoin('users as u', 'u.id', 'a.user_id')
        .where((eb) =>
          eb.or([
            eb('a.user_id', 'is', null),
            eb.exists(
              eb
                .selectFrom('user_assignments as ua')
                .innerJoin('org_units as o', 'o.id', 'ua.org_unit_id')
                .whereRef('ua.user_id', '=', 'a.user_id')
                .where(pathInScope(actor, 'o.path')),
            ),
          ]),
        );
      if (q.userId) query = query.where('a.user_id', '=', q.userId);
      if (q.action) query = query.where('a.action', 'like', `${q.action}%`);
      if (q.targetType) query = query.where('a.target_type', '=', q.targetType);
      if (q.from) query = query.where('a.at', '>=', new Date(q.from));
      if (q.to) query = query.where('a.at', '<', new Date(q.to));
      const [rows, total] = await Promise.all([
        query
          .select([
            'a.id',
            'a.at',
            'a.user_id',
            'u.username',
            'a.action',
            'a.target_type',
            'a.target_id',
            'a.ip',
            'a.details',
          ])
          .orderBy('a.id', 'desc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        total: total.n,
        items: rows.map((r) => ({
          id: r.id,
          at: iso(r.at),
          userId: r.user_id,
          username: r.username,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          ip: r.ip,
          details: r.details,
        })),
      };
    },
  );
}
