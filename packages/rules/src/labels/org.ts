// Names of the organisation's codes: built-in roles (migration 0002), grid team roles, permissions,
// the level chain, grid kinds and the kinds of department (the demo's departments and the
// categories' default departments).
import type { Permission, TeamRole } from '../permissions.ts';
import type { Bilingual } from './index.ts';

/** The built-in roles; an administrator's own roles carry their names in the database. */
export const ROLE_LABELS: Readonly<Record<string, Bilingual>> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  city_operator: { zh: '市级操作员', en: 'City operator' },
  district_operator: { zh: '区级操作员', en: 'District operator' },
  street_operator: { zh: '街道操作员', en: 'Street operator' },
  community_operator: { zh: '社区操作员', en: 'Community operator' },
  command_operator: { zh: '指挥中心操作员', en: 'Command-centre operator' },
  leader: { zh: '领导', en: 'Leader' },
  dispatcher: { zh: '调度员', en: 'Dispatcher' },
  handler: { zh: '处置员', en: 'Handler' },
  department_staff: { zh: '职能部门人员', en: 'Department staff' },
  grid_leader: { zh: '网格长', en: 'Grid leader' },
  grid_instructor: { zh: '网格指导员', en: 'Grid instructor' },
  grid_worker_full: { zh: '专职网格员', en: 'Full-time grid worker' },
  grid_worker_part: { zh: '兼职网格员', en: 'Part-time grid worker' },
  patroller: { zh: '巡查员', en: 'Patroller' },
  resident: { zh: '居民', en: 'Resident' },
  mediator: { zh: '司法所调解员', en: 'Judicial mediator' },
};

export const TEAM_ROLE_LABELS: Readonly<Record<TeamRole, Bilingual>> = {
  leader: { zh: '网格长', en: 'Grid leader' },
  instructor: { zh: '网格指导员', en: 'Grid instructor' },
  full_time: { zh: '专职网格员', en: 'Full-time grid worker' },
  part_time: { zh: '兼职网格员', en: 'Part-time grid worker' },
};

