-- Events left out of a worker's assessment (modules/assessment): an upheld appeal (申诉) records
-- the contested event here, and the event counts behind scores and the bonus sheet skip it.
-- The event is named by kind and id as text, so any module's events (cases, reports, patrol
-- visits) can be excluded without a foreign key per kind.
CREATE TABLE assessment_exclusions (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subject_type  text NOT NULL DEFAULT 'user' CHECK (subject_type IN ('user', 'unit')),
  -- A user's id, or a unit's id, as subject_type says (both bigint keys).
  subject_id    bigint NOT NULL,
  event_kind    text NOT NULL CHECK (event_kind ~ '^[a-z][a-z_]{0,39}$'),
  event_id      text NOT NULL CHECK (event_id <> ''),
  reason        text NOT NULL DEFAULT '',
  created_by    bigint REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
-- One exclusion per event and subject: upholding twice changes nothing.
CREATE UNIQUE INDEX assessment_exclusions_event ON assessment_exclusions (subject_type, subject_id, event_kind, event_id);
