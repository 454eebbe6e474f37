import { type TSchema, Type } from 'typebox';
import type { App } from '../../http/app-types.ts';
import { IdParams } from '../../http/schemas.ts';
import type { Actor } from '../access/actor.ts';
import { authorize } from '../access/authorize.ts';
import { type AuditOrigin, originOf } from '../audit/record.ts';
import { DateString } from './shared.ts';

/**
 * `POST /api/<register>/:id/retire`: registers never delete, they retire with an effective date
 * and keep the record for history. Shared by addresses, houses and units.
 */
export function registerRetireRoute<Detail>(
  app: App,
  options: {
    path: string;
    tags: string[];
    summary: string;
    retire: (values: {
      actor: Actor;
      origin: AuditOrigin;
      id: string;
      effectiveDate: string | undefined;
    }) => Promise<unknown>;
    detail: (actor: Actor, id: string) => Promise<Detail>;
    /** The detail's response schema. */
    response: TSchema;
  },
): void {
  app.post(
    options.path,
    {
      schema: {
        tags: options.tags,
        summary: options.summary,
        params: IdParams,
        body: Type.Object({ effectiveDate: Type.Optional(DateString) }, { additionalProperties: false }),
        response: { 200: options.response },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registers.write');
      await options.retire({
        actor,
        origin: originOf(request),
        id: request.params.id,
        effectiveDate: request.body.effectiveDate,
      });
      return options.detail(actor, request.params.id);
    },
  );
}
