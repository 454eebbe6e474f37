// Which event counts an appeal (申诉) may name, and the kind of event behind each — the kind
// countEvents (modules/assessment/event-counts.ts) checks in assessment_exclusions.
export type AppealEventKind = 'case' | 'visit' | 'inspection' | 'register_event';
export const APPEAL_EVENT_KINDS: readonly AppealEventKind[] = [
  'case',
  'visit',
  'inspection',
  'register_event',
];

export const COUNT_EVENT_KIND: Readonly<Record<string, AppealEventKind>> = {
  'reports.total': 'case',
  'reports.valid': 'case',
  'grid.cases_total': 'case',
  'grid.cases_reported_by_others': 'case',
  'grid.cases_red': 'case',
  'satisfaction.rated': 'case',
  'satisfaction.satisfied': 'case',
  'confirm.ended': 'case',
  'confirm.on_time': 'case',
  'verify.ended': 'case',
  'verify.on_time': 'case',
  'dispatch.total': 'case',
  'dispatch.accurate': 'case',
  'dispatch.ended': 'case',
  'dispatch.on_time': 'case',
  'file.total': 'case',
  'file.accurate': 'case',
  'file.ended': 'case',
  'file.on_time': 'case',
  'visits.count': 'visit',
  'visits.seconds': 'visit',
  'registers.updates': 'register_event',
  'inspections.due': 'inspection',
  'inspections.on_time': 'inspection',
};

/**
 * The worker counts a bonus item may multiply: countEvents' worker counts, and red cards
 * (grid.cases_red: cases of the worker's grids reported in the month whose light turned red).
 */
export const BONUS_COUNTS: readonly string[] = [
  'reports.total',
  'reports.valid',
  'grid.cases_total',
  'grid.cases_reported_by_others',
  'grid.cases_red',
  'satisfaction.rated',
  'satisfaction.satisfied',
  'confirm.ended',
  'confirm.on_time',
  'verify.ended',
  'verify.on_time',
  'visits.count',
  'registers.updates',
  'inspections.due',
  'inspections.on_time',
];
