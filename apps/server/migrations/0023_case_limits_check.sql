-- A category's time limits drive every deadline of its cases. A limit that no deadline can be
-- computed from (a negative or zero amount, a string, an unknown unit, a fraction of a working day)
-- would make each report and action of that category fail; the database refuses it instead, however
-- it is written. The rule is the one the deadline computations apply (@wangge/rules cases/deadline.ts
-- and calendar.ts): amount > 0 and finite, unit 'hours' or 'days', whole days; steps are the five
-- case steps.
CREATE FUNCTION case_limits_valid(limits jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_typeof(limits) = 'object' AND NOT EXISTS (
    SELECT 1
    FROM jsonb_each(limits) AS e(step, limit_value)
    WHERE e.step NOT IN ('accept', 'dispatch', 'handle', 'verify', 'close')
       OR CASE
            WHEN jsonb_typeof(e.limit_value) <> 'object'
              OR jsonb_typeof(e.limit_value -> 'amount') IS DISTINCT FROM 'number'
              OR (e.limit_value ->> 'unit') IS NULL
              OR (e.limit_value ->> 'unit') NOT IN ('hours', 'days') THEN true
            ELSE (e.limit_value ->> 'amount')::numeric <= 0
              OR (e.limit_value ->> 'amount')::numeric > 10000
              OR ((e.limit_value ->> 'unit') = 'days'
                  AND (e.limit_value ->> 'amount')::numeric <> trunc((e.limit_value ->> 'amount')::numeric))
          END
  )
$$;

ALTER TABLE case_categories
  ADD CONSTRAINT case_categories_limits_valid CHECK (case_limits_valid(limits));
