// Alerts (告警) for the command centre: a worker silent or astray on shift, a call for help, a case
// turning red, a device gone quiet. An alert is a small workflow of its own — raised, acknowledged
// with a note by someone watching the unit, closed — acted on like every other workflow.
import type { Workflow } from '../workflow.ts';

/**
 * The kinds raised today. The list stays open: a module adds its kind here (with its label) and
 * raises it through the server's one raiseAlert operation.
 */
export const ALERT_KINDS = ['no_fix', 'outside_grid', 'sos', 'case_red', 'device_offline'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_KIND_LABELS: Readonly<Record<AlertKind, { zh: string; en: string }>> = {
  no_fix: { zh: '在岗无定位', en: 'No position on shift' },
  outside_grid: { zh: '在岗离开网格', en: 'Outside own grids on shift' },
  sos: { zh: '一键求助', en: 'SOS' },
  case_red: { zh: '事件超时红灯', en: 'Case turned red' },
  device_offline: { zh: '物联设备离线', en: 'IoT device offline' },
};

/** What an alert is about: a worker, a case or a device. */
export type AlertSubject = 'user' | 'case' | 'device';

/** SOS first: a person in danger outranks a late case. */
export const ALERT_SEVERITY: Readonly<Record<AlertKind, number>> = {
  sos: 3,
  no_fix: 2,
  outside_grid: 1,
  case_red: 1,
  device_offline: 1,
};

export const ALERT_STATES = ['raised', 'acknowledged', 'closed'] as const;
export type AlertState = (typeof ALERT_STATES)[number];
export const OPEN_ALERT_STATES: readonly AlertState[] = ['raised', 'acknowledged'];
export const ALERT_STATE_LABELS: Readonly<Record<AlertState, { zh: string; en: string }>> = {
  raised: { zh: '待处置', en: 'Raised' },
  acknowledged: { zh: '已响应', en: 'Acknowledged' },
  closed: { zh: '已关闭', en: 'Closed' },
};

export const ALERT_ACTIONS = ['acknowledge', 'close'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];
export const ALERT_ACTION_LABELS: Readonly<Record<AlertAction, { zh: string; en: string }>> = {
  acknowledge: { zh: '响应', en: 'Acknowledge' },
  close: { zh: '关闭', en: 'Close' },
};

/** watcher: holds the alert permission over the alert's unit. */
export type AlertRelation = 'watcher';
export type AlertNeed = 'note';

export const ALERT_WORKFLOW: Workflow<AlertState, AlertAction, AlertRelation, AlertNeed> = {
  name: 'alert',
  actions: ALERT_ACTIONS,
  transitions: {
    acknowledge: { from: ['raised'], to: 'acknowledged', by: ['watcher'], needs: ['note'] },
    close: { from: ['raised', 'acknowledged'], to: 'closed', by: ['watcher'] },
  },
};

/**
 * Whether a worker's silence (no fix since `lastFixAt`, or none at all since the shift began at
 * `onDutySince`) has lasted `minutes` by `now`.
 */
export function silentTooLong(
  lastFixAt: Date | null,
  onDutySince: Date,
  now: Date,
  minutes: number,
): boolean {
  const since = lastFixAt && lastFixAt > onDutySince ? lastFixAt : onDutySince;
  return now.getTime() - since.getTime() >= minutes * 60_000;
}

/**
 * Whether a worker has been outside their own grids for `minutes`: `outsideSince` is the time of
 * the first fix of the current run of fixes outside (null while inside).
 */
export function outsideTooLong(outsideSince: Date | null, now: Date, minutes: number): boolean {
  return outsideSince !== null && now.getTime() - outsideSince.getTime() >= minutes * 60_000;
}
