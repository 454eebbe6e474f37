-- A check inside a statement that writes several tables at once (cases/report-statements.ts): when
-- `ok` is false the whole statement fails with `code` as its message (SQLSTATE P0001), so nothing of
-- it is stored, as a check in the application between statements of one transaction would do.
CREATE FUNCTION statement_check(ok boolean, code text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = code;
  END IF;
  RETURN true;
END $$;
