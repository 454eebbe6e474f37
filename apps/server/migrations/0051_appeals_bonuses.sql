-- Appeals (申诉) and bonus items (奖惩, issue 13 §6; modules/appeals). A worker contests one event
-- counted against them; the leader of their grid (or the community / street operator above)
-- upholds it — the event then enters assessment_exclusions in the same transaction — or overturns
-- it with a reason (APPEAL_WORKFLOW of @wangge/rules). Bonus items are configuration per district
-- with history: a version takes effect from a month.

CREATE TABLE assessment_appeals (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  appellant_id   bigint NOT NULL REFERENCES users (id),
  -- The appellant's grid (or unit) when filed: who may decide is whoever's scope covers it.
  unit_path      text COLLATE "C" NOT NULL,
  event_kind     text NOT NULL CHECK (event_kind IN ('case', 'visit', 'inspection', 'register_event')),
  event_id       text NOT NULL CHECK (event_id ~ '^[0-9]{1,18}$'),
  -- The event count it was counted in (e.g. grid.cases_reported_by_others, confirm.ended).
  count_name     text NOT NULL CHECK (count_name ~ '^[a-z][a-z_.]{0,59}$'),
  -- The China-time month of the event.
  period         text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  reason         text NOT NULL CHECK (reason <> ''),
  state          text NOT NULL DEFAULT 'submitted' CHECK (state IN ('submitted', 'upheld', 'overturned')),
  version        integer NOT NULL DEFAULT 1,
  decided_by     bigint REFERENCES users (id),
  decided_at     timestamptz,
  decision_reason text NOT NULL DEFAULT '',
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'submitted') = (decided_at IS NULL))
);
-- One appeal per event and worker: decided once.
CREATE UNIQUE INDEX assessment_appeals_event ON assessment_appeals (appellant_id, event_kind, event_id);
CREATE INDEX assessment_appeals_scope ON assessment_appeals (unit_path, state, created_at DESC);

CREATE TABLE assessment_appeal_photos (
  appeal_id      bigint NOT NULL REFERENCES assessment_appeals (id),
  attachment_id  bigint NOT NULL REFERENCES attachments (id),
  PRIMARY KEY (appeal_id, attachment_id)
);

CREATE TABLE assessment_bonus_schemes (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id        bigint NOT NULL REFERENCES org_units (id),
  effective_from text NOT NULL CHECK (effective_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  -- [{count, amountFen, cap}] in the sheet's order; a negative amount is a deduction.
  items          jsonb NOT NULL,
  note           text NOT NULL DEFAULT '',
  created_by     bigint REFERENCES users (id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assessment_bonus_schemes_lookup ON assessment_bonus_schemes (unit_id, effective_from DESC, id DESC);

-- Deciding appeals: the grid leader and the operators above; filing needs assessment.view_own.
UPDATE roles SET permissions = permissions || '{assessment.decide_appeals}'::text[]
WHERE builtin AND code IN ('admin', 'city_operator', 'district_operator', 'street_operator', 'community_operator', 'grid_leader')
  AND NOT ('assessment.decide_appeals' = ANY (permissions));
