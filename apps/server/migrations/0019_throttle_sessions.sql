-- Throttling that holds across app instances (access/throttle.ts): one row per key, counted by
-- a single INSERT … ON CONFLICT DO UPDATE, so concurrent requests in any process cannot
-- undercount. A fixed-window key counts hits until window_ends_at; a back-off key also carries
-- blocked_until. Rows past both are swept hourly.
CREATE TABLE throttle_buckets (
  key            text COLLATE "C" PRIMARY KEY,
  hits           integer NOT NULL,
  window_ends_at timestamptz NOT NULL,
  blocked_until  timestamptz
);
CREATE INDEX throttle_buckets_window_ends_at_idx ON throttle_buckets (window_ends_at);

-- Login throttling moves to throttle_buckets, keyed by account, address and both: the per-user
-- lock let anyone lock any account out, and only for names that exist.
ALTER TABLE users DROP COLUMN failed_logins, DROP COLUMN locked_until;

-- Sessions get an id that can be shown and named in "my sessions" (the token hash stays private).
ALTER TABLE sessions ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY UNIQUE;
