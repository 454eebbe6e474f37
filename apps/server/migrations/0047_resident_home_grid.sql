-- The resident app's "my grid" (我的网格): the grid a resident lives in, set when they pick their
-- address or locate themselves and confirm it. Only a resident of the grid sees its full-time
-- worker's phone number unmasked.
ALTER TABLE resident_accounts ADD COLUMN home_grid_id bigint REFERENCES org_units (id);

-- Notices (通知公告) a community publishes to its residents: shown in the resident app from
-- publish_at until expire_at (or for good), unless withdrawn. Community and street operators write
-- them for the communities of their scope.
CREATE TABLE community_notices (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  community_id  bigint NOT NULL REFERENCES org_units (id),
  unit_path     text COLLATE "C" NOT NULL,
  title         text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 100),
  body          text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 5000),
  publish_at    timestamptz NOT NULL,
  expire_at     timestamptz CHECK (expire_at IS NULL OR expire_at > publish_at),
  created_by    bigint NOT NULL REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  withdrawn_at  timestamptz
);
CREATE INDEX community_notices_community_idx ON community_notices (community_id, publish_at DESC);
CREATE INDEX community_notices_path_idx ON community_notices (unit_path text_pattern_ops, publish_at DESC);

UPDATE roles SET permissions = permissions || '{notices.manage}'::text[]
WHERE code IN ('community_operator', 'street_operator') AND NOT permissions @> '{notices.manage}'::text[];
