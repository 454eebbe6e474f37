// Permissions are data-free names; roles (in the database) bundle them. Scope is separate:
// a permission says what kind of thing a user may do, the scope says where.
export const PERMISSIONS = [
  'org.read',
  'org.write',
  'grids.read',
  'grids.write',
  'users.read',
  'users.write',
  'audit.read',
  'cases.read',
  'cases.report',
  'cases.dispatch',
  'cases.handle',
  'cases.verify',
  'cases.approve',
  'cases.audit',
  'cases.supervise',
  'cases.stats',
  'cases.configure',
  'registers.read',
  'registers.write',
  'registers.reveal',
  // Special groups (特殊人群, DOMAIN.md §5): each type is visible only to roles granted it.
  'special.01',
  'special.02',
  'special.03',
  'special.04',
  'special.05',
  'special.06',
  'special.07',
  // Patrol (DOMAIN.md §6): send one's own positions; watch workers' positions and tracks in scope.
  'patrol.report',
  'patrol.monitor',
  // Visits and service errands (DOMAIN.md §6): record one's own door-to-door visits; read visits and
  // their daily summary in scope; set the daily visit target. Errands (代办): start and run them
  // (grid workers), review (grid leaders), approve (department staff), read, configure item types.
  'visits.record',
  'visits.read',
  'visits.configure',
  'errands.read',
  'errands.start',
  'errands.review',
  'errands.approve',
  'errands.configure',
  // Venue inspections (DOMAIN.md §6): inspect listed venues with a checklist; read them in scope.
  'inspections.perform',
  'inspections.read',
  // API tokens for other systems (the console's token screen); the field app's device token needs none.
  'tokens.manage',
  // Dispute mediation (矛盾纠纷调解): keep a dispute's mediation record; close, fail or escalate it from above.
  'disputes.mediate',
  'disputes.supervise',
  // IoT devices (issue 14): read the device register and its alarms in scope; register and edit
  // devices. The 12345 hotline's call-back delivery log.
  'devices.read',
  'devices.manage',
  'hotline.read',
  // Alerts (告警): watch and acknowledge the alerts of one's scope; call for help from the field (SOS).
  'alerts.read',
  'alerts.sos',
  // Duty (排班): see the rota, who is on duty and the workers' tasks in scope; edit the rota and set tasks.
  'duty.read',
  'duty.manage',
  // Command centre (指挥中心): the big screen of one's scope, read-only — operators and leaders.
  'command.view',
  // Notices (通知公告) to a community's residents in the resident app: community and street operators.
  'notices.manage',
  // Assessment (考核): one's own score and rank; every score and ranking in scope; schemes, freezing.
  'assessment.view_own',
  'assessment.view',
  'assessment.manage',
  // Appeals (申诉): uphold or overturn a worker's appeal in scope — grid leaders and operators.
  'assessment.decide_appeals',
  // Careers and training (职业发展, 网格学院): read every worker's grade, ratings and training in scope;
  // the pay ladder, confirming ratings and deciding promotions; courses, sessions and attendance.
  'careers.read',
  'careers.manage',
  'training.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

export type TeamRole = 'leader' | 'instructor' | 'full_time' | 'part_time';
export const TEAM_ROLES: readonly TeamRole[] = ['leader', 'instructor', 'full_time', 'part_time'];
