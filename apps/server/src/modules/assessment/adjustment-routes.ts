import type { AdjustmentAction } from '@wangge/rules';
import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { notFound } from '../../http/errors.ts';
import { Id, Nullable, Timestamp } from '../../http/schemas.ts';
import type { Actor } from '../access/actor.ts';
import { authorize } from '../access/authorize.ts';
import { originOf } from '../audit/record.ts';
import {
  adjustmentActionsFor,
  decideAdjustment,
  presentAdjustment,
  proposeAdjustment,
  adjustmentRepository as repo,
} from './adjustments.ts';
import { Month, SubjectType } from './schemas.ts';

const tags = ['assessment'];

const AdjustmentState = Type.Union(
  [Type.Literal('proposed'), Type.Literal('approved'), Type.Literal('rejected')],
  { title: 'AssessmentAdjustmentState' },
);
const AdjustmentActionSchema = Type.Union([Type.Literal('approve'), Type.Literal('reject')], {
  title: 'AssessmentAdjustmentAction',
});
const Person = Type.Object({ id: Id, name: Type.String() });

export const Adjustment = Type.Object(
  {
    id: Id,
    period: Month,
    subjectType: SubjectType,
    subjectId: Id,
    /** The district whose month it corrects. */
    unitId: Id,
    delta: Type.Number(),
    reason: Type.String(),
    state: AdjustmentState,
    version: Type.Integer(),
    proposedBy: Person,
    proposedAt: Timestamp,
    decidedBy: Nullable(Person),
    decidedAt: Nullable(Timestamp),
    decisionReason: Type.String(),
    actions: Type.Array(AdjustmentActionSchema),
  },
  { title: 'AssessmentAdjustment' },
);

/** POST /api/assessment/adjustments and its workflow actions (approve | reject). */
export function registerAdjustmentRoutes(app: App, { db }: AppContext): void {
  async function detail(actor: Actor, id: string) {
    const row = await repo.find(db, id);
    if (!row) throw notFound('考核调整', id);
    return presentAdjustment(row, adjustmentActionsFor(actor, row));
  }

  app.post(
    '/api/assessment/adjustments',
    {
      schema: {
        tags,
        summary:
          '提出考核调整 (a delta with a reason on a frozen month’s result; another manager approves it)',
        body: Type.Object(
          {
            subjectType: SubjectType,
            subjectId: Id,
            period: Month,
            delta: Type.Number({ minimum: -100, maximum: 100 }),
            reason: Type.String({ minLength: 1, maxLength: 2000 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Adjustment },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'assessment.manage');
      const id = await proposeAdjustment({ db, actor, origin: originOf(request), ...request.body });
      reply.code(201);
      return detail(actor, id);
    },
  );

  app.post(
    '/api/assessment/adjustments/:id/actions/:action',
    {
      schema: {
        tags,
        summary: '审批考核调整 (approve: the delta adds to the frozen composite; reject: with a reason)',
        params: Type.Object({ id: Id, action: AdjustmentActionSchema }),
        body: Type.Object(
          { version: Type.Integer({ minimum: 1 }), reason: Type.Optional(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
        response: { 200: Adjustment },
      },
    },
    async (request) => {
      const actor = authorize(request, 'assessment.manage');
      await decideAdjustment({
        db,
        actor,
        origin: originOf(request),
        id: request.params.id,
        action: request.params.action as AdjustmentAction,
        input: request.body,
      });
      return detail(actor, request.params.id);
    },
  );
}
