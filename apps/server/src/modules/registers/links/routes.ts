import { Type } from 'typebox';
import type { App } from '../../../http/app-types.ts';
import { Id } from '../../../http/schemas.ts';
import { authorize } from '../../access/authorize.ts';
import { originOf } from '../../audit/record.ts';
import { RegisterLinkCreated, RegisterLinkEnded } from '../schemas.ts';
import { DateString, type RegistersContext, todayInChina } from '../shared.ts';
import { endHouseLink, endUnitLink, linkPersonToHouse, linkPersonToUnit } from './operations.ts';

const tags = ['registers'];

export function registerLinkRoutes(app: App, ctx: RegistersContext): void {
  app.post(
    '/api/people/:id/houses',
    {
      schema: {
        tags,
        summary: '人房关联 / 迁入 (link to a house: owner, tenant, or lives here = moving in)',
        params: Type.Object({ id: Id }),
        body: Type.Object(
          {
            houseId: Id,
            kind: Type.Union([Type.Literal('owner'), Type.Literal('tenant'), Type.Literal('resident')]),
            validFrom: Type.Optional(DateString),
          },
          { additionalProperties: false },
        ),
        response: { 201: RegisterLinkCreated },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registers.write');
      const id = await linkPersonToHouse({
        ...ctx,
        actor,
        origin: originOf(request),
        personId: request.params.id,
        houseId: request.body.houseId,
        kind: request.body.kind,
        validFrom: request.body.validFrom ?? todayInChina(),
      });
      return reply.status(201).send({ linkId: id });
    },
  );

  app.post(
    '/api/people/:id/houses/:linkId/end',
    {
      schema: {
        tags,
        summary: '结束人房关联 / 迁出 (end the link on a date: moving out)',
        params: Type.Object({ id: Id, linkId: Id }),
        body: Type.Object({ validTo: Type.Optional(DateString) }, { additionalProperties: false }),
        response: { 200: RegisterLinkEnded },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registers.write');
      await endHouseLink({
        ...ctx,
        actor,
        origin: originOf(request),
        personId: request.params.id,
        linkId: request.params.linkId,
        validTo: request.body.validTo ?? todayInChina(),
      });
      return { ok: true };
    },
  );

  app.post(
    '/api/units/:id/people',
    {
      schema: {
        tags,
        summary: '单位人员关联 (link a person: legal representative, manager, employee, contact)',
        params: Type.Object({ id: Id }),
        body: Type.Object(
          {
            personId: Id,
            role: Type.Union(['legal_rep', 'manager', 'employee', 'contact'].map((r) => Type.Literal(r))),
            validFrom: Type.Optional(DateString),
          },
          { additionalProperties: false },
        ),
        response: { 201: RegisterLinkCreated },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registers.write');
      const id = await linkPersonToUnit({
        ...ctx,
        actor,
        origin: originOf(request),
        unitId: request.params.id,
        personId: request.body.personId,
        role: request.body.role as 'employee',
        validFrom: request.body.validFrom ?? todayInChina(),
      });
      return reply.status(201).send({ linkId: id });
    },
  );

  app.post(
    '/api/units/:id/people/:linkId/end',
    {
      schema: {
        tags,
        summary: '结束单位人员关联 (end the link on a date)',
        params: Type.Object({ id: Id, linkId: Id }),
        body: Type.Object({ validTo: Type.Optional(DateString) }, { additionalProperties: false }),
        response: { 200: RegisterLinkEnded },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registers.write');
      await endUnitLink({
        ...ctx,
        actor,
        origin: originOf(request),
        unitId: request.params.id,
        linkId: request.params.linkId,
        validTo: request.body.validTo ?? todayInChina(),
      });
      return { ok: true };
    },
  );
}
