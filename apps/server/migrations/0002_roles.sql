-- Built-in roles (DOMAIN.md §3). Roles are data: an administrator may add more.
INSERT INTO roles (code, name_zh, name_en, permissions, builtin) VALUES
  ('admin',             '系统管理员',     'Administrator',            '{org.read,org.write,grids.read,grids.write,users.read,users.write,audit.read}', true),
  ('city_operator',     '市级操作员',     'City operator',            '{org.read,org.write,grids.read,grids.write,users.read,users.write}', true),
  ('district_operator', '区级操作员',     'District operator',        '{org.read,org.write,grids.read,grids.write,users.read,users.write}', true),
  ('street_operator',   '街道操作员',     'Street operator',          '{org.read,grids.read,grids.write,users.read,users.write}', true),
  ('community_operator','社区操作员',     'Community operator',       '{org.read,grids.read,users.read}', true),
  ('command_operator',  '指挥中心操作员', 'Command-centre operator',  '{org.read,grids.read,users.read}', true),
  ('leader',            '领导',           'Leader',                   '{org.read,grids.read,users.read}', true),
  ('dispatcher',        '调度员',         'Dispatcher',               '{org.read,grids.read}', true),
  ('handler',           '处置员',         'Handler',                  '{org.read,grids.read}', true),
  ('department_staff',  '职能部门人员',   'Department staff',         '{org.read}', true),
  ('grid_leader',       '网格长',         'Grid leader',              '{org.read,grids.read,users.read}', true),
  ('grid_instructor',   '网格指导员',     'Grid instructor',          '{org.read,grids.read}', true),
  ('grid_worker_full',  '专职网格员',     'Full-time grid worker',    '{org.read,grids.read}', true),
  ('grid_worker_part',  '兼职网格员',     'Part-time grid worker',    '{org.read,grids.read}', true),
  ('patroller',         '巡查员',         'Patroller',                '{org.read,grids.read}', true),
  ('resident',          '居民',           'Resident',                 '{}', true);
