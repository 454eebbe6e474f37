-- Monthly rollup of case statistics by street, category and source, kept exact by a trigger on
-- cases: a district's statistics over years read a few thousand rows instead of every case.
-- Months are China Standard Time calendar months of the report time.
CREATE TABLE case_stats_monthly (
  street_path       text COLLATE "C" NOT NULL,
  month             date NOT NULL,
  category_code     text NOT NULL,
  source            text NOT NULL,
  reported          integer NOT NULL DEFAULT 0,
  filed             integer NOT NULL DEFAULT 0,
  voided            integer NOT NULL DEFAULT 0,
  closed            integer NOT NULL DEFAULT 0,
  reworked          integer NOT NULL DEFAULT 0,
  accept_ended      integer NOT NULL DEFAULT 0,
  accept_on_time    integer NOT NULL DEFAULT 0,
  dispatch_ended    integer NOT NULL DEFAULT 0,
  dispatch_on_time  integer NOT NULL DEFAULT 0,
  handle_ended      integer NOT NULL DEFAULT 0,
  handle_on_time    integer NOT NULL DEFAULT 0,
  verify_ended      integer NOT NULL DEFAULT 0,
  verify_on_time    integer NOT NULL DEFAULT 0,
  PRIMARY KEY (street_path, month, category_code, source)
);

CREATE FUNCTION case_stats_add(c cases, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO case_stats_monthly AS m VALUES (
    substring(c.grid_path FROM '^/[^/]+/[^/]+/[^/]+/'),
    date_trunc('month', c.reported_at AT TIME ZONE 'Asia/Shanghai')::date,
    c.category_code, c.source,
    sign,
    sign * (c.filed_at IS NOT NULL)::int,
    sign * (c.state = 'voided')::int,
    sign * (c.state IN ('closed', 'evaluated', 'archived'))::int,
    sign * (c.reworked > 0 AND c.state IN ('closed', 'evaluated', 'archived'))::int,
    sign * (c.accept_on_time IS NOT NULL)::int, sign * coalesce(c.accept_on_time, false)::int,
    sign * (c.dispatch_on_time IS NOT NULL)::int, sign * coalesce(c.dispatch_on_time, false)::int,
    sign * (c.handle_on_time IS NOT NULL)::int, sign * coalesce(c.handle_on_time, false)::int,
    sign * (c.verify_on_time IS NOT NULL)::int, sign * coalesce(c.verify_on_time, false)::int)
  ON CONFLICT (street_path, month, category_code, source) DO UPDATE SET
    reported = m.reported + EXCLUDED.reported, filed = m.filed + EXCLUDED.filed,
    voided = m.voided + EXCLUDED.voided, closed = m.closed + EXCLUDED.closed,
    reworked = m.reworked + EXCLUDED.reworked,
    accept_ended = m.accept_ended + EXCLUDED.accept_ended, accept_on_time = m.accept_on_time + EXCLUDED.accept_on_time,
    dispatch_ended = m.dispatch_ended + EXCLUDED.dispatch_ended, dispatch_on_time = m.dispatch_on_time + EXCLUDED.dispatch_on_time,
    handle_ended = m.handle_ended + EXCLUDED.handle_ended, handle_on_time = m.handle_on_time + EXCLUDED.handle_on_time,
    verify_ended = m.verify_ended + EXCLUDED.verify_ended, verify_on_time = m.verify_on_time + EXCLUDED.verify_on_time
$$;

CREATE FUNCTION case_stats_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- Most updates (traffic lights, versions, intermediate states) change no counted figure.
    IF (OLD.grid_path, OLD.reported_at, OLD.category_code, OLD.source, OLD.filed_at IS NULL, OLD.state = 'voided',
        OLD.state IN ('closed', 'evaluated', 'archived'), OLD.reworked > 0,
        OLD.accept_on_time, OLD.dispatch_on_time, OLD.handle_on_time, OLD.verify_on_time)
       IS NOT DISTINCT FROM
       (NEW.grid_path, NEW.reported_at, NEW.category_code, NEW.source, NEW.filed_at IS NULL, NEW.state = 'voided',
        NEW.state IN ('closed', 'evaluated', 'archived'), NEW.reworked > 0,
        NEW.accept_on_time, NEW.dispatch_on_time, NEW.handle_on_time, NEW.verify_on_time) THEN
      RETURN NULL;
    END IF;
    PERFORM case_stats_add(OLD, -1);
  END IF;
  PERFORM case_stats_add(NEW, 1);
  RETURN NULL;
END $$;

CREATE TRIGGER case_stats_rollup AFTER INSERT OR UPDATE ON cases
  FOR EACH ROW EXECUTE FUNCTION case_stats_rollup();

-- Rebuilds the rollup from the cases (after a bulk load with the trigger disabled).
CREATE FUNCTION case_stats_rebuild() RETURNS void LANGUAGE sql AS $$
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
$$;
