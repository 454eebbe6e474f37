-- Assessment (考核, issue 13): schemes as data per district and subject, versioned by the month they
-- take effect; months closed by their operator with every subject's result frozen; corrections
-- as explicit adjustments (modules/assessment).

CREATE TABLE assessment_schemes (
  id             bigserial PRIMARY KEY,
  unit_id        bigint NOT NULL REFERENCES org_units (id),
  subject        text NOT NULL CHECK (subject IN ('worker', 'department', 'dispatcher', 'area')),
  effective_from text NOT NULL CHECK (effective_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  -- [{code, weight, target, scaling: {measure, reference, elasticity, min?, max?} | null}]
  indicators     jsonb NOT NULL,
  -- [{grade, min}]
  bands          jsonb NOT NULL,
  note           text NOT NULL DEFAULT '',
  created_by     bigint REFERENCES users (id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assessment_schemes_lookup ON assessment_schemes (unit_id, subject, effective_from DESC, id DESC);

CREATE TABLE assessment_periods (
  unit_id   bigint NOT NULL REFERENCES org_units (id),
  period    text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  frozen_at timestamptz NOT NULL DEFAULT now(),
  frozen_by bigint REFERENCES users (id),
  PRIMARY KEY (unit_id, period)
);

-- One row per subject and frozen month: what the month's score was when it was closed, with the
-- counts and indicator values behind it, so late events do not move it.
CREATE TABLE assessment_results (
  period       text NOT NULL,
  subject_type text NOT NULL CHECK (subject_type IN ('worker', 'department', 'dispatcher', 'area')),
  subject_id   bigint NOT NULL,
  unit_id      bigint NOT NULL REFERENCES org_units (id),
  composite    numeric,
  grade        text CHECK (grade IN ('A', 'B', 'C', 'D', 'E')),
  indicators   jsonb NOT NULL,
  counts       jsonb NOT NULL,
  scheme_id    bigint REFERENCES assessment_schemes (id),
  frozen_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (period, subject_type, subject_id)
);
CREATE INDEX assessment_results_unit ON assessment_results (unit_id, period, subject_type);

-- Whoever sees every score in scope also holds view_own, so the operators who manage dispatchers
-- (who hold it) still hold everything those hold (a user manages only users holding nothing more).
UPDATE roles SET permissions = permissions || CASE code
  WHEN 'admin'              THEN '{assessment.view_own,assessment.view,assessment.manage}'::text[]
  WHEN 'city_operator'      THEN '{assessment.view_own,assessment.view,assessment.manage}'::text[]
  WHEN 'district_operator'  THEN '{assessment.view_own,assessment.view,assessment.manage}'::text[]
  WHEN 'street_operator'    THEN '{assessment.view_own,assessment.view}'::text[]
  WHEN 'community_operator' THEN '{assessment.view_own,assessment.view}'::text[]
  WHEN 'leader'             THEN '{assessment.view_own,assessment.view}'::text[]
  WHEN 'command_operator'   THEN '{assessment.view_own,assessment.view}'::text[]
  WHEN 'grid_leader'        THEN '{assessment.view_own}'::text[]
  WHEN 'grid_instructor'    THEN '{assessment.view_own}'::text[]
  WHEN 'grid_worker_full'   THEN '{assessment.view_own}'::text[]
  WHEN 'grid_worker_part'   THEN '{assessment.view_own}'::text[]
  WHEN 'dispatcher'         THEN '{assessment.view_own}'::text[]
  ELSE '{}'::text[]
END
WHERE builtin;
