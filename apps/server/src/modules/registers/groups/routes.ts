import { Type } from 'typebox';
import type { App } from '../../../http/app-types.ts';
import { Id, IdParams } from '../../../http/schemas.ts';
import { authorize } from '../../access/authorize.ts';
import { originOf } from '../../audit/record.ts';
import { presentGroupRecord } from '../people/presenter.ts';
import { GroupRecord } from '../schemas.ts';
import { DateString, type RegistersContext, todayInChina } from '../shared.ts';
import {
  closeGroupRecord,
  type GroupFamily,
  openGroupRecord,
  readGroupRecord,
  updateGroupRecord,
} from './operations.ts';

const tags = ['registers'];
const Level = Type.Union([Type.Literal('normal'), Type.Literal('medium'), Type.Literal('serious')]);
const Extra = Type.Record(Type.String(), Type.Unknown());

export function registerGroupRoutes(app: App, ctx: RegistersContext): void {
  const { db } = ctx;
  for (const family of ['special', 'care'] as GroupFamily[]) {
    const base = family === 'special' ? 'special-groups' : 'care-groups';
    const label =
      family === 'special' ? '特殊人群 (special group 01–07; needs special.<code>)' : '关爱人群 (care group)';

    app.post(
      `/api/people/:id/${base}`,
      {
        schema: {
          tags,
          summary: `${label}：建档 (open a record)`,
          params: IdParams,
          body: Type.Object(
            {
              typeCode: Type.String({ minLength: 1, maxLength: 32 }),
              extra: Type.Optional(Extra),
              attentionLevel: Level,
              openedOn: Type.Optional(DateString),
            },
            { additionalProperties: false },
          ),
          response: { 201: GroupRecord },
        },
      },
      async (request, reply) => {
        const actor = authorize(request, 'registers.write');
        const id = await openGroupRecord({
          ...ctx,
          actor,
          origin: originOf(request),
          family,
          personId: request.params.id,
          typeCode: request.body.typeCode,
          extra: request.body.extra,
          attentionLevel: request.body.attentionLevel,
          openedOn: request.body.openedOn ?? todayInChina(),
        });
        return reply.status(201).send(presentGroupRecord(await readGroupRecord(db, actor, family, id)));
      },
    );

    app.get(
      `/api/${base}/:id`,
      {
        schema: {
          tags,
          summary: `${label}：记录 (one record)`,
          params: IdParams,
          response: { 200: GroupRecord },
        },
      },
      async (request) => {
        const actor = authorize(request, 'registers.read');
        return presentGroupRecord(await readGroupRecord(db, actor, family, request.params.id));
      },
    );

    app.patch(
      `/api/${base}/:id`,
      {
        schema: {
          tags,
          summary: `${label}：修改 (extra fields, attention level)`,
          params: IdParams,
          body: Type.Object(
            { extra: Type.Optional(Extra), attentionLevel: Type.Optional(Level) },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: { 200: GroupRecord },
        },
      },
      async (request) => {
        const actor = authorize(request, 'registers.write');
        await updateGroupRecord({
          ...ctx,
          actor,
          origin: originOf(request),
          family,
          id: request.params.id,
          ...request.body,
        });
        return presentGroupRecord(await readGroupRecord(db, actor, family, request.params.id));
      },
    );

    app.post(
      `/api/${base}/:id/close`,
      {
        schema: {
          tags,
          summary: `${label}：结束 (close on a date with a reason)`,
          params: Type.Object({ id: Id }),
          body: Type.Object(
            { closedOn: Type.Optional(DateString), reason: Type.String({ minLength: 1, maxLength: 500 }) },
            { additionalProperties: false },
          ),
          response: { 200: GroupRecord },
        },
      },
      async (request) => {
        const actor = authorize(request, 'registers.write');
        await closeGroupRecord({
          ...ctx,
          actor,
          origin: originOf(request),
          family,
          id: request.params.id,
          closedOn: request.body.closedOn ?? todayInChina(),
          reason: request.body.reason,
        });
        return presentGroupRecord(await readGroupRecord(db, actor, family, request.params.id));
      },
    );
  }
}
