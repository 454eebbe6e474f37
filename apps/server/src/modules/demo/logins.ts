/** The named demo accounts printed by `npm start`; generate.ts creates exactly these. */
export const DEMO_PASSWORD = 'Wangge@2026';
export const DEMO_LOGINS = [
  { username: 'admin', role: '系统管理员 administrator (whole city)' },
  { username: 'city', role: '市级操作员 city operator' },
  { username: 'district', role: '区级操作员 district operator' },
  { username: 'street1', role: '街道操作员 street operator (street 1)' },
  { username: 'street2', role: '街道操作员 street operator (street 2)' },
  { username: 'community1', role: '社区操作员 community operator' },
  { username: 'leader', role: '领导 leader (read-only overview)' },
  { username: 'command', role: '指挥中心操作员 command-centre operator' },
  { username: 'dispatcher', role: '调度员 dispatcher' },
  { username: 'handler', role: '处置员 handler' },
  { username: 'patroller', role: '巡查员 patroller (street 1)' },
  { username: 'dept_civil', role: '职能部门 civil affairs staff' },
  { username: 'police', role: '职能部门 police staff' },
  { username: 'resident', role: '居民 resident' },
] as const;
