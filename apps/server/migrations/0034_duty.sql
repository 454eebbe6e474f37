-- Duty rota and worker tasks (modules/duty). A rota row gives a member of a grid team one shift kind
-- on one Beijing day; the hours of each kind are configuration (WANGGE_SHIFT_HOURS), not data, so
-- changing them moves every shift at once. Tasks are jobs a dispatcher or grid leader sets a worker.
CREATE TABLE duty_shifts (
  grid_id     bigint NOT NULL REFERENCES grids (org_unit_id),
  user_id     bigint NOT NULL REFERENCES users (id),
  day         date NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('morning', 'evening', 'night', 'standby', 'rest')),
  updated_by  bigint REFERENCES users (id),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (grid_id, user_id, day)
);
-- "Who is on duty now" reads today's and yesterday's rows of everyone.
CREATE INDEX duty_shifts_day ON duty_shifts (day, user_id);

CREATE TABLE worker_tasks (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind             text NOT NULL CHECK (kind IN ('patrol_route', 'inspect_venue', 'visit_household', 'follow_case')),
  assignee_id      bigint NOT NULL REFERENCES users (id),
  grid_id          bigint NOT NULL REFERENCES grids (org_unit_id),
  -- The grid's path: who manages this path sees and steers the task.
  unit_path        text NOT NULL,
  title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  instructions     text NOT NULL DEFAULT '',
  route            text,
  target_unit_id   bigint REFERENCES units (id),
  target_house_id  bigint REFERENCES houses (id),
  target_case_id   bigint REFERENCES cases (id),
  due_day          date NOT NULL,
  state            text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'cancelled')),
  created_by       bigint NOT NULL REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  done_at          timestamptz,
  done_note        text,
  done_attachment_id bigint,
  version          integer NOT NULL DEFAULT 1
);
CREATE INDEX worker_tasks_assignee ON worker_tasks (assignee_id, state, due_day);
CREATE INDEX worker_tasks_unit_day ON worker_tasks (unit_path text_pattern_ops, due_day);

-- Edit the rota and set tasks: the grid leader for the team, the dispatcher and community operator
-- above it. Everyone who watches or patrols reads (a worker sees the rota of the own team).
UPDATE roles SET permissions = permissions || CASE code
  WHEN 'admin'              THEN '{duty.read,duty.manage}'::text[]
  WHEN 'dispatcher'         THEN '{duty.read,duty.manage}'::text[]
  WHEN 'community_operator' THEN '{duty.read,duty.manage}'::text[]
  WHEN 'grid_leader'        THEN '{duty.read,duty.manage}'::text[]
  WHEN 'city_operator'      THEN '{duty.read}'::text[]
  WHEN 'command_operator'   THEN '{duty.read}'::text[]
  WHEN 'district_operator'  THEN '{duty.read}'::text[]
  WHEN 'street_operator'    THEN '{duty.read}'::text[]
  WHEN 'leader'             THEN '{duty.read}'::text[]
  WHEN 'grid_worker_full'   THEN '{duty.read}'::text[]
  WHEN 'grid_worker_part'   THEN '{duty.read}'::text[]
  WHEN 'grid_worker'        THEN '{duty.read}'::text[]
  WHEN 'grid_instructor'    THEN '{duty.read}'::text[]
  ELSE '{}'::text[]
END
WHERE builtin;
