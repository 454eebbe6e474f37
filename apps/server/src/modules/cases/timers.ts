import {
  type CaseState,
  reportForDutyLimit,
  STEP_OF_STATE,
  type StepLimit,
  supervisionLevel,
  trafficLight,
} from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import { queueFeed } from '../command/feed.ts';
import { notifyUsers, type Outbox } from '../notifications/notify.ts';
import type { CalendarService } from './calendar-service.ts';
import { caseRepository as repo } from './repository.ts';
import { appendStep } from './steps.ts';

const OPEN = [
  'reported',
  'confirming',
  'accepted',
  'void_pending',
  'filed',
  'dispatched',
  'in_progress',
  'rework',
  'handled',
  'verified',
  'self_handled',
];
const LEVEL_RANK = { none: 0, ordinary: 1, yellow_card: 2, red_card: 3 } as const;
const LEVEL_TITLE = { ordinary: '超时督办', yellow_card: '黄牌督办', red_card: '红牌督办' } as const;

/**
 * Recomputes every open step's traffic light and raises supervision when a step runs over its
 * limit (ordinary → yellow card → red card), notifying who answers for it. Run by the job queue
 * every minute, never on page load.
 */
export async function refreshCaseTimers(options: {
  db: Db;
  calendars: CalendarService;
  outbox: Outbox;
  now?: Date;
  batchSize?: number;
}): Promise<{ checked: number; changed: number; supervised: number }> {
  const now = options.now ?? new Date();
  const batch = options.batchSize ?? 500;
  let checked = 0;
  let changed = 0;
  let supervised = 0;
  let after = '0';
  const categories = new Map(
    (await repo.categories(options.db)).map((c) => [
      c.code,
      c.limits as unknown as Record<string, StepLimit>,
    ]),
  );
  for (;;) {
    const rows = await options.db
      .selectFrom('cases')
      .select([
        'id',
        'state',
        'grid_path',
        'owner_path',
        'category_code',
        'step_started_at',
        'extension_ms',
        'light',
        'supervision',
        'title',
      ])
      .where('state', 'in', OPEN)
      .where('step_due_at', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    for (const row of rows) {
      checked++;
      const step = STEP_OF_STATE[row.state as CaseState];
      const limit = step ? categories.get(row.category_code)?.[step] : undefined;
      if (!limit) continue;
      const calendar = await options.calendars.forPath(row.grid_path);
      const t = trafficLight(row.step_started_at, now, limit, calendar, Number(row.extension_ms));
      const level = supervisionLevel(t.usedRatio);
      const raised = LEVEL_RANK[level] > LEVEL_RANK[row.supervision];
      if (t.light === row.light && !raised) continue;
      changed++;
      await options.db.transaction().execute(async (trx) => {
        // Only touch the row if no action moved it on meanwhile.
        const updated = await trx
          .updateTable('cases')
          .set({ light: t.light, ...(raised ? { supervision: level } : {}) })
          .where('id', '=', row.id)
          .where('state', '=', row.state)
          .where('step_started_at', '=', row.step_started_at)
          .returning('id')
          .executeTakeFirst();
        if (!updated || !raised || level === 'none') return;
        supervised++;
        await appendStep(trx, {
          caseId: row.id,
          action: 'supervise',
          fromState: row.state,
          toState: row.state,
          actor: null,
          systemActor: 'overdue',
          note: `${LEVEL_TITLE[level]}：已用时限 ${Math.round(t.usedRatio * 100)}%`,
          details: { level, usedRatio: t.usedRatio, dueAt: t.dueAt, automatic: true },
          deadline: t.dueAt,
        });
        // concat, not push(...): a city-level path can be covered by thousands of users.
        let responsible = (await repo.usersCovering(trx, row.owner_path, 'cases.dispatch')).concat(
          await repo.usersCovering(trx, row.grid_path, 'cases.supervise'),
        );
        const assignments = (await repo.assignments(trx, row.id)).filter((a) => a.active);
        for (const a of assignments) {
          if (a.department_id) {
            responsible = responsible.concat(await repo.departmentMembers(trx, [a.department_id]));
          } else if (a.org_path) {
            responsible = responsible.concat(await repo.usersCovering(trx, a.org_path, 'cases.handle'));
          }
        }
        if (level === 'red_card') {
          queueFeed(options.outbox, {
            kind: 'case.red',
            unitPath: row.grid_path,
            at: now.toISOString(),
            ref: { type: 'case', id: row.id },
            params: { title: row.title },
          });
        }
        await notifyUsers(trx, options.outbox, {
          userIds: responsible.map((u) => u.id),
          caseId: row.id,
          kind: 'supervision',
          titleKey: `supervision.${level}`,
          subject: { zh: row.title, en: row.title },
        });
      });
    }
  }
  const duty = await superviseReportsForDuty({ ...options, now, batch, categories });
  return {
    checked: checked + duty.checked,
    changed: changed + duty.changed,
    supervised: supervised + duty.supervised,
  };
}

/**
 * The report for duty (报到) of each department a whistle sent for is a timed step of its own: the
 * same traffic light and supervision levels, its limit the category's report-for-duty limit; an
 * overdue department and the case's dispatchers are notified.
 */
async function superviseReportsForDuty(options: {
  db: Db;
  calendars: CalendarService;
  outbox: Outbox;
  now: Date;
  batch: number;
  categories: Map<string, Record<string, StepLimit>>;
}) {
  let checked = 0;
  let changed = 0;
  let supervised = 0;
  let after = '0';
  for (;;) {
    const rows = await repo.pendingReportsForDuty(options.db, after, options.batch);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    for (const row of rows) {
      if (!OPEN.includes(row.state)) continue;
      checked++;
      const calendar = await options.calendars.forPath(row.grid_path);
      const limit = reportForDutyLimit(options.categories.get(row.category_code) ?? {}, calendar);
      const t = trafficLight(row.assigned_at, options.now, limit, calendar);
      const level = supervisionLevel(t.usedRatio);
      const raised = LEVEL_RANK[level] > LEVEL_RANK[row.ack_supervision as keyof typeof LEVEL_RANK];
      if (t.light === row.ack_light && !raised) continue;
      changed++;
      await options.db.transaction().execute(async (trx) => {
        // Only if the department has not reported for duty meanwhile.
        const updated = await trx
          .updateTable('case_assignments')
          .set({ ack_light: t.light, ...(raised ? { ack_supervision: level } : {}) })
          .where('id', '=', row.id)
          .where('acknowledged_at', 'is', null)
          .where('active', '=', true)
          .returning('id')
          .executeTakeFirst();
        if (!updated || !raised || level === 'none') return;
        supervised++;
        await appendStep(trx, {
          caseId: row.case_id,
          action: 'supervise',
          fromState: row.state,
          toState: row.state,
          actor: null,
          systemActor: 'dutyOverdue',
          note: `${LEVEL_TITLE[level]}：${row.department_name} 报到已用时限 ${Math.round(t.usedRatio * 100)}%`,
          details: {
            level,
            usedRatio: t.usedRatio,
            dueAt: t.dueAt,
            automatic: true,
            reportForDuty: { departmentId: row.department_id, departmentName: row.department_name },
          },
          deadline: t.dueAt,
        });
        const responsible = (await repo.departmentMembers(trx, [row.department_id!])).concat(
          await repo.usersCovering(trx, row.owner_path, 'cases.dispatch'),
        );
        await notifyUsers(trx, options.outbox, {
          userIds: responsible.map((u) => u.id),
          caseId: row.case_id,
          kind: 'supervision',
          titleKey: `supervision.${level}`,
          subject: {
            zh: `${row.department_name} 报到超时：${row.title}`,
            en: `${row.department_name} late to report for duty: ${row.title}`,
          },
        });
      });
    }
  }
  return { checked, changed, supervised };
}
