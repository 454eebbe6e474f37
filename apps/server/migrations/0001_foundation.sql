-- Foundation: the level chain, grids with boundary history, buildings, departments,
-- users with roles and scoped assignments, sessions, API tokens and the audit log.

-- Materialised path: '/<code>/<code>/…/' from the root. A scope check is one prefix
-- match on an index, so the column uses the C collation whatever the server's locale.
CREATE TABLE org_units (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  parent_id   bigint REFERENCES org_units (id),
  level       text NOT NULL CHECK (level IN ('city', 'district', 'street', 'community', 'grid')),
  code        text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{12}([0-9]{3})?$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  path        text COLLATE "C" NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((level = 'grid') = (length(code) = 15)),
  CHECK ((parent_id IS NULL) = (level = 'city'))
);
CREATE INDEX org_units_parent_idx ON org_units (parent_id);
CREATE INDEX org_units_level_path_idx ON org_units (level, path);

-- Boundary history for any org unit (communities and grids need one; streets and up may).
-- The current boundary is the row with valid_to IS NULL. GeoJSON geometry, WGS-84.
CREATE TABLE boundaries (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_unit_id  bigint NOT NULL REFERENCES org_units (id),
  geometry     jsonb NOT NULL,
  min_lon      double precision NOT NULL,
  min_lat      double precision NOT NULL,
  max_lon      double precision NOT NULL,
  max_lat      double precision NOT NULL,
  area_m2      double precision NOT NULL,
  valid_from   timestamptz NOT NULL DEFAULT now(),
  valid_to     timestamptz,
  changed_by   bigint,
  note         text,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX boundaries_current_idx ON boundaries (org_unit_id) WHERE valid_to IS NULL;
CREATE INDEX boundaries_history_idx ON boundaries (org_unit_id, valid_from);

CREATE TABLE grids (
  org_unit_id   bigint PRIMARY KEY REFERENCES org_units (id),
  kind          text NOT NULL DEFAULT 'base' CHECK (kind IN ('base', 'special')),
  special_type  text CHECK (special_type IN ('school', 'hospital', 'park', 'market', 'enterprise', 'other')),
  households    integer NOT NULL DEFAULT 0 CHECK (households >= 0),
  population    integer NOT NULL DEFAULT 0 CHECK (population >= 0),
  CHECK ((kind = 'special') = (special_type IS NOT NULL))
);

CREATE TABLE buildings (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  grid_id     bigint NOT NULL REFERENCES org_units (id),
  code        text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{18}$'),
  name        text NOT NULL,
  address     text NOT NULL DEFAULT '',
  lon         double precision NOT NULL,
  lat         double precision NOT NULL,
  floors      integer NOT NULL DEFAULT 1 CHECK (floors > 0),
  units       integer NOT NULL DEFAULT 1 CHECK (units > 0),
  households  integer NOT NULL DEFAULT 0 CHECK (households >= 0)
);
CREATE INDEX buildings_grid_idx ON buildings (grid_id);

CREATE TABLE departments (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_unit_id  bigint NOT NULL REFERENCES org_units (id),
  code         text NOT NULL UNIQUE,
  name         text NOT NULL,
  kind         text NOT NULL,
  is_police    boolean NOT NULL DEFAULT false
);
CREATE INDEX departments_org_unit_idx ON departments (org_unit_id);

CREATE TABLE roles (
  code         text PRIMARY KEY,
  name_zh      text NOT NULL,
  name_en      text NOT NULL,
  permissions  text[] NOT NULL DEFAULT '{}',
  builtin      boolean NOT NULL DEFAULT false
);

CREATE TABLE users (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username       text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9_.-]{3,64}$'),
  display_name   text NOT NULL,
  phone          text,
  password_hash  text NOT NULL,
  active         boolean NOT NULL DEFAULT true,
  failed_logins  integer NOT NULL DEFAULT 0,
  locked_until   timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_roles (
  user_id    bigint NOT NULL REFERENCES users (id),
  role_code  text NOT NULL REFERENCES roles (code),
  PRIMARY KEY (user_id, role_code)
);

-- What a user is attached to: org units (their subtree is the data scope) or departments.
CREATE TABLE user_assignments (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id        bigint NOT NULL REFERENCES users (id),
  org_unit_id    bigint REFERENCES org_units (id),
  department_id  bigint REFERENCES departments (id),
  CHECK ((org_unit_id IS NULL) <> (department_id IS NULL))
);
CREATE UNIQUE INDEX user_assignments_unit_idx ON user_assignments (user_id, org_unit_id) WHERE org_unit_id IS NOT NULL;
CREATE UNIQUE INDEX user_assignments_dept_idx ON user_assignments (user_id, department_id) WHERE department_id IS NOT NULL;
CREATE INDEX user_assignments_org_unit_idx ON user_assignments (org_unit_id);

-- A grid's team: 1 leader + 1 instructor + 1 full-time worker + N part-time helpers.
CREATE TABLE grid_team_members (
  grid_id    bigint NOT NULL REFERENCES org_units (id),
  user_id    bigint NOT NULL REFERENCES users (id),
  team_role  text NOT NULL CHECK (team_role IN ('leader', 'instructor', 'full_time', 'part_time')),
  since      date NOT NULL DEFAULT current_date,
  PRIMARY KEY (grid_id, user_id)
);
CREATE UNIQUE INDEX grid_team_single_roles_idx ON grid_team_members (grid_id, team_role)
  WHERE team_role IN ('leader', 'instructor', 'full_time');
CREATE INDEX grid_team_user_idx ON grid_team_members (user_id);

-- Tokens are stored only as SHA-256 hashes; the secret is shown once.
CREATE TABLE sessions (
  token_hash    text PRIMARY KEY,
  user_id       bigint NOT NULL REFERENCES users (id),
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  ip            text,
  user_agent    text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id       bigint NOT NULL REFERENCES users (id),
  name          text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  expires_at    timestamptz,
  revoked_at    timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

CREATE TABLE audit_log (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  user_id      bigint,
  action       text NOT NULL,
  target_type  text NOT NULL,
  target_id    text,
  ip           text,
  user_agent   text,
  details      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_user_idx ON audit_log (user_id, at);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id);
