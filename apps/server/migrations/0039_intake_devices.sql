-- Issue 14 points 2 and 3: the 12345 hotline transfer and IoT devices with their alarms.

-- The channels' own accounts: the reporter of the cases they bring in. They cannot sign in (no
-- password hash verifies '!', and they are inactive); the server acts as them (intake/, devices/).
INSERT INTO users (username, display_name, password_hash, active) VALUES
  ('system.hotline', '12345 热线', '!', false),
  ('system.iot', '物联感知', '!', false)
ON CONFLICT (username) DO NOTHING;

-- One row per hotline work order: the order number makes the transfer idempotent.
CREATE TABLE hotline_orders (
  order_no     text PRIMARY KEY,
  case_id      bigint NOT NULL UNIQUE REFERENCES cases (id),
  caller_name  text,
  caller_phone text,
  address      text NOT NULL,
  deadline     timestamptz,
  received_at  timestamptz NOT NULL DEFAULT now()
);

-- Nonces of signed pushes seen within the timestamp window: a reused one is a replay.
CREATE TABLE hotline_nonces (
  nonce    text PRIMARY KEY,
  seen_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hotline_nonces_seen_idx ON hotline_nonces (seen_at);

-- The call-back delivery log: one row per status change of a hotline case, written by the
-- trigger below in the same transaction as the step, sent by the hotline-callbacks job.
CREATE TABLE hotline_callbacks (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_no         text NOT NULL REFERENCES hotline_orders (order_no),
  case_id          bigint NOT NULL REFERENCES cases (id),
  step_id          bigint NOT NULL,
  state            text NOT NULL,
  action           text NOT NULL,
  public_note      text,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  last_status_code integer,
  last_error       text,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  created_at       timestamptz NOT NULL DEFAULT now(),
  delivered_at     timestamptz,
  UNIQUE (step_id)
);
CREATE INDEX hotline_callbacks_due_idx ON hotline_callbacks (next_attempt_at) WHERE status = 'pending';
CREATE INDEX hotline_callbacks_case_idx ON hotline_callbacks (case_id, id);

-- Every path that changes a case's state (actions, police routing, timers, device recovery)
-- appends a step; so the step is where a hotline case's call-back is born.
CREATE FUNCTION hotline_callback_on_step() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.to_state IS DISTINCT FROM NEW.from_state THEN
    INSERT INTO hotline_callbacks (order_no, case_id, step_id, state, action, public_note)
    SELECT o.order_no, NEW.case_id, NEW.id, NEW.to_state, NEW.action, NEW.public_note
    FROM hotline_orders o WHERE o.case_id = NEW.case_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER case_steps_hotline_callback AFTER INSERT ON case_steps
  FOR EACH ROW EXECUTE FUNCTION hotline_callback_on_step();

CREATE TABLE devices (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The id the device speaks under: MQTT topic wangge/devices/{code}/…, the webhook's :deviceId.
  code              text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_.-]{1,64}$'),
  name              text NOT NULL,
  type              text NOT NULL CHECK (type IN ('smoke', 'manhole', 'water_level', 'gas', 'camera')),
  lon               double precision NOT NULL,
  lat               double precision NOT NULL,
  address           text NOT NULL DEFAULT '',
  grid_id           bigint NOT NULL REFERENCES org_units (id),
  grid_path         text COLLATE "C" NOT NULL,
  owner_unit        text NOT NULL DEFAULT '',
  stream_url        text,
  status            text NOT NULL DEFAULT 'online' CHECK (status IN ('online', 'alarm', 'offline', 'disabled')),
  -- SHA-256 of the webhook token (shown once when the device is registered).
  token_hash        text NOT NULL,
  last_heartbeat_at timestamptz,
  last_seen_at      timestamptz NOT NULL DEFAULT now(),
  -- The case the device's current alarm raised and its last alarm: the deduplication window.
  open_case_id      bigint REFERENCES cases (id),
  last_alarm_at     timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX devices_grid_path_idx ON devices (grid_path);
CREATE INDEX devices_seen_idx ON devices (last_seen_at) WHERE status IN ('online', 'alarm');

-- Every alarm and recovery a device sent (heartbeats only touch the device row).
CREATE TABLE device_alarms (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  device_id    bigint NOT NULL REFERENCES devices (id),
  kind         text NOT NULL CHECK (kind IN ('alarm', 'recovery')),
  channel      text NOT NULL CHECK (channel IN ('mqtt', 'http')),
  value        double precision,
  message      text,
  observed_at  timestamptz,
  received_at  timestamptz NOT NULL DEFAULT now(),
  case_id      bigint REFERENCES cases (id)
);
CREATE INDEX device_alarms_device_idx ON device_alarms (device_id, received_at DESC);

UPDATE roles SET permissions = permissions || '{devices.read}'::text[]
WHERE builtin AND code IN ('city_operator', 'district_operator', 'street_operator', 'community_operator',
  'command_operator', 'leader', 'dispatcher', 'grid_leader')
  AND NOT permissions @> '{devices.read}'::text[];
UPDATE roles SET permissions = permissions || '{devices.manage}'::text[]
WHERE builtin AND code IN ('city_operator', 'district_operator', 'street_operator', 'community_operator')
  AND NOT permissions @> '{devices.manage}'::text[];
UPDATE roles SET permissions = permissions || '{hotline.read}'::text[]
WHERE builtin AND code IN ('city_operator', 'district_operator', 'command_operator', 'dispatcher')
  AND NOT permissions @> '{hotline.read}'::text[];
UPDATE roles SET permissions = permissions || '{devices.read,devices.manage,hotline.read}'::text[]
WHERE code = 'admin' AND NOT permissions @> '{devices.read,devices.manage,hotline.read}'::text[];
