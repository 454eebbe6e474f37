import { Type } from 'typebox';
import type { App } from '../../../http/app-types.ts';
import { Id, IdParams, Paging } from '../../../http/schemas.ts';
import type { Actor } from '../../access/actor.ts';
import { assertInScope, authorize, can } from '../../access/authorize.ts';
import { originOf } from '../../audit/record.ts';
import { pageOf } from '../paging.ts';
import { presentPersonSummary } from '../people/presenter.ts';
import { registerRetireRoute } from '../retire-route.ts';
import { UnitDetail, UnitPage } from '../schemas.ts';
import { isoDate, type RegistersContext, resolveWithin, todayInChina } from '../shared.ts';
import { createUnit, retireUnit, updateUnit } from './operations.ts';
import { presentUnit } from './presenter.ts';
import { unitRepository as repo } from './repository.ts';

const tags = ['registers'];
const lit = (values: string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Kind = lit(['enterprise', 'shop', 'three_small', 'school', 'hospital', 'social_org']);
const Fields = {
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  creditCode: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 30 }), Type.Null()])),
  legalRepPersonId: Type.Optional(Type.Union([Id, Type.Null()])),
  employees: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  supervisingDepartmentId: Type.Optional(Type.Union([Id, Type.Null()])),
  fireSafetyLevel: Type.Optional(lit(['general', 'key', 'high_risk'])),
};

export function registerUnitRoutes(app: App, ctx: RegistersContext): void {
  const { db, cipher } = ctx;

  async function detail(actor: Actor, id: string) {
    const row = await repo.find(db, id);
    assertInScope(actor, row?.grid_path, '单位', id);
    const people = await repo.people(db, id);
    return {
      ...presentUnit(row!),
      people: people.map((p) => ({
        linkId: p.link_id,
        role: p.role,
        validFrom: isoDate(p.valid_from),
        person: presentPersonSummary(cipher, p),
      })),
      actions:
        can(actor, 'registers.write') && !row!.retired_at ? ['unit.edit', 'unit.retire', 'unit.link'] : [],
    };
  }

  app.get(
    '/api/units',
    {
      schema: {
        tags,
        summary: '实有单位列表 (units in my scope)',
        querystring: Type.Object({ within: Type.Optional(Id), kind: Type.Optional(Kind), ...Paging }),
        response: { 200: UnitPage },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registers.read');
      const q = request.query;
      const { items, total } = await repo.list(
        db,
        actor,
        { withinPath: await resolveWithin(db, actor, q.within), kind: q.kind },
        pageOf(q),
      );
      return { items: items.map(presentUnit), total };
    },
  );

  app.post(
    '/api/units',
    {
      schema: {
        tags,
        summary: '登记单位 (register a unit at an address or in a grid)',
        body: Type.Object(
          {
            ...Fields,
            kind: Kind,
            name: Type.String({ minLength: 1, maxLength: 100 }),
            addressId: Type.Optional(Id),
            gridId: Type.Optional(Id),
          },
          { additionalProperties: false },
        ),
        response: { 201: UnitDetail },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registers.write');
      const { addressId, gridId, ...fields } = request.body;
      const id = await createUnit({
        ...ctx,
        actor,
        origin: originOf(request),
        place: { addressId, gridId },
        fields,
      });
      return reply.status(201).send(await detail(actor, id));
    },
  );

  app.get(
    '/api/units/:id',
    {
      schema: {
        tags,
        summary: '单位详情 (unit with its people, masked)',
        params: IdParams,
        response: { 200: UnitDetail },
      },
    },
    async (request) => detail(authorize(request, 'registers.read'), request.params.id),
  );

  app.patch(
    '/api/units/:id',
    {
      schema: {
        tags,
        summary:
          '修改单位 (name, kind, credit code, legal representative, employees, department, fire safety)',
        params: IdParams,
        body: Type.Object(
          { ...Fields, kind: Type.Optional(Kind) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: UnitDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registers.write');
      await updateUnit({
        ...ctx,
        actor,
        origin: originOf(request),
        id: request.params.id,
        fields: request.body,
      });
      return detail(actor, request.params.id);
    },
  );

  registerRetireRoute(app, {
    path: '/api/units/:id/retire',
    tags,
    summary: '注销单位 (retire; kept for history)',
    retire: ({ effectiveDate, ...values }) =>
      retireUnit({ ...ctx, ...values, effectiveDate: effectiveDate ?? todayInChina() }),
    detail,
    response: UnitDetail,
  });
}
