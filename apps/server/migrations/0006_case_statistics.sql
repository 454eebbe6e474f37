-- Statistics without re-reading step history: when a step ends, whether it ended within its
-- limit is stored on the case (NULL while the step has not ended). The covering index lets a
-- district's statistics be one index-only range scan over its grid paths.
ALTER TABLE cases
  ADD COLUMN accept_on_time boolean,
  ADD COLUMN dispatch_on_time boolean,
  ADD COLUMN handle_on_time boolean,
  ADD COLUMN verify_on_time boolean;

CREATE INDEX cases_stats_idx ON cases (grid_path, reported_at)
  INCLUDE (state, category_code, source, light, reworked, filed_at,
           accept_on_time, dispatch_on_time, handle_on_time, verify_on_time);

-- The overdue list (open and red) is a small part of all cases: a partial index finds it by place.
CREATE INDEX cases_overdue_idx ON cases (grid_path, reported_at)
  WHERE light = 'red' AND state NOT IN ('closed', 'evaluated', 'archived', 'voided');
