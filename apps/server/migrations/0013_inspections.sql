-- Venue inspections with checklists (列管对象巡检, DOMAIN.md §6): grid workers check the listed
-- units of their grid on a cycle, e.g. the monthly fire check of the three-small venues. A failed
-- item is a hazard; the inspection reports it as one case of the closed loop (case_id).

-- A checklist applies to units of the listed kinds, every cycle_days (halved for high-risk venues,
-- @wangge/rules effectiveCycleDays).
CREATE TABLE inspection_checklists (
  code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name_zh     text NOT NULL,
  name_en     text NOT NULL,
  unit_kinds  text[] NOT NULL CHECK (cardinality(unit_kinds) > 0),
  cycle_days  integer NOT NULL CHECK (cycle_days BETWEEN 1 AND 366),
  active      boolean NOT NULL DEFAULT true
);

-- hazard_category_code: the leaf case category a failure of the item is reported under.
CREATE TABLE inspection_checklist_items (
  checklist_code        text NOT NULL REFERENCES inspection_checklists (code),
  key                   text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  label_zh              text NOT NULL,
  label_en              text NOT NULL,
  hazard_category_code  text REFERENCES case_categories (code),
  sort                  integer NOT NULL,
  PRIMARY KEY (checklist_code, key)
);

-- One row per inspection, append-only. results holds the answers as given, with the item labels of
-- the day: [{key, labelZh, labelEn, result, note, photoIds}]. grid_path is the unit's at the time.
-- The field app queues inspections offline and retries with the same idempotency key.
CREATE TABLE inspections (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id          bigint NOT NULL REFERENCES units (id),
  checklist_code   text NOT NULL REFERENCES inspection_checklists (code),
  inspector_id     bigint NOT NULL REFERENCES users (id),
  grid_id          bigint NOT NULL REFERENCES org_units (id),
  grid_path        text COLLATE "C" NOT NULL,
  observed_at      timestamptz NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  outcome          text NOT NULL CHECK (outcome IN ('pass', 'fail')),
  failed_count     integer NOT NULL CHECK (failed_count >= 0),
  results          jsonb NOT NULL,
  note             text,
  lon              double precision,
  lat              double precision,
  case_id          bigint REFERENCES cases (id),
  idempotency_key  text NOT NULL,
  UNIQUE (inspector_id, idempotency_key),
  CHECK ((outcome = 'fail') = (failed_count > 0))
);
-- The last inspection per unit and checklist (the due list), and lists by area and time.
CREATE INDEX inspections_unit_idx ON inspections (unit_id, checklist_code, observed_at DESC);
CREATE INDEX inspections_grid_path_idx ON inspections (grid_path, observed_at DESC);
CREATE INDEX inspections_case_idx ON inspections (case_id) WHERE case_id IS NOT NULL;

CREATE FUNCTION inspections_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'inspections is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER inspections_no_update BEFORE UPDATE OR DELETE ON inspections
  FOR EACH ROW EXECUTE FUNCTION inspections_append_only();

-- Photos of the answers: each upload serves one inspection item once, and those who may read the
-- inspection may see it (photos of failed items are also linked to the case).
CREATE TABLE inspection_photos (
  attachment_id  bigint PRIMARY KEY REFERENCES attachments (id),
  inspection_id  bigint NOT NULL REFERENCES inspections (id),
  item_key       text NOT NULL
);
CREATE INDEX inspection_photos_inspection_idx ON inspection_photos (inspection_id);

INSERT INTO inspection_checklists (code, name_zh, name_en, unit_kinds, cycle_days) VALUES
  ('fire_three_small', '三小场所消防安全检查', 'Fire-safety check of three-small venues', '{three_small}', 30),
  ('shop_safety', '沿街商铺安全检查', 'Street-shop safety check', '{shop}', 90);

INSERT INTO inspection_checklist_items (checklist_code, key, label_zh, label_en, hazard_category_code, sort) VALUES
  ('fire_three_small', 'extinguishers', '灭火器配置有效', 'Fire extinguishers present and in date', 'SG02-01', 1),
  ('fire_three_small', 'evacuation_routes', '疏散通道畅通', 'Evacuation routes clear', 'SG02-01', 2),
  ('fire_three_small', 'exits_lighting', '安全出口/应急照明完好', 'Exits and emergency lighting working', 'SG02-01', 3),
  ('fire_three_small', 'wiring', '电气线路规范无私拉乱接', 'Wiring proper, no improvised cables', 'SG02-01', 4),
  ('fire_three_small', 'no_sleeping_in', '无"三合一"违规住人', 'No one living in the venue ("three-in-one")', 'SG02-01', 5),
  ('fire_three_small', 'gas_use', '燃气使用规范', 'Gas used safely', 'SG02-04', 6),
  ('fire_three_small', 'flammables', '易燃物品存放合规', 'Flammables stored properly', 'SG02-01', 7),
  ('fire_three_small', 'fire_lane', '消防通道无占用', 'Fire lane unobstructed', 'SG02-01', 8),
  ('shop_safety', 'frontage_duties', '门前三包落实', 'Frontage kept clean and orderly (门前三包)', 'CG01-02', 1),
  ('shop_safety', 'no_outside_trading', '无店外经营', 'No trading outside the shop', 'CG04-03', 2),
  ('shop_safety', 'signboard_secure', '招牌牢固', 'Signboard securely fixed', 'CG02-02', 3),
  ('shop_safety', 'power_and_fire', '用电安全、灭火器有效', 'Electrical safety and extinguisher in date', 'SG02-01', 4),
  ('shop_safety', 'licence_displayed', '证照亮照经营', 'Business licence displayed', NULL, 5);

-- Permissions: inspect (and read) for those in the field and the community; read for the levels above.
UPDATE roles SET permissions = permissions || CASE code
  WHEN 'admin'              THEN '{inspections.perform,inspections.read}'::text[]
  WHEN 'city_operator'      THEN '{inspections.read}'::text[]
  WHEN 'district_operator'  THEN '{inspections.read}'::text[]
  WHEN 'street_operator'    THEN '{inspections.read}'::text[]
  WHEN 'community_operator' THEN '{inspections.perform,inspections.read}'::text[]
  WHEN 'command_operator'   THEN '{inspections.read}'::text[]
  WHEN 'leader'             THEN '{inspections.read}'::text[]
  WHEN 'dispatcher'         THEN '{inspections.read}'::text[]
  WHEN 'grid_leader'        THEN '{inspections.perform,inspections.read}'::text[]
  WHEN 'grid_worker_full'   THEN '{inspections.perform,inspections.read}'::text[]
  WHEN 'grid_worker_part'   THEN '{inspections.perform,inspections.read}'::text[]
  WHEN 'patroller'          THEN '{inspections.perform,inspections.read}'::text[]
  ELSE '{}'::text[]
END
WHERE builtin;
