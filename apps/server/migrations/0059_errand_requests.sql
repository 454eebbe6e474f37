-- Errands residents ask for from the resident app (代办申请). A request lands with the grid team of
-- the resident's home grid; a worker takes it (starting the errand for the person in the
-- registers, linked here) or declines it with a reason; the resident may withdraw it first.
CREATE TABLE errand_requests (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id          bigint NOT NULL REFERENCES users (id),
  type_code        text NOT NULL REFERENCES errand_types (code),
  grid_id          bigint NOT NULL REFERENCES org_units (id),
  grid_path        text COLLATE "C" NOT NULL,
  applicant_name   text NOT NULL CHECK (char_length(applicant_name) BETWEEN 1 AND 50),
  note             text NOT NULL DEFAULT '' CHECK (char_length(note) <= 500),
  state            text NOT NULL DEFAULT 'requested'
                   CHECK (state IN ('requested', 'taken', 'declined', 'withdrawn')),
  version          integer NOT NULL DEFAULT 1,
  errand_id        bigint REFERENCES errands (id),
  reason           text,
  decided_by       bigint REFERENCES users (id),
  decided_at       timestamptz,
  idempotency_key  text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'taken') = (errand_id IS NOT NULL)),
  CHECK (state <> 'declined' OR reason IS NOT NULL),
  UNIQUE (user_id, idempotency_key)
);
CREATE INDEX errand_requests_grid_idx ON errand_requests (grid_path, state, created_at DESC);
CREATE INDEX errand_requests_user_idx ON errand_requests (user_id, created_at DESC);
