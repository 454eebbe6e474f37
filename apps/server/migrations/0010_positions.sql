-- Patrol (DOMAIN.md §6): workers' positions, the tracker devices that send them, and region events.
--
-- positions is partitioned by Asia/Shanghai day on recorded_at (device time). Partitions are
-- created by the server (modules/patrol/repository.ts: today..+2 days at startup and daily, and on
-- demand for a fix of another day) and dropped after WANGGE_POSITION_RETENTION_DAYS. The unique
-- key (user_id, recorded_at) is the idempotency key: a resent or duplicated fix is ignored by
-- INSERT … ON CONFLICT DO NOTHING. No foreign keys here on purpose: this is the hottest insert
-- path of the platform, and users are deactivated, never deleted.
CREATE TABLE positions (
  user_id      bigint NOT NULL,
  device_id    text,
  recorded_at  timestamptz NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  lon          double precision NOT NULL,
  lat          double precision NOT NULL,
  accuracy_m   real,
  speed_mps    real,
  heading      real,
  altitude     real,
  battery      smallint,
  grid_id      bigint,
  source       text NOT NULL CHECK (source IN ('app', 'osmand', 'owntracks')),
  UNIQUE (user_id, recorded_at)
) PARTITION BY RANGE (recorded_at);

-- A device (OsmAnd / Traccar Client id, OwnTracks username) bound to one worker at a time.
CREATE TABLE tracker_devices (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  device_id   text NOT NULL UNIQUE CHECK (length(device_id) BETWEEN 1 AND 100),
  user_id     bigint NOT NULL REFERENCES users (id),
  protocol    text NOT NULL CHECK (protocol IN ('osmand', 'owntracks')),
  bound_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);
CREATE INDEX tracker_devices_user_idx ON tracker_devices (user_id);

-- OwnTracks region transitions (enter / leave a waypoint region), kept beside the track.
CREATE TABLE patrol_events (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users (id),
  device_id    text,
  kind         text NOT NULL CHECK (kind IN ('region_enter', 'region_leave')),
  region_id    text,
  region_name  text,
  recorded_at  timestamptz NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  lon          double precision NOT NULL,
  lat          double precision NOT NULL,
  accuracy_m   real,
  grid_id      bigint,
  source       text NOT NULL CHECK (source IN ('app', 'osmand', 'owntracks')),
  UNIQUE NULLS NOT DISTINCT (user_id, recorded_at, kind, region_id)
);

-- patrol.report: send one's own positions and bind one's own devices; patrol.monitor: the live
-- map, other workers' tracks and devices, within one's scope.
UPDATE roles SET permissions = permissions || CASE code
  WHEN 'admin'              THEN '{patrol.monitor}'::text[]
  WHEN 'city_operator'      THEN '{patrol.monitor}'::text[]
  WHEN 'district_operator'  THEN '{patrol.monitor}'::text[]
  WHEN 'street_operator'    THEN '{patrol.monitor}'::text[]
  WHEN 'community_operator' THEN '{patrol.monitor}'::text[]
  WHEN 'command_operator'   THEN '{patrol.monitor}'::text[]
  WHEN 'leader'             THEN '{patrol.monitor}'::text[]
  WHEN 'dispatcher'         THEN '{patrol.monitor}'::text[]
  WHEN 'grid_leader'        THEN '{patrol.monitor,patrol.report}'::text[]
  WHEN 'grid_instructor'    THEN '{patrol.report}'::text[]
  WHEN 'grid_worker_full'   THEN '{patrol.report}'::text[]
  WHEN 'grid_worker_part'   THEN '{patrol.report}'::text[]
  WHEN 'patroller'          THEN '{patrol.report}'::text[]
  ELSE '{}'::text[]
END
WHERE builtin;
