-- The case closed loop (DOMAIN.md §4): categories with time limits, cases, their append-only
-- step history, dispatch assignments (incl. whistle to departments), notifications, work calendar.

CREATE TABLE case_categories (
  code                     text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}[0-9]{2}(-[0-9]{2})?$'),
  parent_code              text REFERENCES case_categories (code),
  domain                   text NOT NULL CHECK (domain IN ('social', 'urban')),
  name_zh                  text NOT NULL,
  name_en                  text NOT NULL,
  filing_standard          text NOT NULL DEFAULT '',
  closing_standard         text NOT NULL DEFAULT '',
  -- Per step: {"accept":{"amount":2,"unit":"hours"}, "dispatch":…, "handle":…, "verify":…, "close":…}
  limits                   jsonb NOT NULL DEFAULT '{}',
  default_department_kind  text,
  is_police                boolean NOT NULL DEFAULT false,
  sort                     integer NOT NULL DEFAULT 0,
  CHECK ((parent_code IS NULL) = (code !~ '-'))
);

-- One calendar per city: working hours, holidays and make-up working days (调休).
CREATE TABLE work_calendars (
  city_id   bigint PRIMARY KEY REFERENCES org_units (id),
  calendar  jsonb NOT NULL
);

CREATE SEQUENCE case_code_seq;

