import { HOUSE_LINK_KINDS, HOUSE_OCCUPANCIES, HOUSE_OWNERSHIPS } from '@wangge/rules';
import { Type } from 'typebox';
import type { App } from '../../../http/app-types.ts';
import { badRequest } from '../../../http/errors.ts';
import { Id, IdParams, Paging } from '../../../http/schemas.ts';
import type { Actor } from '../../access/actor.ts';
import { assertInScope, authorize, can } from '../../access/authorize.ts';
import { originOf } from '../../audit/record.ts';
import { pageOf } from '../paging.ts';
import { presentPersonSummary } from '../people/presenter.ts';
import { registerRetireRoute } from '../retire-route.ts';
import { HouseDetail, HouseMemberAdded, HousePage } from '../schemas.ts';
import { DateString, isoDate, type RegistersContext, resolveWithin, todayInChina } from '../shared.ts';
import { addHouseMember, removeHouseMember } from './members.ts';
import { createHouse, retireHouse, updateHouse } from './operations.ts';
import { presentHouse } from './presenter.ts';
import { houseRepository as repo } from './repository.ts';

const tags = ['registers'];
const lit = (values: string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Fields = {
  use: Type.Optional(
    lit(['residential', 'commercial', 'mixed', 'office', 'industrial', 'warehouse', 'public', 'other']),
  ),
  structure: Type.Optional(
    lit(['steel', 'steel_concrete', 'reinforced_concrete', 'mixed', 'brick_wood', 'other']),
  ),
  areaM2: Type.Optional(Type.Union([Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000 }), Type.Null()])),
  isRental: Type.Optional(Type.Boolean()),
  rentalHazard: Type.Optional(Type.Union([lit(['none', 'general', 'major']), Type.Null()])),
  isDangerous: Type.Optional(Type.Boolean()),
  note: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  ownership: Type.Optional(Type.Union([lit([...HOUSE_OWNERSHIPS]), Type.Null()])),
  occupancy: Type.Optional(Type.Union([lit([...HOUSE_OCCUPANCIES]), Type.Null()])),
};

export function registerHouseRoutes(app: App, ctx: RegistersContext): void {
  const { db, cipher } = ctx;

  async function detail(actor: Actor, id: string) {
    const row = await repo.find(db, id);
    assertInScope(actor, row?.grid_path, '房屋', id);
    const occupants = await repo.occupants(db, id);
    return {
      ...presentHouse(row!),
      people: occupants.map((o) => ({
        linkId: o.link_id,
        kind: o.kind,
        validFrom: isoDate(o.valid_from),
        person: presentPersonSummary(cipher, o),
      })),
      actions:
        can(actor, 'registers.write') && !row!.retired_at
          ? ['house.edit', 'house.retire', 'house.link', 'house.members']
          : [],
    };
  }

  app.get(
    '/api/houses',
    {
      schema: {
        tags,
        summary: '实有房屋列表 (houses in my scope)',
        querystring: Type.Object({
          within: Type.Optional(Id),
          buildingId: Type.Optional(Id),
          isRental: Type.Optional(Type.Boolean()),
          ...Paging,
        }),
        response: { 200: HousePage },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registers.read');
      const q = request.query;
      const { items, total } = await repo.list(
        db,
        actor,
        {
          withinPath: await resolveWithin(db, actor, q.within),
          buildingId: q.buildingId,
          isRental: q.isRental,
        },
        pageOf(q),
      );
      return { items: items.map(presentHouse), total };
    },
  );

  app.post(
    '/api/houses',
    {
      schema: {
        tags,
        summary: '登记房屋 (register the house at an address)',
        body: Type.Object({ addressId: Id, ...Fields }, { additionalProperties: false }),
        response: { 201: HouseDetail },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registers.write');
      const { addressId, ...fields } = request.body;
      const id = await createHouse({ ...ctx, actor, origin: originOf(request), addressId, fields });
      return reply.status(201).send(await detail(actor, id));
    },
  );

  app.get(
    '/api/houses/:id',
    {
      schema: {
        tags,
        summary: '房屋详情 (house with the people linked now, masked)',
        params: IdParams,
        response: { 200: HouseDetail },
      },
    },
    async (request) => detail(authorize(request, 'registers.read'), request.params.id),
  );

  app.patch(
    '/api/houses/:id',
    {
      schema: {
        tags,
        summary:
          '修改房屋 (use, structure, area, ownership, occupancy, rental and hazard, dangerous flag, note)',
        params: IdParams,
        body: Type.Object(Fields, { additionalProperties: false, minProperties: 1 }),
        response: { 200: HouseDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registers.write');
      await updateHouse({
        ...ctx,
        actor,
        origin: originOf(request),
        id: request.params.id,
        fields: request.body,
      });
      return detail(actor, request.params.id);
    },
  );

  app.post(
    '/api/houses/:id/members',
    {
      schema: {
        tags,
        summary: '添加家庭成员 (add a household member: an existing person or a new one, e.g. on a visit)',
        params: IdParams,
        body: Type.Object(
          {
            kind: lit([...HOUSE_LINK_KINDS]),
            validFrom: Type.Optional(DateString),
            personId: Type.Optional(Id),
            person: Type.Optional(
              Type.Object(
                {
                  name: Type.String({ minLength: 1, maxLength: 50 }),
                  idNumber: Type.String({ minLength: 1, maxLength: 30 }),
                  phone: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
                  ethnicity: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
                },
                { additionalProperties: false },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: HouseMemberAdded, 201: HouseMemberAdded },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registers.write');
      const { personId, person, kind, validFrom } = request.body;
      if ((personId === undefined) === (person === undefined))
        throw badRequest('personId', '须给出 personId 或 person 之一 (give either personId or person)');
      const added = await addHouseMember({
        ...ctx,
        actor,
        origin: originOf(request),
        houseId: request.params.id,
        kind,
        validFrom: validFrom ?? todayInChina(),
        member: person ? { person } : { personId: personId! },
      });
      return reply
        .status(added.created ? 201 : 200)
        .send({ ...(await detail(actor, request.params.id)), added });
    },
  );

  app.post(
    '/api/houses/:id/members/:personId/remove',
    {
      schema: {
        tags,
        summary: '移出家庭成员 (a member moved out or died: the links end with the reason, kept in history)',
        params: Type.Object({ id: Id, personId: Id }),
        body: Type.Object(
          {
            reason: lit(['moved_out', 'deceased', 'other']),
            validTo: Type.Optional(DateString),
          },
          { additionalProperties: false },
        ),
        response: { 200: HouseDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registers.write');
      await removeHouseMember({
        ...ctx,
        actor,
        origin: originOf(request),
        houseId: request.params.id,
        personId: request.params.personId,
        reason: request.body.reason as 'moved_out',
        validTo: request.body.validTo ?? todayInChina(),
      });
      return detail(actor, request.params.id);
    },
  );

  registerRetireRoute(app, {
    path: '/api/houses/:id/retire',
    tags,
    summary: '注销房屋 (retire; kept for history)',
    retire: ({ effectiveDate, ...values }) =>
      retireHouse({ ...ctx, ...values, effectiveDate: effectiveDate ?? todayInChina() }),
    detail,
    response: HouseDetail,
  });
}
