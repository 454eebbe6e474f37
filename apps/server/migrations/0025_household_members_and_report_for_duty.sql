-- Household sheets kept in the field (issue 11 item 6) and the whistle's report for duty supervised
-- like any other step (item 8).

-- What a worker updates at the door besides rental and hazards: who owns the house (产权性质) and
-- whether anyone lives there (居住状况). Unknown until someone records it.
ALTER TABLE houses
  ADD COLUMN ownership text CHECK (ownership IN ('private', 'public', 'collective', 'unit', 'other')),
  ADD COLUMN occupancy text CHECK (occupancy IN ('occupied', 'vacant', 'seasonal'));

-- A member leaves a household by an end-dated link with its reason; links are never deleted.
ALTER TABLE person_house_links
  ADD COLUMN end_reason text CHECK (end_reason IN ('moved_out', 'deceased', 'deregistered', 'other')),
  ADD CONSTRAINT person_house_links_end_reason_ended CHECK (end_reason IS NULL OR valid_to IS NOT NULL);

-- The report-for-duty clock of each department sent for by a whistle: its traffic light and the
-- supervision level reached, recomputed by the timer job from assigned_at and the category's limit.
ALTER TABLE case_assignments
  ADD COLUMN ack_light text CHECK (ack_light IN ('green', 'yellow', 'red')),
  ADD COLUMN ack_supervision text NOT NULL DEFAULT 'none'
    CHECK (ack_supervision IN ('none', 'ordinary', 'yellow_card', 'red_card'));
CREATE INDEX case_assignments_ack_open_idx ON case_assignments (case_id)
  WHERE active AND ack_due_at IS NOT NULL AND acknowledged_at IS NULL;
