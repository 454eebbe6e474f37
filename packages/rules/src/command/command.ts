import type { Bilingual } from '../labels/index.ts';

/**
 * What the command centre's live feed announces. Each module that makes one of these happen
 * publishes it after commit (server modules/command/feed.ts); a new kind is added here with its label.
 */
export const FEED_KINDS = [
  'case.reported',
  'case.escalated',
  'case.whistled',
  'case.red',
  'alert.raised',
  'sos',
  'device.alarm',
] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

export const FEED_KIND_LABELS: Readonly<Record<FeedKind, Bilingual>> = {
  'case.reported': { zh: '新上报', en: 'New case' },
  'case.escalated': { zh: '上报上级', en: 'Escalated' },
  'case.whistled': { zh: '吹哨报到', en: 'Whistle blown' },
  'case.red': { zh: '亮红灯', en: 'Turned red' },
  'alert.raised': { zh: '告警', en: 'Alert' },
  sos: { zh: '紧急求助', en: 'SOS' },
  'device.alarm': { zh: '设备报警', en: 'Device alarm' },
};

/** What the big screen's map shades the grids (or child units) by. */
export const COMMAND_MEASURES = ['open', 'overdue', 'per1000', 'onDuty'] as const;
export type CommandMeasure = (typeof COMMAND_MEASURES)[number];

export const COMMAND_MEASURE_LABELS: Readonly<Record<CommandMeasure, Bilingual>> = {
  open: { zh: '在办案件', en: 'Open cases' },
  overdue: { zh: '超期案件', en: 'Overdue cases' },
  per1000: { zh: '每千户案件', en: 'Cases per 1,000 households' },
  onDuty: { zh: '在岗人员', en: 'Workers on duty' },
};

/** Cases per 1,000 households, one decimal; null for a unit without registered households. */
export function perThousand(count: number, households: number): number | null {
  if (households <= 0) return null;
  return Math.round((count / households) * 10_000) / 10;
}
