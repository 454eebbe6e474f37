/** The named demo accounts printed by `npm start`; generate.ts creates exactly these. */
export const DEMO_PASSWORD = 'Wangge@2026';

export type DemoLoginGroup = 'unit' | 'district_department' | 'street_department';

export interface DemoLogin {
  username: string;
  role: string;
  group: DemoLoginGroup;
}

/**
 * One login per district department kind. Civil affairs and police keep their first, shorter
 * usernames so each kind has exactly one login.
 */
export const DEPARTMENT_LOGINS: readonly { kind: string; username: string; role: string }[] = [
  { kind: 'civil_affairs', username: 'dept_civil', role: '民政局 civil affairs' },
  { kind: 'public_security', username: 'police', role: '公安分局 police' },
  { kind: 'urban_management', username: 'dept_urban_management', role: '城管委 urban management' },
  { kind: 'ecology_environment', username: 'dept_ecology_environment', role: '生态环境局 ecology' },
  { kind: 'emergency', username: 'dept_emergency', role: '应急管理局 emergency' },
  { kind: 'market_regulation', username: 'dept_market_regulation', role: '市场监管局 market regulation' },
  { kind: 'human_resources', username: 'dept_human_resources', role: '人社局 human resources' },
  { kind: 'health', username: 'dept_health', role: '卫健委 health' },
  { kind: 'fire', username: 'dept_fire', role: '消防救援支队 fire and rescue' },
  { kind: 'housing', username: 'dept_housing', role: '住建委 housing' },
  { kind: 'water', username: 'dept_water', role: '水务公司 water company' },
  { kind: 'power', username: 'dept_power', role: '供电公司 power company' },
  { kind: 'gas', username: 'dept_gas', role: '燃气公司 gas company' },
  { kind: 'heating', username: 'dept_heating', role: '供热公司 heating company' },
];

/** Streets of the demo district, each with its police station and enforcement team. */
export const DEMO_STREETS = 3;
/** Communities of street 1, each with an operator login `community<N>`. */
export const DEMO_STREET1_COMMUNITIES = 4;

/** Local departments every street has: username suffix and department kind. */
export const STREET_DEPARTMENT_LOGINS = [
  { suffix: 'police', kind: 'public_security', role: '派出所 police station' },
  { suffix: 'enforcement', kind: 'urban_management', role: '综合执法大队 enforcement team' },
] as const;

const unitLogins: DemoLogin[] = [
  { username: 'admin', role: '系统管理员 administrator (whole city)' },
  { username: 'city', role: '市级操作员 city operator' },
  { username: 'district', role: '区级操作员 district operator' },
  { username: 'street1', role: '街道操作员 street operator (street 1)' },
  { username: 'street2', role: '街道操作员 street operator (street 2)' },
  ...Array.from({ length: DEMO_STREET1_COMMUNITIES }, (_, i) => ({
    username: `community${i + 1}`,
    role: `社区操作员 community operator (community ${i + 1} of street 1)`,
  })),
  { username: 'leader', role: '领导 leader (read-only overview)' },
  { username: 'command', role: '指挥中心操作员 command-centre operator' },
  { username: 'dispatcher', role: '调度员 dispatcher' },
  { username: 'handler', role: '处置员 handler' },
  { username: 'patroller', role: '巡查员 patroller (street 1)' },
  { username: 'mediator', role: '司法所调解员 judicial mediator (street 1)' },
  { username: 'resident', role: '居民 resident' },
].map((l) => ({ ...l, group: 'unit' as const }));

export const DEMO_LOGINS: readonly DemoLogin[] = [
  ...unitLogins,
  ...DEPARTMENT_LOGINS.map((d) => ({
    username: d.username,
    role: `职能部门 ${d.role}`,
    group: 'district_department' as const,
  })),
  ...Array.from({ length: DEMO_STREETS }, (_, s) =>
    STREET_DEPARTMENT_LOGINS.map((d) => ({
      username: `street${s + 1}_${d.suffix}`,
      role: `${d.role} (street ${s + 1})`,
      group: 'street_department' as const,
    })),
  ).flat(),
];

/** Grid team logins follow a pattern per grid code rather than a list. */
export const GRID_LOGIN_PATTERN =
  'w<grid> 专职网格员 worker · wz<grid> 网格长 leader · wd<grid> 指导员 instructor · wj<grid>_1 兼职 part-time';
