import { Type } from 'typebox';
import type { App } from '../../../http/app-types.ts';
import { Id, IdParams, Paging } from '../../../http/schemas.ts';
import { assertInScope, authorize, can } from '../../access/authorize.ts';
import { originOf } from '../../audit/record.ts';
import { pageOf } from '../paging.ts';
import { registerRetireRoute } from '../retire-route.ts';
import { AddressDetail, AddressPage } from '../schemas.ts';
import { type RegistersContext, resolveWithin } from '../shared.ts';
import { createAddress, renameAddress, retireAddress } from './operations.ts';
import { presentAddress } from './presenter.ts';
import { addressRepository as repo } from './repository.ts';

const tags = ['registers'];
const Level = Type.Union(['road', 'number', 'building', 'unit', 'floor', 'room'].map((l) => Type.Literal(l)));

export function registerAddressRoutes(app: App, ctx: RegistersContext): void {
  const { db } = ctx;

  async function detail(actorId: Parameters<typeof can>[0], id: string) {
    const row = await repo.find(db, id);
    assertInScope(actorId, row?.grid_path, '地址', id);
    const ancestors = await repo.ancestors(db, id);
    return {
      ...presentAddress(row!),
      ancestors,
      actions:
        can(actorId, 'registers.write') && !row!.retired_at
          ? ['address.edit', 'address.retire', 'address.addChild']
          : [],
    };
  }

  app.get(
    '/api/addresses',
    {
      schema: {
        tags,
        summary: '标准地址列表 (addresses in my scope: children of parentId, or within an org unit)',
        querystring: Type.Object({
          parentId: Type.Optional(Id),
          within: Type.Optional(Id),
          level: Type.Optional(Level),
          includeRetired: Type.Optional(Type.Boolean()),
          ...Paging,
        }),
        response: { 200: AddressPage },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registers.read');
      const q = request.query;
      const { items, total } = await repo.list(
        db,
        actor,
        {
          parentId: q.parentId,
          withinPath: await resolveWithin(db, actor, q.within),
          level: q.level,
          includeRetired: q.includeRetired,
        },
        pageOf(q),
      );
      return { items: items.map(presentAddress), total };
    },
  );

  app.post(
    '/api/addresses',
    {
      schema: {
        tags,
        summary: '新增标准地址 (add an address element under its parent)',
        body: Type.Object(
          {
            parentId: Type.Optional(Id),
            level: Level,
            name: Type.String({ minLength: 1, maxLength: 100 }),
            code: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z._-]+$' })),
            gridId: Type.Optional(Id),
            buildingId: Type.Optional(Id),
            unitNo: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
            floor: Type.Optional(Type.Integer({ minimum: -5, maximum: 200 })),
            room: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: AddressDetail },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registers.write');
      const id = await createAddress({
        ...ctx,
        actor,
        origin: originOf(request),
        input: request.body as never,
      });
      return reply.status(201).send(await detail(actor, id));
    },
  );

  app.get(
    '/api/addresses/:id',
    {
      schema: {
        tags,
        summary: '地址详情 (address with its ancestors)',
        params: IdParams,
        response: { 200: AddressDetail },
      },
    },
    async (request) => detail(authorize(request, 'registers.read'), request.params.id),
  );

  app.patch(
    '/api/addresses/:id',
    {
      schema: {
        tags,
        summary: '修改地址名称 (rename; full names below follow)',
        params: IdParams,
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 100 }) },
          { additionalProperties: false },
        ),
        response: { 200: AddressDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registers.write');
      await renameAddress({
        ...ctx,
        actor,
        origin: originOf(request),
        id: request.params.id,
        name: request.body.name,
      });
      return detail(actor, request.params.id);
    },
  );

  registerRetireRoute(app, {
    path: '/api/addresses/:id/retire',
    tags,
    summary: '注销地址 (retire; kept for history)',
    retire: ({ effectiveDate, ...values }) =>
      retireAddress({ ...ctx, ...values, effectiveDate: effectiveDate }),
    detail,
    response: AddressDetail,
  });
}
