-- Registers: one standard address and three actuals (一标三实, DOMAIN.md §5).
--
-- Scope: every register row carries grid_id + grid_path (C collation, like org_units.path), so a
-- scope check is one indexed prefix match, exactly as for cases. Nothing is hard-deleted: addresses,
-- houses and units are retired (retired_at), people change status, links and roles and group records
-- end (valid_to / closed_on). History is the append-only register_events table.
--
-- Secrets: ID numbers and phone numbers are stored only as AES-256-GCM ciphertext (*_enc) plus a
-- keyed HMAC-SHA256 (*_hash) for exact lookup; the keys come from WANGGE_DATA_KEY (or the generated
-- ${dataDir}/keys/data.key) and never reach the database. Search fragments of them are keyed hashes
-- too (register_digit_keys); no ID or phone digit is stored in plaintext anywhere.

-- Standard addresses: road → number → building → unit → floor → room. A road or a house number
-- may span grids, so those two levels may hang on a community (or street); a building and
-- everything below it lies in one grid. The matrix columns (unit_no, floor, room) are set on rooms.
CREATE TABLE addresses (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  parent_id    bigint REFERENCES addresses (id),
  level        text NOT NULL CHECK (level IN ('road', 'number', 'building', 'unit', 'floor', 'room')),
  code         text NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  full_name    text NOT NULL,
  grid_id      bigint NOT NULL REFERENCES org_units (id),
  grid_path    text COLLATE "C" NOT NULL,
  building_id  bigint REFERENCES buildings (id),
  unit_no      integer CHECK (unit_no > 0),
  floor        integer,
  room         text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  retired_at   timestamptz,
  CHECK ((level = 'road') = (parent_id IS NULL)),
  CHECK (level <> 'room' OR (unit_no IS NOT NULL AND floor IS NOT NULL AND room IS NOT NULL))
);
CREATE INDEX addresses_parent_idx ON addresses (parent_id);
CREATE INDEX addresses_grid_path_idx ON addresses (grid_path);
CREATE INDEX addresses_building_idx ON addresses (building_id, unit_no, floor) WHERE building_id IS NOT NULL;

-- Actual population: one identity per person (id_number_hash UNIQUE). grid_path follows the
-- current address (or the registering grid when the person has no address yet).
CREATE TABLE people (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  gender          text NOT NULL CHECK (gender IN ('male', 'female')),
  birth_date      date NOT NULL,
  ethnicity       text,
  id_number_enc   bytea NOT NULL,
  id_number_hash  bytea NOT NULL UNIQUE,
  phone_enc       bytea,
  phone_hash      bytea,
  hukou_place     text,
  address_id      bigint REFERENCES addresses (id),
  grid_id         bigint NOT NULL REFERENCES org_units (id),
  grid_path       text COLLATE "C" NOT NULL,
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'moved_out', 'deregistered', 'deceased')),
  status_date     date,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((phone_enc IS NULL) = (phone_hash IS NULL))
);
CREATE INDEX people_grid_path_idx ON people (grid_path);
CREATE INDEX people_address_idx ON people (address_id);
CREATE INDEX people_phone_hash_idx ON people (phone_hash) WHERE phone_hash IS NOT NULL;
-- Exact-name and name-prefix search (C collation: LIKE 'q%' uses the index).
CREATE INDEX people_name_idx ON people ((name COLLATE "C"), grid_path);

