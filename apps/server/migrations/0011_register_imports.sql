-- Excel imports of the registers (modules/registers/import). Every import — dry run or applied —
-- is one job row: small files are answered in the request, big ones run in the background of the
-- same process and are polled (GET /api/registers/imports/:id). errors holds the bad rows
-- ({row, column, field, reason}, capped; errors_total is the full count); never a plaintext ID
-- or phone number. A job that was running when its process stopped is marked failed at startup.
CREATE TABLE register_imports (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id       bigint NOT NULL REFERENCES users (id),
  register      text NOT NULL CHECK (register IN ('people', 'houses', 'units')),
  dry_run       boolean NOT NULL,
  file_name     text,
  status        text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'rejected', 'failed')),
  rows_total    integer NOT NULL DEFAULT 0,
  rows_done     integer NOT NULL DEFAULT 0,
  rows_created  integer NOT NULL DEFAULT 0,
  errors_total  integer NOT NULL DEFAULT 0,
  errors        jsonb NOT NULL DEFAULT '[]',
  message       text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz
);
CREATE INDEX register_imports_user_idx ON register_imports (user_id, id DESC);
