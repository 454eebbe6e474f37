// A leader turns an emerging hotspot into supervised cases: the instruction (领导批示) is the
// `instruct` action of the case loop on each open case of the hotspot — a step in each case's
// history, the case supervised, its handlers and dispatchers notified — through actOnCase.
import { OPEN_STATES } from '@wangge/rules';
import { Type } from 'typebox';
import type { Db } from '../../db/database.ts';
import type { App } from '../../http/app-types.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { Id } from '../../http/schemas.ts';
import type { Actor } from '../access/actor.ts';
import { authorize } from '../access/authorize.ts';
import { type AuditOrigin, originOf } from '../audit/record.ts';
import type { PushHub } from '../notifications/hub.ts';
import { flush, newOutbox, type Outbox } from '../notifications/notify.ts';
import { actOnCase } from './act-on-case.ts';
import type { CalendarService } from './calendar-service.ts';
import { HotspotInstructionResult } from './schemas.ts';
import { caseVisible } from './visibility.ts';

const OPEN: readonly string[] = OPEN_STATES;

export async function instructOnHotspot(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  calendars: CalendarService;
  outbox: Outbox;
  hotspot: { kind: string; key: string };
  caseIds: readonly string[];
  instruction: string;
}) {
  const { db, actor } = options;
  const ids = [...new Set(options.caseIds)];
  const cases = await db
    .selectFrom('cases as c')
    .select(['c.id', 'c.code', 'c.state', 'c.version'])
    .where('c.id', 'in', ids)
    .where(caseVisible(actor))
    .execute();
  if (cases.length === 0) throw notFound('事件', ids[0]);
  const instructed: { id: string; code: string }[] = [];
  const skipped: { id: string; code: string; state: string }[] = [];
  for (const c of cases) {
    if (!OPEN.includes(c.state)) {
      skipped.push({ id: c.id, code: c.code, state: c.state });
      continue;
    }
    try {
      // Each case is its own mutation: a case moved on meanwhile is skipped, the others proceed.
      await actOnCase({
        db,
        actor,
        origin: options.origin,
        calendars: options.calendars,
        outbox: options.outbox,
        caseId: c.id,
        action: 'instruct',
        input: {
          version: c.version,
          note: options.instruction,
          hotspot: { ...options.hotspot, caseIds: ids },
        },
      });
      instructed.push({ id: c.id, code: c.code });
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      skipped.push({ id: c.id, code: c.code, state: c.state });
    }
  }
  return { instructed, skipped };
}

export function registerHotspotInstructionRoute(
  app: App,
  context: { db: Db; calendars: CalendarService; hub: PushHub },
): void {
  app.post(
    '/api/cases/hotspots/instruct',
    {
      schema: {
        tags: ['cases'],
        summary:
          '热点领导批示 (a leader’s instruction on a hotspot: each open case of it becomes supervised)',
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('category'), Type.Literal('address')]),
            key: Type.String({ minLength: 1, maxLength: 300 }),
            caseIds: Type.Array(Id, { minItems: 1, maxItems: 100 }),
            instruction: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: HotspotInstructionResult },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.supervise');
      const outbox = newOutbox();
      const { kind, key, caseIds, instruction } = request.body;
      const result = await instructOnHotspot({
        db: context.db,
        actor,
        origin: originOf(request),
        calendars: context.calendars,
        outbox,
        hotspot: { kind, key },
        caseIds,
        instruction: instruction.trim(),
      });
      flush(context.hub, outbox);
      return result;
    },
  );
}
