-- Issue 13 point 8: the monthly assessment report generated on a schedule (and on demand), kept
-- per district and month so operators download the file the meeting saw. The PDF needs a CJK font
-- on the server: without one the .xlsx is kept alone and pdf_missing says why.
CREATE TABLE assessment_reports (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id       bigint NOT NULL REFERENCES org_units (id),
  unit_path     text COLLATE "C" NOT NULL,
  period        text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  generated_at  timestamptz NOT NULL DEFAULT now(),
  -- Who asked for it on demand; NULL for the monthly job.
  generated_by  bigint REFERENCES users (id),
  pdf           bytea,
  pdf_missing   text,
  xlsx          bytea NOT NULL,
  CHECK ((pdf IS NULL) = (pdf_missing IS NOT NULL)),
  UNIQUE (unit_id, period)
);
CREATE INDEX assessment_reports_path_idx ON assessment_reports (unit_path, period DESC);

-- The account the scheduled reports are made as (their watermark names it). It cannot sign in: no
-- password hash verifies '!', and it is inactive.
INSERT INTO users (username, display_name, password_hash, active) VALUES
  ('system.reports', '考核月报（系统生成）', '!', false)
ON CONFLICT (username) DO NOTHING;