CREATE TABLE cases (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code                  text NOT NULL UNIQUE,
  title                 text NOT NULL,
  description           text NOT NULL DEFAULT '',
  category_code         text NOT NULL REFERENCES case_categories (code),
  source                text NOT NULL CHECK (source IN
                          ('patrol', 'resident_app', 'hotline', 'wechat', 'web', 'iot', 'department', 'leader', 'open311')),
  state                 text NOT NULL,
  self_handled          boolean NOT NULL DEFAULT false,
  is_police             boolean NOT NULL DEFAULT false,
  lon                   double precision NOT NULL,
  lat                   double precision NOT NULL,
  address               text NOT NULL DEFAULT '',
  grid_id               bigint NOT NULL REFERENCES org_units (id),
  grid_path             text COLLATE "C" NOT NULL,
  -- The unit whose dispatchers currently answer for the case; escalation moves it up.
  owner_unit_id         bigint NOT NULL REFERENCES org_units (id),
  owner_path            text COLLATE "C" NOT NULL,
  reporter_user_id      bigint REFERENCES users (id),
  reporter_name         text,
  reporter_phone        text,
  created_by            bigint REFERENCES users (id),
  idempotency_key       text,
  version               integer NOT NULL DEFAULT 1,
  step_started_at       timestamptz NOT NULL DEFAULT now(),
  step_due_at           timestamptz,
  light                 text NOT NULL DEFAULT 'green' CHECK (light IN ('green', 'yellow', 'red')),
  supervision           text NOT NULL DEFAULT 'none' CHECK (supervision IN ('none', 'ordinary', 'yellow_card', 'red_card')),
  extension_ms          bigint NOT NULL DEFAULT 0,
  pending_extension     jsonb,
  merged_into           bigint REFERENCES cases (id),
  satisfaction          smallint CHECK (satisfaction BETWEEN 1 AND 5),
  satisfaction_comment  text,
  rating                smallint CHECK (rating BETWEEN 1 AND 5),
  reported_at           timestamptz NOT NULL DEFAULT now(),
  filed_at              timestamptz,
  dispatched_at         timestamptz,
  handled_at            timestamptz,
  closed_at             timestamptz,
  reworked              integer NOT NULL DEFAULT 0,
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX cases_idempotency_idx ON cases (created_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX cases_grid_path_idx ON cases (grid_path, reported_at);
CREATE INDEX cases_owner_path_idx ON cases (owner_path);
CREATE INDEX cases_state_idx ON cases (state);
CREATE INDEX cases_reported_at_idx ON cases (reported_at);
CREATE INDEX cases_category_idx ON cases (category_code, reported_at);
CREATE INDEX cases_open_due_idx ON cases (step_due_at)
  WHERE state NOT IN ('voided', 'closed', 'evaluated', 'archived');

-- Where a case is sent: a unit (grid, community, street) or one or more departments (whistle).
CREATE TABLE case_assignments (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id          bigint NOT NULL REFERENCES cases (id),
  org_unit_id      bigint REFERENCES org_units (id),
  org_path         text COLLATE "C",
  department_id    bigint REFERENCES departments (id),
  is_lead          boolean NOT NULL DEFAULT true,
  active           boolean NOT NULL DEFAULT true,
  assigned_at      timestamptz NOT NULL DEFAULT now(),
  ack_due_at       timestamptz,
  acknowledged_at  timestamptz,
  accepted_at      timestamptz,
  CHECK ((org_unit_id IS NULL) <> (department_id IS NULL)),
  CHECK ((org_unit_id IS NULL) = (org_path IS NULL))
);
CREATE INDEX case_assignments_case_idx ON case_assignments (case_id);
CREATE INDEX case_assignments_dept_idx ON case_assignments (department_id) WHERE active;
CREATE INDEX case_assignments_path_idx ON case_assignments (org_path) WHERE active;

-- Every action on a case is a step; steps are never changed or removed.
CREATE TABLE case_steps (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id         bigint NOT NULL REFERENCES cases (id),
  seq             integer NOT NULL,
  action          text NOT NULL,
  from_state      text,
  to_state        text NOT NULL,
  actor_user_id   bigint REFERENCES users (id),
  actor_name      text NOT NULL,
  actor_roles     text[] NOT NULL DEFAULT '{}',
  actor_unit_id   bigint REFERENCES org_units (id),
  at              timestamptz NOT NULL DEFAULT now(),
  lon             double precision,
  lat             double precision,
  note            text,
  reason          text,
  details         jsonb NOT NULL DEFAULT '{}',
  deadline        timestamptz,
  UNIQUE (case_id, seq)
);

CREATE FUNCTION case_steps_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_steps is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER case_steps_no_update BEFORE UPDATE OR DELETE ON case_steps
  FOR EACH ROW EXECUTE FUNCTION case_steps_append_only();

ALTER TABLE attachments ADD CONSTRAINT attachments_case_fk FOREIGN KEY (case_id) REFERENCES cases (id);
ALTER TABLE attachments ADD COLUMN step_id bigint REFERENCES case_steps (id);

CREATE TABLE notifications (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES users (id),
  case_id     bigint REFERENCES cases (id),
  kind        text NOT NULL,
  title       text NOT NULL,
  body        text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

-- Permissions of the case loop, added to the built-in roles.
UPDATE roles SET permissions = permissions || CASE code
  WHEN 'admin'              THEN '{cases.read,cases.report,cases.dispatch,cases.handle,cases.verify,cases.approve,cases.audit,cases.supervise,cases.stats,cases.configure}'::text[]
  WHEN 'city_operator'      THEN '{cases.read,cases.report,cases.dispatch,cases.approve,cases.stats,cases.configure}'::text[]
  WHEN 'district_operator'  THEN '{cases.read,cases.report,cases.dispatch,cases.approve,cases.stats}'::text[]
  WHEN 'street_operator'    THEN '{cases.read,cases.report,cases.dispatch,cases.approve,cases.handle,cases.stats}'::text[]
  WHEN 'community_operator' THEN '{cases.read,cases.report,cases.dispatch,cases.handle,cases.audit,cases.stats}'::text[]
  WHEN 'command_operator'   THEN '{cases.read,cases.report,cases.supervise,cases.stats}'::text[]
  WHEN 'leader'             THEN '{cases.read,cases.supervise,cases.approve,cases.stats}'::text[]
  WHEN 'dispatcher'         THEN '{cases.read,cases.report,cases.dispatch,cases.stats}'::text[]
  WHEN 'handler'            THEN '{cases.read,cases.handle}'::text[]
  WHEN 'department_staff'   THEN '{cases.read,cases.handle}'::text[]
  WHEN 'grid_leader'        THEN '{cases.read,cases.report,cases.handle,cases.verify,cases.audit}'::text[]
  WHEN 'grid_instructor'    THEN '{cases.read}'::text[]
  WHEN 'grid_worker_full'   THEN '{cases.read,cases.report,cases.handle,cases.verify}'::text[]
  WHEN 'grid_worker_part'   THEN '{cases.read,cases.report}'::text[]
  WHEN 'patroller'          THEN '{cases.read,cases.report,cases.handle}'::text[]
  WHEN 'resident'           THEN '{cases.report}'::text[]
  ELSE '{}'::text[] END
WHERE builtin;
