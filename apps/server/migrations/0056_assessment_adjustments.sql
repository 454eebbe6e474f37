-- Adjustments to a frozen month's assessment result (考核调整, issue 13): a frozen result never moves
-- by itself; a correction is an explicit delta with a reason, proposed by an assessment manager and
-- approved or rejected by another on the one workflow mechanism (ADJUSTMENT_WORKFLOW). Only
-- approved deltas add to the composite.

CREATE TABLE assessment_adjustments (
  id              bigserial PRIMARY KEY,
  period          text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  subject_type    text NOT NULL CHECK (subject_type IN ('worker', 'department', 'dispatcher', 'area')),
  subject_id      bigint NOT NULL,
  -- The district whose month it corrects.
  unit_id         bigint NOT NULL REFERENCES org_units (id),
  delta           numeric(6, 2) NOT NULL CHECK (delta <> 0 AND delta BETWEEN -100 AND 100),
  reason          text NOT NULL CHECK (btrim(reason) <> ''),
  state           text NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'approved', 'rejected')),
  version         integer NOT NULL DEFAULT 1,
  proposed_by     bigint NOT NULL REFERENCES users (id),
  decided_by      bigint REFERENCES users (id),
  decided_at      timestamptz,
  decision_reason text NOT NULL DEFAULT '',
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assessment_adjustments_subject ON assessment_adjustments (period, subject_type, subject_id);
CREATE INDEX assessment_adjustments_open ON assessment_adjustments (unit_id, state, period);