export const PERMISSION_LABELS: Readonly<Record<Permission, Bilingual>> = {
  'org.read': { zh: '查看组织架构', en: 'View the organisation' },
  'org.write': { zh: '维护组织架构', en: 'Edit the organisation' },
  'grids.read': { zh: '查看网格', en: 'View grids' },
  'grids.write': { zh: '维护网格与边界', en: 'Edit grids and boundaries' },
  'users.read': { zh: '查看用户', en: 'View users' },
  'users.write': { zh: '管理用户', en: 'Manage users' },
  'audit.read': { zh: '查看审计日志', en: 'View the audit log' },
  'cases.read': { zh: '查看事件', en: 'View cases' },
  'cases.report': { zh: '上报事件', en: 'Report cases' },
  'cases.dispatch': { zh: '受理与派遣事件', en: 'Accept and dispatch cases' },
  'cases.handle': { zh: '处置事件', en: 'Handle cases' },
  'cases.verify': { zh: '核查事件', en: 'Verify cases' },
  'cases.approve': { zh: '审批作废与延期', en: 'Approve voids and extensions' },
  'cases.audit': { zh: '审核自处理事件', en: 'Audit self-handled cases' },
  'cases.supervise': { zh: '督办事件', en: 'Supervise cases' },
  'cases.stats': { zh: '查看事件统计', en: 'View case statistics' },
  'cases.configure': { zh: '配置事件分类与时限', en: 'Configure categories and time limits' },
  'registers.read': { zh: '查看一标三实', en: 'View the registers' },
  'registers.write': { zh: '维护一标三实', en: 'Edit the registers' },
  'registers.reveal': { zh: '查看完整证件号和电话', en: 'Reveal full ID numbers and phones' },
  'special.01': { zh: '刑满释放人员', en: 'Released prisoners' },
  'special.02': { zh: '社区矫正人员', en: 'Community correction' },
  'special.03': { zh: '严重精神障碍患者', en: 'Severe mental disorder' },
  'special.04': { zh: '吸毒人员', en: 'Drug users' },
  'special.05': { zh: '艾滋病危险人员', en: 'HIV high-risk' },
  'special.06': { zh: '重点青少年', en: 'Key youth' },
  'special.07': { zh: '重点上访人员', en: 'Key petitioners' },
  'patrol.report': { zh: '上传巡查轨迹', en: 'Send patrol positions' },
  'patrol.monitor': { zh: '查看巡查位置与轨迹', en: 'Watch patrol positions and tracks' },
  'visits.record': { zh: '记录走访', en: 'Record visits' },
  'visits.read': { zh: '查看走访', en: 'View visits' },
  'visits.configure': { zh: '设置走访目标', en: 'Set visit targets' },
  'errands.read': { zh: '查看代办', en: 'View errands' },
  'errands.start': { zh: '发起代办', en: 'Start errands' },
  'errands.review': { zh: '审核代办', en: 'Review errands' },
  'errands.approve': { zh: '审批代办', en: 'Approve errands' },
  'errands.configure': { zh: '配置代办事项', en: 'Configure errand types' },
  'inspections.perform': { zh: '巡检场所', en: 'Inspect venues' },
  'inspections.read': { zh: '查看巡检', en: 'View inspections' },
  'tokens.manage': { zh: '管理接口令牌', en: 'Manage API tokens' },
  'disputes.mediate': { zh: '调解矛盾纠纷', en: 'Mediate disputes' },
  'disputes.supervise': { zh: '督办矛盾纠纷调解', en: 'Supervise dispute mediation' },
  'devices.read': { zh: '查看物联设备与告警', en: 'View IoT devices and alarms' },
  'devices.manage': { zh: '登记与维护物联设备', en: 'Register and edit IoT devices' },
  'hotline.read': { zh: '查看 12345 热线回告记录', en: 'View 12345 hotline call-backs' },
  'alerts.read': { zh: '查看与响应告警', en: 'View and acknowledge alerts' },
  'alerts.sos': { zh: '一键求助', en: 'Call for help (SOS)' },
  'duty.read': { zh: '查看排班与任务', en: 'View duty rota and tasks' },
  'duty.manage': { zh: '排班与派发任务', en: 'Edit duty rota and set tasks' },
  'command.view': { zh: '查看指挥中心大屏', en: 'View the command centre screen' },
  'notices.manage': { zh: '发布社区通知公告', en: 'Publish community notices' },
  'assessment.view_own': { zh: '查看本人考核得分与排名', en: 'See own assessment score and rank' },
  'assessment.view': { zh: '查看辖区考核得分与排名', en: 'See assessment scores and rankings in scope' },
  'assessment.manage': { zh: '设置考核方案、冻结考核月份', en: 'Set assessment schemes, freeze months' },
  'assessment.decide_appeals': { zh: '处理考核申诉', en: 'Decide assessment appeals' },
  'careers.read': { zh: '查看职业发展与培训', en: 'Read careers and training' },
  'careers.manage': { zh: '管理薪酬等级、年度评定与晋级', en: 'Manage pay ladder, ratings and promotions' },
  'training.manage': { zh: '管理培训课程与签到', en: 'Manage training courses and attendance' },
};

/** The level chain, and buildings below grids. */
export const ORG_LEVEL_LABELS = {
  city: { zh: '市', en: 'City' },
  district: { zh: '区', en: 'District' },
  street: { zh: '街道', en: 'Street' },
  community: { zh: '社区', en: 'Community' },
  grid: { zh: '网格', en: 'Grid' },
  building: { zh: '楼栋', en: 'Building' },
} as const satisfies Record<string, Bilingual>;

export const GRID_KIND_LABELS = {
  base: { zh: '基础网格', en: 'Base grid' },
  special: { zh: '专属网格', en: 'Special grid' },
} as const satisfies Record<string, Bilingual>;

export const GRID_SPECIAL_TYPE_LABELS = {
  school: { zh: '学校', en: 'School' },
  hospital: { zh: '医院', en: 'Hospital' },
  park: { zh: '园区', en: 'Industrial park' },
  market: { zh: '市场', en: 'Market' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies Record<string, Bilingual>;

export const DEPARTMENT_KIND_LABELS: Readonly<Record<string, Bilingual>> = {
  civil_affairs: { zh: '民政', en: 'Civil affairs' },
  public_security: { zh: '公安', en: 'Public security' },
  urban_management: { zh: '城市管理', en: 'Urban management' },
  ecology_environment: { zh: '生态环境', en: 'Ecology and environment' },
  emergency: { zh: '应急管理', en: 'Emergency management' },
  market_regulation: { zh: '市场监管', en: 'Market regulation' },
  human_resources: { zh: '人力资源和社会保障', en: 'Human resources and social security' },
  health: { zh: '卫生健康', en: 'Health' },
  fire: { zh: '消防救援', en: 'Fire and rescue' },
  housing: { zh: '住房和建设', en: 'Housing and construction' },
  water: { zh: '供水', en: 'Water supply' },
  power: { zh: '供电', en: 'Power supply' },
  gas: { zh: '燃气', en: 'Gas' },
  heating: { zh: '供热', en: 'Heating' },
};
