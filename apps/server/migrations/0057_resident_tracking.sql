-- Reporting without an account (匿名上报): the resident app's own channel account reports the case,
-- the photos it was sent wait under a one-time token until a report claims them, and the resident
-- follows the report with a tracking code. Only hashes are kept: a leaked table neither shows a
-- report's timeline nor lets anyone claim a waiting photo.
INSERT INTO users (username, display_name, password_hash, active) VALUES
  ('system.resident', '居民匿名上报', '!', false)
ON CONFLICT (username) DO NOTHING;

CREATE TABLE anonymous_photos (
  attachment_id  bigint PRIMARY KEY REFERENCES attachments (id),
  token_hash     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- A retried report (same idempotency key) is answered with a new code for the same case: the code
-- itself is never stored, so the first answer's cannot be repeated, and both keep working.
CREATE TABLE case_tracking_codes (
  code_hash   text PRIMARY KEY,
  case_id     bigint NOT NULL REFERENCES cases (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_tracking_codes_case_idx ON case_tracking_codes (case_id);
