import {
  ALERT_WORKFLOW,
  type AlertAction,
  type AlertKind,
  type AlertState,
  haversineM,
  type NotificationKey,
} from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { caseRepository } from '../cases/repository.ts';
import { queueFeed } from '../command/feed.ts';
import { notifyUsers, type Outbox } from '../notifications/notify.ts';
import type { PositionPipeline } from '../patrol/pipeline.ts';
import { decideTransition } from '../workflow/decide.ts';
import { presentAlert } from './presenter.ts';
import { alertRepository as repo } from './repository.ts';

export type AlertSubjectRef = { userId: string } | { caseId: string } | { deviceId: string };

export interface RaiseAlertValues {
  /** One of ALERT_KINDS of @wangge/rules (the list is open: add a kind there with its label). */
  kind: AlertKind;
  subject: AlertSubjectRef;
  /** The org unit the alert belongs to: who watches this path sees it. */
  unitPath: string;
  lon?: number | null;
  lat?: number | null;
  /** One line for the list and the notification, e.g. the worker's or device's name. */
  summary: string;
  details?: Record<string, unknown>;
  raisedAt?: Date;
  /** Skip when an alert of this kind and subject was raised at or after this time (closed or not). */
  notSince?: Date | null;
  /** Notified besides those holding alerts.read over the unit (an SOS: the nearest workers). */
  alsoNotify?: readonly string[];
}

/**
 * Records an alert inside the caller's transaction — unless one of the same kind and subject is
 * still open — and notifies those who watch its unit, pushing it to their screens after commit
 * (the caller flushes the outbox). Returns the new alert's id, or null when deduplicated.
 */
export async function raiseAlert(db: Db, outbox: Outbox, values: RaiseAlertValues): Promise<string | null> {
  const s = values.subject;
  const [subjectUserId, subjectCaseId, subjectDeviceId, subjectKey] =
    'userId' in s
      ? [s.userId, null, null, `user:${s.userId}`]
      : 'caseId' in s
        ? [null, s.caseId, null, `case:${s.caseId}`]
        : [null, null, s.deviceId, `device:${s.deviceId}`];
  const id = await repo.insertIfNew(db, {
    kind: values.kind,
    subjectUserId,
    subjectCaseId,
    subjectDeviceId,
    subjectKey,
    unitPath: values.unitPath,
    lon: values.lon ?? null,
    lat: values.lat ?? null,
    summary: values.summary,
    details: values.details ?? {},
    raisedAt: values.raisedAt ?? new Date(),
    notSince: values.notSince ?? null,
  });
  if (!id) return null;
  const watchers = (await caseRepository.usersCovering(db, values.unitPath, 'alerts.read')).map((u) => u.id);
  await notifyUsers(db, outbox, {
    userIds: [...watchers, ...(values.alsoNotify ?? [])],
    caseId: subjectCaseId,
    kind: `alert.${values.kind}` as NotificationKey,
    subject: { zh: values.summary, en: values.summary },
  });
  const row = await repo.find(db, id);
  if (row) outbox.messages.push({ userIds: watchers, message: { type: 'alert', item: presentAlert(row) } });
  // The command centre's live feed names the kind only: the screen links to the alert for the rest.
  queueFeed(outbox, {
    kind: values.kind === 'sos' ? 'sos' : 'alert.raised',
    unitPath: values.unitPath,
    at: (values.raisedAt ?? new Date()).toISOString(),
    ref: { type: 'alert', id },
    params: { alertKind: values.kind },
  });
  return id;
}

/** Acknowledge (with a note) or close an alert in the caller's scope. */
export async function actOnAlert(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  alertId: string;
  action: AlertAction;
  input: { note?: string; version?: number };
}): Promise<void> {
  const { actor, action, input, alertId } = options;
  await options.db.transaction().execute(async (trx) => {
    const alert = await repo.lockVisible(trx, actor, alertId);
    if (!alert) throw notFound('告警', alertId);
    const from = alert.state as AlertState;
    const to = decideTransition({
      workflow: ALERT_WORKFLOW,
      noun: { zh: '告警', en: 'alert' },
      item: { state: from, version: alert.version },
      action,
      expectedVersion: input.version,
      // Whoever sees the alert holds alerts.read over its unit: the route authorised it.
      relations: ['watcher'],
      input,
    });
    const now = new Date();
    await trx
      .updateTable('alerts')
      .set({
        state: to,
        version: alert.version + 1,
        ...(action === 'acknowledge'
          ? { ack_user_id: actor.userId, ack_at: now, ack_note: input.note?.trim() ?? '' }
          : { closed_user_id: actor.userId, closed_at: now }),
      })
      .where('id', '=', alertId)
      .execute();
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: `alerts.${action}`,
      targetType: 'alert',
      targetId: alertId,
      details: { kind: alert.kind, from, to },
    });
  });
}

/**
 * A worker's call for help: an sos alert at their position in their own unit, told to those who
 * watch it, the grid leaders of their grids and the nearest workers with a fresh fix.
 */
export async function sendSos(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  outbox: Outbox;
  positions: PositionPipeline;
  lon: number;
  lat: number;
  accuracy: number | null;
  at: Date;
  note: string;
  nearest: number;
}): Promise<{ alertId: string | null; notified: string[] }> {
  const { db, actor } = options;
  const unitPath = actor.scopePaths.reduce<string | null>(
    (deepest, p) => (deepest === null || p.length > deepest.length ? p : deepest),
    null,
  );
  if (!unitPath) throw badRequest('unit', '您没有所属网格，无法定位求助 (you belong to no unit)');
  // Fresh fixes of the last quarter hour, anywhere in the city the caller's units belong to.
  const city = `/${unitPath.split('/')[1]}/`;
  const nearest = options.positions
    .live([city], { since: new Date(Date.now() - 15 * 60_000) })
    .filter((p) => p.userId !== actor.userId)
    .map((p) => ({ userId: p.userId, distanceM: haversineM(options.lon, options.lat, p.lon, p.lat) }))
    .sort((a, b) => a.distanceM - b.distanceM)
    .slice(0, options.nearest);
  return db.transaction().execute(async (trx) => {
    const leaders = await repo.gridLeadersOf(trx, actor.userId);
    const alsoNotify = [...leaders, ...nearest.map((n) => n.userId)];
    const alertId = await raiseAlert(trx, options.outbox, {
      kind: 'sos',
      subject: { userId: actor.userId },
      unitPath,
      lon: options.lon,
      lat: options.lat,
      summary: actor.displayName,
      details: {
        note: options.note,
        accuracy: options.accuracy,
        at: options.at.toISOString(),
        nearest: nearest.map((n) => ({ userId: n.userId, distanceM: Math.round(n.distanceM) })),
        leaders,
      },
      alsoNotify,
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'alerts.sos',
      targetType: 'alert',
      targetId: alertId,
      details: { lon: options.lon, lat: options.lat, duplicate: alertId === null },
    });
    return { alertId, notified: alertId ? [...new Set(alsoNotify)] : [] };
  });
}
