import { outsideTooLong, silentTooLong } from '@wangge/rules';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { Outbox } from '../notifications/notify.ts';
import type { OnDutyWorkers } from './on-duty.ts';
import { raiseAlert } from './operations.ts';
import { alertRepository as repo } from './repository.ts';

export interface DetectResult {
  noFix: number;
  outsideGrid: number;
  caseRed: number;
}

/**
 * One pass of the detectors (run every minute by the job queue): workers on shift silent or
 * outside their grids too long, cases that turned red. Each raise is deduplicated by raiseAlert.
 */
export async function detectAlerts(options: {
  db: Db;
  outbox: Outbox;
  config: Pick<Config, 'alerts'>;
  onDuty: OnDutyWorkers;
  now?: Date;
}): Promise<DetectResult> {
  const { db, outbox } = options;
  const now = options.now ?? new Date();
  const { noFixMinutes, outsideGridMinutes } = options.config.alerts;
  const result: DetectResult = { noFix: 0, outsideGrid: 0, caseRed: 0 };
  const onDuty = await options.onDuty(db, now);
  const earliest = onDuty.reduce((m, w) => (w.since < m ? w.since : m), now);
  const fixes = new Map(
    (
      await repo.fixSummaries(
        db,
        onDuty.map((w) => w.userId),
        earliest,
      )
    ).map((f) => [f.user_id, f]),
  );
  const names = new Map(
    onDuty.length === 0
      ? []
      : (
          await db
            .selectFrom('users')
            .select(['id', 'display_name'])
            .where(
              'id',
              'in',
              onDuty.map((w) => w.userId),
            )
            .execute()
        ).map((u) => [u.id, u.display_name]),
  );
  for (const worker of onDuty) {
    const fix = fixes.get(worker.userId);
    const homePath = fix?.home_path;
    if (!homePath) continue;
    const lastAt = fix.last_at ? new Date(fix.last_at) : null;
    const name = names.get(worker.userId) ?? '';
    if (silentTooLong(lastAt, worker.since, now, noFixMinutes)) {
      const raised = await db.transaction().execute((trx) =>
        raiseAlert(trx, outbox, {
          kind: 'no_fix',
          subject: { userId: worker.userId },
          unitPath: homePath,
          lon: fix.lon,
          lat: fix.lat,
          summary: name,
          details: { lastFixAt: lastAt?.toISOString() ?? null, minutes: noFixMinutes },
          raisedAt: now,
          // The same silence is one alert, even once it is closed.
          notSince: lastAt ?? worker.since,
        }),
      );
      if (raised) result.noFix++;
    }
    const outsideSince = fix.outside_since ? new Date(fix.outside_since) : null;
    if (outsideTooLong(outsideSince, now, outsideGridMinutes)) {
      const raised = await db.transaction().execute((trx) =>
        raiseAlert(trx, outbox, {
          kind: 'outside_grid',
          subject: { userId: worker.userId },
          unitPath: homePath,
          lon: fix.lon,
          lat: fix.lat,
          summary: name,
          details: { outsideSince: outsideSince?.toISOString(), minutes: outsideGridMinutes },
          raisedAt: now,
          notSince: outsideSince,
        }),
      );
      if (raised) result.outsideGrid++;
    }
  }
  for (const c of await repo.redCasesWithoutAlert(db, 500)) {
    const raised = await db.transaction().execute((trx) =>
      raiseAlert(trx, outbox, {
        kind: 'case_red',
        subject: { caseId: c.id },
        unitPath: c.grid_path,
        lon: c.lon,
        lat: c.lat,
        summary: `${c.code} ${c.title}`,
        details: { state: c.state, stepStartedAt: c.step_started_at },
        raisedAt: now,
        notSince: c.step_started_at,
      }),
    );
    if (raised) result.caseRed++;
  }
  return result;
}
