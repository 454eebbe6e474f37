-- Dispute mediation (矛盾纠纷调解): the mediation record of a dispute case (categories SG01-*),
-- acted on through DISPUTE_WORKFLOW of @wangge/rules. The case keeps its own loop; the record
-- holds what mediation adds: parties, risk, mediators, sessions, the agreement, follow-ups.
CREATE TABLE disputes (
  case_id                  bigint PRIMARY KEY REFERENCES cases (id),
  state                    text NOT NULL DEFAULT 'registered'
                             CHECK (state IN ('registered', 'mediating', 'agreed', 'failed', 'closed')),
  version                  integer NOT NULL DEFAULT 1,
  risk_level               text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
  summary                  text NOT NULL CHECK (length(summary) BETWEEN 1 AND 2000),
  escalated_at             timestamptz,
  agreed_at                timestamptz,
  agreement_attachment_id  bigint REFERENCES attachments (id),
  follow_ups_done          integer NOT NULL DEFAULT 0,
  created_by               bigint NOT NULL REFERENCES users (id),
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX disputes_state_idx ON disputes (state, risk_level);

CREATE TABLE dispute_parties (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id    bigint NOT NULL REFERENCES disputes (case_id),
  role       text NOT NULL CHECK (role IN ('applicant', 'respondent', 'other')),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  -- The register's person when the party lives here; a party from elsewhere is a name only.
  person_id  bigint REFERENCES people (id),
  note       text NOT NULL DEFAULT '' CHECK (length(note) <= 500)
);
CREATE INDEX dispute_parties_case_idx ON dispute_parties (case_id);

-- A mediator is a user (grid worker, judicial mediator with an account) or a name from outside.
CREATE TABLE dispute_mediators (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id       bigint NOT NULL REFERENCES disputes (case_id),
  kind          text NOT NULL
                  CHECK (kind IN ('grid_worker', 'judicial_mediator', 'lawyer', 'volunteer_police', 'other')),
  user_id       bigint REFERENCES users (id),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  organisation  text NOT NULL DEFAULT '' CHECK (length(organisation) <= 100),
  added_by      bigint NOT NULL REFERENCES users (id),
  added_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, user_id)
);
CREATE INDEX dispute_mediators_user_idx ON dispute_mediators (user_id) WHERE user_id IS NOT NULL;

-- Every action on the record, append-only like case_steps and errand_steps.
CREATE TABLE dispute_steps (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id        bigint NOT NULL REFERENCES disputes (case_id),
  seq            integer NOT NULL,
  action         text NOT NULL,
  from_state     text,
  to_state       text NOT NULL,
  actor_user_id  bigint REFERENCES users (id),
  actor_name     text NOT NULL,
  note           text,
  reason         text,
  details        jsonb NOT NULL DEFAULT '{}',
  at             timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, seq)
);
CREATE FUNCTION dispute_steps_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dispute_steps is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER dispute_steps_no_update BEFORE UPDATE OR DELETE ON dispute_steps
  FOR EACH ROW EXECUTE FUNCTION dispute_steps_append_only();

-- Mediate: those in the grid and the community; supervise (close, fail, escalate): the levels above.
UPDATE roles SET permissions = permissions || CASE code
  WHEN 'admin'              THEN '{disputes.mediate,disputes.supervise}'::text[]
  WHEN 'district_operator'  THEN '{disputes.supervise}'::text[]
  WHEN 'street_operator'    THEN '{disputes.supervise}'::text[]
  WHEN 'community_operator' THEN '{disputes.mediate,disputes.supervise}'::text[]
  WHEN 'grid_leader'        THEN '{disputes.mediate}'::text[]
  WHEN 'grid_worker_full'   THEN '{disputes.mediate}'::text[]
  WHEN 'grid_worker_part'   THEN '{disputes.mediate}'::text[]
  ELSE '{}'::text[]
END
WHERE builtin;

-- The judicial office's mediator (司法所调解员): reads the cases of their street, mediates.
INSERT INTO roles (code, name_zh, name_en, permissions, builtin) VALUES
  ('mediator', '司法所调解员', 'Judicial mediator', '{org.read,cases.read,disputes.mediate}', true);