-- Roles of a person over time: registered resident (户籍), floating population (流动人口, with
-- inflow data), overseas, left-behind. The current role has valid_to IS NULL.
CREATE TABLE person_roles (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id   bigint NOT NULL REFERENCES people (id),
  kind        text NOT NULL CHECK (kind IN ('registered', 'floating', 'overseas', 'left_behind')),
  data        jsonb NOT NULL DEFAULT '{}',
  valid_from  date NOT NULL,
  valid_to    date,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX person_roles_person_idx ON person_roles (person_id);
CREATE UNIQUE INDEX person_roles_current_idx ON person_roles (person_id, kind) WHERE valid_to IS NULL;

-- Actual housing: one current house per address. Vocabularies as in @wangge/rules (HOUSE_USES …).
CREATE TABLE houses (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  address_id     bigint NOT NULL REFERENCES addresses (id),
  grid_id        bigint NOT NULL REFERENCES org_units (id),
  grid_path      text COLLATE "C" NOT NULL,
  use            text NOT NULL CHECK (use IN ('residential', 'commercial', 'mixed', 'office', 'industrial', 'warehouse', 'public', 'other')),
  structure      text NOT NULL CHECK (structure IN ('steel', 'steel_concrete', 'reinforced_concrete', 'mixed', 'brick_wood', 'other')),
  area_m2        numeric(10, 2) CHECK (area_m2 > 0),
  is_rental      boolean NOT NULL DEFAULT false,
  rental_hazard  text CHECK (rental_hazard IN ('none', 'general', 'major')),
  is_dangerous   boolean NOT NULL DEFAULT false,
  note           text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  retired_at     timestamptz,
  CHECK (is_rental OR rental_hazard IS NULL)
);
CREATE UNIQUE INDEX houses_address_current_idx ON houses (address_id) WHERE retired_at IS NULL;
CREATE INDEX houses_grid_path_idx ON houses (grid_path);

-- People ↔ houses, many to many: owner, tenant, lives here. Moving out ends the link (valid_to).
CREATE TABLE person_house_links (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id   bigint NOT NULL REFERENCES people (id),
  house_id    bigint NOT NULL REFERENCES houses (id),
  kind        text NOT NULL CHECK (kind IN ('owner', 'tenant', 'resident')),
  valid_from  date NOT NULL,
  valid_to    date,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX person_house_links_house_idx ON person_house_links (house_id) WHERE valid_to IS NULL;
CREATE INDEX person_house_links_person_idx ON person_house_links (person_id);
CREATE UNIQUE INDEX person_house_links_current_idx ON person_house_links (person_id, house_id, kind)
  WHERE valid_to IS NULL;

-- Actual units. The credit code (统一社会信用代码) is public information and stored as is.
CREATE TABLE units (
  id                         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind                       text NOT NULL CHECK (kind IN ('enterprise', 'shop', 'three_small', 'school', 'hospital', 'social_org')),
  name                       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  credit_code                text,
  legal_rep_person_id        bigint REFERENCES people (id),
  employees                  integer NOT NULL DEFAULT 0 CHECK (employees >= 0),
  supervising_department_id  bigint REFERENCES departments (id),
  fire_safety_level          text NOT NULL DEFAULT 'general' CHECK (fire_safety_level IN ('general', 'key', 'high_risk')),
  address_id                 bigint REFERENCES addresses (id),
  grid_id                    bigint NOT NULL REFERENCES org_units (id),
  grid_path                  text COLLATE "C" NOT NULL,
  created_at                 timestamptz NOT NULL DEFAULT now(),
  updated_at                 timestamptz NOT NULL DEFAULT now(),
  retired_at                 timestamptz
);
CREATE UNIQUE INDEX units_credit_code_idx ON units (credit_code) WHERE credit_code IS NOT NULL AND retired_at IS NULL;
CREATE INDEX units_grid_path_idx ON units (grid_path);
CREATE INDEX units_name_idx ON units ((name COLLATE "C"), grid_path);

CREATE TABLE unit_people (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id     bigint NOT NULL REFERENCES units (id),
  person_id   bigint NOT NULL REFERENCES people (id),
  role        text NOT NULL CHECK (role IN ('legal_rep', 'manager', 'employee', 'contact')),
  valid_from  date NOT NULL,
  valid_to    date,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX unit_people_unit_idx ON unit_people (unit_id) WHERE valid_to IS NULL;
CREATE INDEX unit_people_person_idx ON unit_people (person_id);

-- Special groups (特殊人群 01–07) and care groups (关爱人群). extra is validated by the type's
-- field spec in @wangge/rules. Visibility of a special record needs the permission special.<code>.
CREATE TABLE special_group_records (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id        bigint NOT NULL REFERENCES people (id),
  type_code        text NOT NULL CHECK (type_code IN ('01', '02', '03', '04', '05', '06', '07')),
  extra            jsonb NOT NULL DEFAULT '{}',
  attention_level  text NOT NULL CHECK (attention_level IN ('normal', 'medium', 'serious')),
  opened_on        date NOT NULL,
  closed_on        date,
  close_reason     text,
  CHECK (closed_on IS NULL OR closed_on >= opened_on)
);
CREATE INDEX special_group_records_person_idx ON special_group_records (person_id);
CREATE UNIQUE INDEX special_group_records_open_idx ON special_group_records (person_id, type_code) WHERE closed_on IS NULL;

CREATE TABLE care_group_records (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id        bigint NOT NULL REFERENCES people (id),
  type_code        text NOT NULL CHECK (type_code IN ('elderly_alone', 'disabled', 'low_income', 'left_behind_child')),
  extra            jsonb NOT NULL DEFAULT '{}',
  attention_level  text NOT NULL CHECK (attention_level IN ('normal', 'medium', 'serious')),
  opened_on        date NOT NULL,
  closed_on        date,
  close_reason     text,
  CHECK (closed_on IS NULL OR closed_on >= opened_on)
);
CREATE INDEX care_group_records_person_idx ON care_group_records (person_id);
CREATE UNIQUE INDEX care_group_records_open_idx ON care_group_records (person_id, type_code) WHERE closed_on IS NULL;

-- History: one row per change per entity whose history it belongs to (a move-in is written for the
-- person and for the house). Append-only like case_steps. changes never holds plaintext secrets.
-- special_type marks rows about a special-group record: only holders of special.<code> see them.
CREATE TABLE register_events (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entity_type     text NOT NULL CHECK (entity_type IN ('address', 'house', 'person', 'unit')),
  entity_id       bigint NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('created', 'updated', 'retired', 'moved_in', 'moved_out',
                    'deregistered', 'died', 'linked', 'unlinked', 'role_opened', 'role_closed',
                    'group_opened', 'group_updated', 'group_closed')),
  effective_date  date NOT NULL,
  at              timestamptz NOT NULL DEFAULT now(),
  actor_user_id   bigint REFERENCES users (id),
  grid_path       text COLLATE "C" NOT NULL,
  special_type    text,
  changes         jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX register_events_entity_idx ON register_events (entity_type, entity_id, id);

CREATE FUNCTION register_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'register_events is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER register_events_no_update BEFORE UPDATE OR DELETE ON register_events
  FOR EACH ROW EXECUTE FUNCTION register_events_append_only();

-- Search. Text: CJK bigrams of people's names, address full names and unit names, one posting
-- per (gram, entity); entity_type 1 = person, 2 = address, 3 = unit (houses are found through their
-- address). The index leads with the gram and carries grid_path, so one gram's postings within a
-- scope are one index range; entity columns are INCLUDEd for index-only scans.
CREATE TABLE register_grams (
  gram         text COLLATE "C" NOT NULL,
  entity_type  smallint NOT NULL,
  entity_id    bigint NOT NULL,
  grid_path    text COLLATE "C" NOT NULL
);
CREATE INDEX register_grams_gram_idx ON register_grams (gram, grid_path) INCLUDE (entity_type, entity_id);
CREATE INDEX register_grams_entity_idx ON register_grams (entity_type, entity_id);

-- Digits: keyed hashes (HMAC, truncated to 16 bytes) of fixed windows of ID and phone numbers:
-- 'id6r' region (1–6), 'id8b' birth date (7–14), 'id4t' last 4, 'id6t' last 6, 'ph4t' phone last 4.
-- The window name is part of the hashed input, so equal digits in different windows differ.
CREATE TABLE register_digit_keys (
  digest       bytea NOT NULL,
  entity_type  smallint NOT NULL,
  entity_id    bigint NOT NULL,
  grid_path    text COLLATE "C" NOT NULL
);
CREATE INDEX register_digit_keys_digest_idx ON register_digit_keys (digest, grid_path) INCLUDE (entity_type, entity_id);
CREATE INDEX register_digit_keys_entity_idx ON register_digit_keys (entity_type, entity_id);

-- Permissions. registers.read/write: the people who keep the registers current — grid workers
-- (full- and part-time), grid leaders and instructors (read), community and street operators,
-- and the district/city operators above them. registers.reveal (plaintext ID/phone, with reason
-- and audit): only community and street operators, who verify identities in person; grid workers
-- see masked values. special.01–07: the most sensitive records, granted to grid leaders and
-- community operators (who run the follow-up visits of every group) and to department staff,
-- whose departments (justice, health, police) manage them; community correction (02) and drugs
-- (04) stay away from grid_instructor and workers. Admin gets everything for support.
UPDATE roles SET permissions = permissions || CASE code
  WHEN 'admin'              THEN '{registers.read,registers.write,registers.reveal,special.01,special.02,special.03,special.04,special.05,special.06,special.07}'::text[]
  WHEN 'city_operator'      THEN '{registers.read}'::text[]
  WHEN 'district_operator'  THEN '{registers.read,registers.write}'::text[]
  WHEN 'street_operator'    THEN '{registers.read,registers.write,registers.reveal,special.01,special.02,special.03,special.04,special.05,special.06,special.07}'::text[]
  WHEN 'community_operator' THEN '{registers.read,registers.write,registers.reveal,special.01,special.02,special.03,special.04,special.05,special.06,special.07}'::text[]
  WHEN 'leader'             THEN '{registers.read}'::text[]
  WHEN 'department_staff'   THEN '{registers.read,special.01,special.02,special.03,special.04,special.05,special.06,special.07}'::text[]
  WHEN 'grid_leader'        THEN '{registers.read,registers.write,special.01,special.03,special.05,special.06,special.07}'::text[]
  WHEN 'grid_instructor'    THEN '{registers.read}'::text[]
  WHEN 'grid_worker_full'   THEN '{registers.read,registers.write}'::text[]
  WHEN 'grid_worker_part'   THEN '{registers.read,registers.write}'::text[]
  ELSE '{}'::text[] END
WHERE builtin;
