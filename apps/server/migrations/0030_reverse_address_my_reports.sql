-- Reverse-locating a reported point (cases/report-case.ts) looks for buildings in a small lon/lat
-- box: a range scan on latitude instead of reading every building.
CREATE INDEX buildings_lat_lon_idx ON buildings (lat, lon);
-- 我的上报: a worker's own reports, newest first.
CREATE INDEX cases_reporter_idx ON cases (reporter_user_id, reported_at DESC)
  WHERE reporter_user_id IS NOT NULL;
