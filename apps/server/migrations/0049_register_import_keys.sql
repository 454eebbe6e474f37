-- An applied register import is exactly once per Idempotency-Key (issue 15 point 4): a client whose
-- upload was cut off (an instance killed mid-import) sends it again with the same key and gets the
-- first job back. The job turns 'succeeded' inside the transaction that writes its rows, so the
-- partial unique index makes a second applied import with the key roll back instead of writing
-- the rows twice, and a job whose rows committed is never marked failed by a restart.
ALTER TABLE register_imports ADD COLUMN idempotency_key text;
CREATE UNIQUE INDEX register_imports_applied_key_idx ON register_imports (user_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL AND status = 'succeeded' AND NOT dry_run;
