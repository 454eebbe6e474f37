-- The command centre's figures from small tables instead of the subtree's cases (issue 12: the
-- city overview read the open backlog and 30 days of cases of 5,880 grids on every request).
--
-- case_day_rollup: per grid and China Standard Time day. The cohort columns (reported … satisfied)
-- count the cases REPORTED that day in their current state, so a 30-day rate is a sum over 30 rows
-- per grid, exactly the old "reported in the last 30 days" cohort; filed / handled / closed_on_day
-- count the cases whose step happened that day ("today's flow").
-- case_open_rollup: per grid, the open backlog, the red lights among it and red cards.
--
-- Kept exact by the same row trigger as case_stats_monthly, inside the case's own transaction
-- rather than by a pg-boss job: the overview must agree with the case list the moment an action
-- commits, a late event (an offline report arriving with an old reported_at, a rating days after
-- closing) lands on the right day with no replay, and the cost is two or three single-row upserts
-- on a primary key per counted change. Updates that change no counted figure (versions,
-- intermediate states, yellow lights) return before touching either table.
CREATE TABLE case_day_rollup (
  grid_path      text COLLATE "C" NOT NULL,
  day            date NOT NULL,
  reported       integer NOT NULL DEFAULT 0,
  voided         integer NOT NULL DEFAULT 0,
  closed         integer NOT NULL DEFAULT 0,
  steps_ended    integer NOT NULL DEFAULT 0,
  steps_on_time  integer NOT NULL DEFAULT 0,
  rated          integer NOT NULL DEFAULT 0,
  satisfied      integer NOT NULL DEFAULT 0,
  filed          integer NOT NULL DEFAULT 0,
  handled        integer NOT NULL DEFAULT 0,
  closed_on_day  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (grid_path, day)
);
-- The overview reads a subtree's last 30 days: by day first, then the path prefix.
CREATE INDEX case_day_rollup_day_idx ON case_day_rollup (day, grid_path);

CREATE TABLE case_open_rollup (
  grid_path  text COLLATE "C" PRIMARY KEY,
  open       integer NOT NULL DEFAULT 0,
  overdue    integer NOT NULL DEFAULT 0,
  red_cards  integer NOT NULL DEFAULT 0
);

