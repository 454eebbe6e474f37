// The names of the assessment codes a person sees on the screens: subjects, the event counts
// behind every numerator and denominator, period and adjustment states, the kinds of events.

type Names = { zh: string; en: string };

export const ASSESSMENT_SUBJECT_LABELS: Readonly<Record<string, Names>> = {
  worker: { zh: '网格员', en: 'Grid worker' },
  department: { zh: '部门', en: 'Department' },
  dispatcher: { zh: '调度员', en: 'Dispatcher' },
  area: { zh: '区域', en: 'Area' },
};

/** Every event count the server's countEvents returns, by its name. */
export const EVENT_COUNT_LABELS: Readonly<Record<string, Names>> = {
  'reports.total': { zh: '上报数', en: 'Reports' },
  'reports.valid': { zh: '有效上报数', en: 'Valid reports' },
  'grid.cases_total': { zh: '网格内问题数', en: 'Problems in the grid' },
  'grid.cases_reported_by_others': { zh: '他人先报数', en: 'First reported by others' },
  'grid.cases_red': { zh: '红牌事件数', en: 'Red cards' },
  'satisfaction.rated': { zh: '已评价数', en: 'Rated' },
  'satisfaction.satisfied': { zh: '满意数', en: 'Satisfied' },
  'visits.seconds': { zh: '走访时长（秒）', en: 'Visit time (s)' },
  'visits.count': { zh: '走访次数', en: 'Visits' },
  'patrol.tracked_seconds': { zh: '巡查时长（秒）', en: 'Patrol time (s)' },
  'patrol.inside_seconds': { zh: '网格内巡查时长（秒）', en: 'Patrol time inside own grids (s)' },
  'registers.updates': { zh: '信息采集更新数', en: 'Register updates' },
  'inspections.due': { zh: '应巡检数', en: 'Inspections due' },
  'inspections.on_time': { zh: '按时巡检数', en: 'Inspections on time' },
  workdays: { zh: '工作日数', en: 'Working days' },
  'confirm.ended': { zh: '核实数', en: 'Verifications' },
  'confirm.on_time': { zh: '按时核实数', en: 'Verified on time' },
  'verify.ended': { zh: '核查数', en: 'Re-checks' },
  'verify.on_time': { zh: '按时核查数', en: 'Re-checked on time' },
  'dispatch.total': { zh: '派遣数', en: 'Dispatched' },
  'dispatch.accurate': { zh: '准确派遣数', en: 'Dispatched accurately' },
  'dispatch.ended': { zh: '应派遣数', en: 'Dispatches due' },
  'dispatch.on_time': { zh: '按时派遣数', en: 'Dispatched on time' },
  'file.total': { zh: '立案数', en: 'Filed' },
  'file.accurate': { zh: '准确立案数', en: 'Filed accurately' },
  'file.ended': { zh: '应立案数', en: 'Filings due' },
  'file.on_time': { zh: '按时立案数', en: 'Filed on time' },
  'handle.ended': { zh: '处置数', en: 'Handled' },
  'handle.on_time': { zh: '按时处置数', en: 'Handled on time' },
  'cases.reported': { zh: '上报事件数', en: 'Cases reported' },
  'cases.due': { zh: '应结案数', en: 'Cases due' },
  'cases.closed': { zh: '结案数', en: 'Cases closed' },
  'cases.closed_on_time': { zh: '按期结案数', en: 'Closed on time' },
  'cases.reworked': { zh: '返工数', en: 'Reworked' },
  households: { zh: '户数', en: 'Households' },
  'training.hours': { zh: '培训学时', en: 'Training hours' },
};

export const ASSESSMENT_PERIOD_STATE_LABELS: Readonly<Record<string, Names>> = {
  open: { zh: '未冻结', en: 'Open' },
  frozen: { zh: '已冻结', en: 'Frozen' },
};

export const ADJUSTMENT_STATE_LABELS: Readonly<Record<string, Names>> = {
  proposed: { zh: '待审批', en: 'Proposed' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '已驳回', en: 'Rejected' },
};

export const ASSESSMENT_EVENT_KIND_LABELS: Readonly<Record<string, Names>> = {
  case: { zh: '事件', en: 'Case' },
  visit: { zh: '走访', en: 'Visit' },
  inspection: { zh: '巡检', en: 'Inspection' },
  register_event: { zh: '信息采集', en: 'Register update' },
  track: { zh: '巡查轨迹', en: 'Patrol track' },
};
