import { Type } from 'typebox';
import type { App } from '../../../http/app-types.ts';
import { notFound } from '../../../http/errors.ts';
import { Id, IdParams, Paging } from '../../../http/schemas.ts';
import type { Actor } from '../../access/actor.ts';
import { assertInScope, authorize, can } from '../../access/authorize.ts';
import { originOf } from '../../audit/record.ts';
import { pageOf } from '../paging.ts';
import { watermark } from '../privacy/watermark.ts';
import { PersonDetail, PersonPage, RevealResult } from '../schemas.ts';
import {
  DateString,
  isoDate,
  type RegistersContext,
  resolveWithin,
  todayInChina,
  visibleSpecialTypes,
} from '../shared.ts';
import {
  changePersonStatus,
  changeRole,
  createPerson,
  findPersonByIdNumber,
  openRole,
  revealPersonField,
  updatePerson,
} from './operations.ts';
import { presentGroupRecord, presentPersonSummary, presentRole } from './presenter.ts';
import { peopleRepository as repo } from './repository.ts';

const tags = ['registers'];
const RoleKind = Type.Union(
  ['registered', 'floating', 'overseas', 'left_behind'].map((k) => Type.Literal(k)),
);
const Data = Type.Record(Type.String(), Type.Unknown());

export function registerPeopleRoutes(app: App, ctx: RegistersContext): void {
  const { db, cipher } = ctx;

  async function detail(actor: Actor, id: string) {
    const row = await repo.find(db, id);
    assertInScope(actor, row?.grid_path, '人员', id);
    const special = visibleSpecialTypes(actor);
    const [roles, houses, units, specialRecords, careRecords] = await Promise.all([
      repo.roles(db, id),
      repo.houseLinks(db, id),
      repo.unitLinks(db, id),
      repo.specialRecords(db, id, special),
      repo.careRecords(db, id),
    ]);
    const writable = can(actor, 'registers.write');
    const active = row!.status === 'active';
    return {
      ...presentPersonSummary(cipher, row!),
      gridName: row!.grid_name,
      ethnicity: row!.ethnicity,
      hukouPlace: row!.hukou_place,
      roles: roles.map(presentRole),
      houses: houses.map((l) => ({
        linkId: l.id,
        houseId: l.house_id,
        kind: l.kind,
        address: l.address,
        validFrom: isoDate(l.valid_from),
        validTo: isoDate(l.valid_to),
      })),
      units: units.map((l) => ({
        linkId: l.id,
        unitId: l.unit_id,
        role: l.role,
        unitName: l.unit_name,
        validFrom: isoDate(l.valid_from),
        validTo: isoDate(l.valid_to),
      })),
      specialGroups: specialRecords.map(presentGroupRecord),
      careGroups: careRecords.map(presentGroupRecord),
      actions: [
        ...(writable && active
          ? [
              'person.edit',
              'person.moveIn',
              'person.moveOut',
              'person.deregister',
              'person.died',
              'person.role',
              'person.careGroup',
            ]
          : []),
        ...(writable && active ? special.map((c) => `person.specialGroup.${c}`) : []),
        ...(can(actor, 'registers.reveal') ? ['person.reveal'] : []),
      ],
    };
  }

  app.get(
    '/api/people',
    {
      schema: {
        tags,
        summary: '实有人口列表 (people in my scope; idNumber = exact lookup by keyed hash, audited)',
        querystring: Type.Object({
          within: Type.Optional(Id),
          addressId: Type.Optional(Id),
          status: Type.Optional(
            Type.Union(['active', 'moved_out', 'deregistered', 'deceased'].map((s) => Type.Literal(s))),
          ),
          idNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
          ...Paging,
        }),
        response: { 200: PersonPage },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registers.read');
      const q = request.query;
      if (q.idNumber !== undefined) {
        const id = await findPersonByIdNumber({
          ...ctx,
          actor,
          origin: originOf(request),
          idNumber: q.idNumber,
        });
        if (!id) return { items: [], total: 0 };
        const row = await repo.find(db, id);
        return { items: [presentPersonSummary(cipher, row!)], total: 1 };
      }
      const { items, total } = await repo.list(
        db,
        actor,
        { withinPath: await resolveWithin(db, actor, q.within), status: q.status, addressId: q.addressId },
        pageOf(q),
      );
      return { items: items.map((r) => presentPersonSummary(cipher, r)), total };
    },
  );

  app.post(
    '/api/people',
    {
      schema: {
        tags,
        summary: '登记人员 (register a person: one identity per ID number)',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 50 }),
            idNumber: Type.String({ minLength: 1, maxLength: 30 }),
            phone: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
            ethnicity: Type.Optional(Type.String({ maxLength: 20 })),
            hukouPlace: Type.Optional(Type.String({ maxLength: 200 })),
            addressId: Type.Optional(Id),
            gridId: Type.Optional(Id),
            role: Type.Optional(
              Type.Object(
                { kind: RoleKind, data: Type.Optional(Data), validFrom: Type.Optional(DateString) },
                { additionalProperties: false },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: PersonDetail, 201: PersonDetail },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registers.write');
      const id = await createPerson({
        ...ctx,
        actor,
        origin: originOf(request),
        input: request.body as never,
      });
      return reply.status(201).send(await detail(actor, id));
    },
  );

  app.get(
    '/api/people/:id',
    {
      schema: {
        tags,
        summary: '人员详情 (masked identity, roles, houses, units, groups I may see)',
        params: IdParams,
        response: { 200: PersonDetail },
      },
    },
    async (request) => detail(authorize(request, 'registers.read'), request.params.id),
  );

  app.patch(
    '/api/people/:id',
    {
      schema: {
        tags,
        summary: '修改人员信息 (name, phone, ethnicity, household-registration place)',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
            phone: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 30 }), Type.Null()])),
            ethnicity: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
            hukouPlace: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: PersonDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registers.write');
      await updatePerson({
        ...ctx,
        actor,
        origin: originOf(request),
        id: request.params.id,
        changes: request.body,
      });
      return detail(actor, request.params.id);
    },
  );

  app.post(
    '/api/people/:id/status',
    {
      schema: {
        tags,
        summary: '迁出 / 注销 / 死亡 (moved out of the area, deregistered, deceased; effective date)',
        params: IdParams,
        body: Type.Object(
          {
            status: Type.Union([
              Type.Literal('moved_out'),
              Type.Literal('deregistered'),
              Type.Literal('deceased'),
            ]),
            effectiveDate: Type.Optional(DateString),
            reason: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: PersonDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registers.write');
      await changePersonStatus({
        ...ctx,
        actor,
        origin: originOf(request),
        id: request.params.id,
        status: request.body.status,
        effectiveDate: request.body.effectiveDate ?? todayInChina(),
        reason: request.body.reason,
      });
      return detail(actor, request.params.id);
    },
  );

  app.post(
    '/api/people/:id/roles',
    {
      schema: {
        tags,
        summary: '新增身份 (registered / floating with inflow data / overseas / left-behind)',
        params: IdParams,
        body: Type.Object(
          { kind: RoleKind, data: Type.Optional(Data), validFrom: Type.Optional(DateString) },
          { additionalProperties: false },
        ),
        response: { 201: PersonDetail },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registers.write');
      await openRole({
        ...ctx,
        actor,
        origin: originOf(request),
        personId: request.params.id,
        kind: request.body.kind as never,
        data: request.body.data,
        validFrom: request.body.validFrom ?? todayInChina(),
      });
      return reply.status(201).send(await detail(actor, request.params.id));
    },
  );

  app.patch(
    '/api/people/:id/roles/:roleId',
    {
      schema: {
        tags,
        summary: '修改或结束身份 (change role data, or end it with validTo)',
        params: Type.Object({ id: Id, roleId: Id }),
        body: Type.Object(
          { data: Type.Optional(Data), validTo: Type.Optional(DateString) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: PersonDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registers.write');
      await changeRole({
        ...ctx,
        actor,
        origin: originOf(request),
        personId: request.params.id,
        roleId: request.params.roleId,
        ...request.body,
      });
      return detail(actor, request.params.id);
    },
  );

  app.post(
    '/api/people/:id/reveal',
    {
      schema: {
        tags,
        summary: '查看明文 (reveal the ID or phone number: permission, reason, audit record)',
        params: IdParams,
        body: Type.Object(
          {
            field: Type.Union([Type.Literal('idNumber'), Type.Literal('phone')]),
            reason: Type.String({ minLength: 2, maxLength: 500 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: RevealResult },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registers.reveal');
      const value = await revealPersonField({
        ...ctx,
        actor,
        origin: originOf(request),
        id: request.params.id,
        field: request.body.field,
        reason: request.body.reason.trim(),
      });
      if (value === null) throw notFound('号码');
      // Shown over the plaintext, so a screenshot of it names who looked and when.
      return { field: request.body.field, value, watermark: watermark('查看人', actor, new Date()) };
    },
  );
}
