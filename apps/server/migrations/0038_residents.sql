-- The resident app (/r): sign-in with a one-time code sent by SMS, "+1" on a case already
-- reported instead of a duplicate, and a resident's rating of the result.

-- A code is stored only as a hash; it expires and is used once. Rows are kept for the audit of
-- who asked for codes, and swept with the throttle buckets' age.
CREATE TABLE resident_sign_in_codes (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  phone       text NOT NULL CHECK (phone ~ '^1[3-9][0-9]{9}$'),
  code_hash   text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX resident_sign_in_codes_phone_idx ON resident_sign_in_codes (phone, created_at DESC);

-- One resident account per phone number; the account is a user with the resident role.
CREATE TABLE resident_accounts (
  user_id     bigint PRIMARY KEY REFERENCES users (id),
  phone       text NOT NULL UNIQUE CHECK (phone ~ '^1[3-9][0-9]{9}$'),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- A resident who saw their problem already reported joins that case: counted on the case,
-- shown to the handler, and the resident follows it as if they had reported it.
CREATE TABLE case_plus_ones (
  case_id     bigint NOT NULL REFERENCES cases (id),
  user_id     bigint NOT NULL REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_plus_ones_user_idx ON case_plus_ones (user_id, created_at DESC);
ALTER TABLE cases ADD COLUMN plus_ones integer NOT NULL DEFAULT 0 CHECK (plus_ones >= 0);

-- A resident's rating of a handled case they reported or joined, once per resident and case.
CREATE TABLE resident_case_ratings (
  case_id     bigint NOT NULL REFERENCES cases (id),
  user_id     bigint NOT NULL REFERENCES users (id),
  score       smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment     text CHECK (comment IS NULL OR char_length(comment) <= 500),
  rated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, user_id)
);
