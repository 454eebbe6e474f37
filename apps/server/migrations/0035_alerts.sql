-- Alerts for the command centre (modules/alerts): a worker silent or outside their grids on shift,
-- an SOS from the field, a case turning red, a device gone quiet. One open alert per kind and
-- subject (the partial unique index), so a detector running every minute raises each once.
CREATE TABLE alerts (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Open list: a module adds its kind to ALERT_KINDS of @wangge/rules and raises it via raiseAlert.
  kind               text NOT NULL CHECK (kind ~ '^[a-z][a-z_]{0,39}$'),
  subject_user_id    bigint REFERENCES users (id),
  subject_case_id    bigint REFERENCES cases (id),
  -- No foreign key: the device register is a later migration's table.
  subject_device_id  bigint,
  -- 'user:12', 'case:7', 'device:3': what "the same subject" means for deduplication.
  subject_key        text NOT NULL,
  unit_path          text NOT NULL,
  lon                double precision,
  lat                double precision,
  summary            text NOT NULL DEFAULT '',
  details            jsonb NOT NULL DEFAULT '{}',
  raised_at          timestamptz NOT NULL DEFAULT now(),
  state              text NOT NULL DEFAULT 'raised' CHECK (state IN ('raised', 'acknowledged', 'closed')),
  ack_user_id        bigint REFERENCES users (id),
  ack_at             timestamptz,
  ack_note           text,
  closed_user_id     bigint REFERENCES users (id),
  closed_at          timestamptz,
  version            integer NOT NULL DEFAULT 1,
  CHECK (num_nonnulls(subject_user_id, subject_case_id, subject_device_id) = 1)
);
CREATE UNIQUE INDEX alerts_one_open ON alerts (kind, subject_key) WHERE state <> 'closed';
CREATE INDEX alerts_subject_raised ON alerts (subject_key, kind, raised_at DESC);
CREATE INDEX alerts_unit_raised ON alerts (unit_path text_pattern_ops, raised_at DESC);
CREATE INDEX alerts_open ON alerts (raised_at DESC) WHERE state <> 'closed';

-- Watch and acknowledge: the command centre and the operators of every level, grid leaders for
-- their grid. Call for help: everyone who patrols.
UPDATE roles SET permissions = permissions || CASE code
  WHEN 'admin'              THEN '{alerts.read,alerts.sos}'::text[]
  WHEN 'city_operator'      THEN '{alerts.read}'::text[]
  WHEN 'command_operator'   THEN '{alerts.read}'::text[]
  WHEN 'district_operator'  THEN '{alerts.read}'::text[]
  WHEN 'street_operator'    THEN '{alerts.read}'::text[]
  WHEN 'community_operator' THEN '{alerts.read}'::text[]
  WHEN 'dispatcher'         THEN '{alerts.read}'::text[]
  WHEN 'leader'             THEN '{alerts.read}'::text[]
  WHEN 'grid_leader'        THEN '{alerts.read,alerts.sos}'::text[]
  WHEN 'grid_worker_full'   THEN '{alerts.sos}'::text[]
  WHEN 'grid_worker_part'   THEN '{alerts.sos}'::text[]
  ELSE '{}'::text[]
END
WHERE builtin;
