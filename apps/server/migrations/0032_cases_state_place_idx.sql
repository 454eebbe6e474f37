-- A unit's cases in given states (列表按状态筛选) and their exact total: the total is an index-only
-- range scan over (state, grid path prefix) instead of reading every case of the unit to test its
-- state (p95 86–226 ms on a district of 140,000 cases; BENCHMARKS.md, cases).
CREATE INDEX cases_state_place_idx ON cases (state, grid_path, reported_at);
-- Its leading column serves every lookup the state-only index served; one index less to write per case.
DROP INDEX cases_state_idx;