CREATE FUNCTION case_cst_day(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT (t AT TIME ZONE 'Asia/Shanghai')::date
$$;

CREATE FUNCTION case_day_add(grid text, d date, sign integer, reported integer, voided integer, closed integer,
    steps_ended integer, steps_on_time integer, rated integer, satisfied integer, filed integer,
    handled integer, closed_on_day integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO case_day_rollup AS r VALUES (grid, d, sign * reported, sign * voided, sign * closed,
    sign * steps_ended, sign * steps_on_time, sign * rated, sign * satisfied, sign * filed,
    sign * handled, sign * closed_on_day)
  ON CONFLICT (grid_path, day) DO UPDATE SET
    reported = r.reported + EXCLUDED.reported, voided = r.voided + EXCLUDED.voided,
    closed = r.closed + EXCLUDED.closed, steps_ended = r.steps_ended + EXCLUDED.steps_ended,
    steps_on_time = r.steps_on_time + EXCLUDED.steps_on_time, rated = r.rated + EXCLUDED.rated,
    satisfied = r.satisfied + EXCLUDED.satisfied, filed = r.filed + EXCLUDED.filed,
    handled = r.handled + EXCLUDED.handled, closed_on_day = r.closed_on_day + EXCLUDED.closed_on_day
$$;

-- One case's contribution, added (sign 1) or taken back (sign -1).
CREATE FUNCTION case_command_add(c cases, sign integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  is_closed boolean := c.state IN ('closed', 'evaluated', 'archived');
  is_open boolean := c.state NOT IN ('voided', 'closed', 'evaluated', 'archived');
BEGIN
  PERFORM case_day_add(c.grid_path, case_cst_day(c.reported_at), sign, 1, (c.state = 'voided')::int,
    is_closed::int,
    (c.accept_on_time IS NOT NULL)::int + (c.dispatch_on_time IS NOT NULL)::int
      + (c.handle_on_time IS NOT NULL)::int + (c.verify_on_time IS NOT NULL)::int,
    coalesce(c.accept_on_time::int, 0) + coalesce(c.dispatch_on_time::int, 0)
      + coalesce(c.handle_on_time::int, 0) + coalesce(c.verify_on_time::int, 0),
    (c.satisfaction IS NOT NULL)::int, coalesce(c.satisfaction >= 3, false)::int, 0, 0, 0);
  IF c.filed_at IS NOT NULL THEN
    PERFORM case_day_add(c.grid_path, case_cst_day(c.filed_at), sign, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0);
  END IF;
  IF c.handled_at IS NOT NULL THEN
    PERFORM case_day_add(c.grid_path, case_cst_day(c.handled_at), sign, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0);
  END IF;
  IF c.closed_at IS NOT NULL AND is_closed THEN
    PERFORM case_day_add(c.grid_path, case_cst_day(c.closed_at), sign, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
  END IF;
  IF is_open THEN
    INSERT INTO case_open_rollup AS o VALUES (c.grid_path, sign, sign * (c.light = 'red')::int,
      sign * (c.supervision = 'red_card')::int)
    ON CONFLICT (grid_path) DO UPDATE SET open = o.open + EXCLUDED.open,
      overdue = o.overdue + EXCLUDED.overdue, red_cards = o.red_cards + EXCLUDED.red_cards;
  END IF;
END $$;

-- The one rollup trigger of cases now keeps both the monthly statistics and the command centre's
-- tables, so bulk loads that disable it (bench, demo history) and then call case_stats_rebuild()
-- keep working unchanged.
CREATE OR REPLACE FUNCTION case_stats_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  monthly boolean := true;
  command boolean := true;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- Most updates (versions, intermediate states, yellow lights) change no counted figure.
    monthly := (OLD.grid_path, OLD.reported_at, OLD.category_code, OLD.source, OLD.filed_at IS NULL,
        OLD.state = 'voided', OLD.state IN ('closed', 'evaluated', 'archived'), OLD.reworked > 0,
        OLD.accept_on_time, OLD.dispatch_on_time, OLD.handle_on_time, OLD.verify_on_time)
       IS DISTINCT FROM
       (NEW.grid_path, NEW.reported_at, NEW.category_code, NEW.source, NEW.filed_at IS NULL,
        NEW.state = 'voided', NEW.state IN ('closed', 'evaluated', 'archived'), NEW.reworked > 0,
        NEW.accept_on_time, NEW.dispatch_on_time, NEW.handle_on_time, NEW.verify_on_time);
    command := (OLD.grid_path, OLD.reported_at, OLD.filed_at, OLD.handled_at, OLD.closed_at, OLD.state = 'voided',
        OLD.state IN ('closed', 'evaluated', 'archived'), OLD.accept_on_time, OLD.dispatch_on_time,
        OLD.handle_on_time, OLD.verify_on_time, OLD.satisfaction IS NULL, coalesce(OLD.satisfaction >= 3, false),
        OLD.light = 'red', OLD.supervision = 'red_card')
       IS DISTINCT FROM
       (NEW.grid_path, NEW.reported_at, NEW.filed_at, NEW.handled_at, NEW.closed_at, NEW.state = 'voided',
        NEW.state IN ('closed', 'evaluated', 'archived'), NEW.accept_on_time, NEW.dispatch_on_time,
        NEW.handle_on_time, NEW.verify_on_time, NEW.satisfaction IS NULL, coalesce(NEW.satisfaction >= 3, false),
        NEW.light = 'red', NEW.supervision = 'red_card');
    IF monthly THEN PERFORM case_stats_add(OLD, -1); END IF;
    IF command THEN PERFORM case_command_add(OLD, -1); END IF;
  END IF;
  IF monthly THEN PERFORM case_stats_add(NEW, 1); END IF;
  IF command THEN PERFORM case_command_add(NEW, 1); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION case_command_rebuild() RETURNS void LANGUAGE sql AS $$
  TRUNCATE case_day_rollup, case_open_rollup;
  INSERT INTO case_day_rollup
  SELECT grid_path, day, sum(reported), sum(voided), sum(closed), sum(steps_ended), sum(steps_on_time),
    sum(rated), sum(satisfied), sum(filed), sum(handled), sum(closed_on_day)
  FROM (
    SELECT c.grid_path, case_cst_day(c.reported_at) AS day, count(*) AS reported,
      count(*) FILTER (WHERE c.state = 'voided') AS voided,
      count(*) FILTER (WHERE c.state IN ('closed', 'evaluated', 'archived')) AS closed,
      sum((c.accept_on_time IS NOT NULL)::int + (c.dispatch_on_time IS NOT NULL)::int
        + (c.handle_on_time IS NOT NULL)::int + (c.verify_on_time IS NOT NULL)::int) AS steps_ended,
      sum(coalesce(c.accept_on_time::int, 0) + coalesce(c.dispatch_on_time::int, 0)
        + coalesce(c.handle_on_time::int, 0) + coalesce(c.verify_on_time::int, 0)) AS steps_on_time,
      count(c.satisfaction) AS rated, count(*) FILTER (WHERE c.satisfaction >= 3) AS satisfied,
      0 AS filed, 0 AS handled, 0 AS closed_on_day
    FROM cases c GROUP BY 1, 2
    UNION ALL
    SELECT c.grid_path, case_cst_day(c.filed_at), 0, 0, 0, 0, 0, 0, 0, count(*), 0, 0
    FROM cases c WHERE c.filed_at IS NOT NULL GROUP BY 1, 2
    UNION ALL
    SELECT c.grid_path, case_cst_day(c.handled_at), 0, 0, 0, 0, 0, 0, 0, 0, count(*), 0
    FROM cases c WHERE c.handled_at IS NOT NULL GROUP BY 1, 2
    UNION ALL
    SELECT c.grid_path, case_cst_day(c.closed_at), 0, 0, 0, 0, 0, 0, 0, 0, 0, count(*)
    FROM cases c WHERE c.closed_at IS NOT NULL AND c.state IN ('closed', 'evaluated', 'archived') GROUP BY 1, 2
  ) parts
  GROUP BY 1, 2;
  INSERT INTO case_open_rollup
  SELECT c.grid_path, count(*), count(*) FILTER (WHERE c.light = 'red'),
    count(*) FILTER (WHERE c.supervision = 'red_card')
  FROM cases c WHERE c.state NOT IN ('voided', 'closed', 'evaluated', 'archived') GROUP BY 1;
$$;

-- A bulk load's one rebuild call rebuilds every rollup of cases.
CREATE OR REPLACE FUNCTION case_stats_rebuild() RETURNS void LANGUAGE sql AS $$
  TRUNCATE case_stats_monthly;
  INSERT INTO case_stats_monthly
  SELECT substring(c.grid_path FROM '^/[^/]+/[^/]+/[^/]+/'),
    date_trunc('month', c.reported_at AT TIME ZONE 'Asia/Shanghai')::date,
    c.category_code, c.source,
    count(*), count(c.filed_at), count(*) FILTER (WHERE c.state = 'voided'),
    count(*) FILTER (WHERE c.state IN ('closed', 'evaluated', 'archived')),
    count(*) FILTER (WHERE c.reworked > 0 AND c.state IN ('closed', 'evaluated', 'archived')),
    count(c.accept_on_time), count(*) FILTER (WHERE c.accept_on_time),
    count(c.dispatch_on_time), count(*) FILTER (WHERE c.dispatch_on_time),
    count(c.handle_on_time), count(*) FILTER (WHERE c.handle_on_time),
    count(c.verify_on_time), count(*) FILTER (WHERE c.verify_on_time)
  FROM cases c GROUP BY 1, 2, 3, 4;
  SELECT case_command_rebuild();
$$;

SELECT case_command_rebuild();
