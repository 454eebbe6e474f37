-- Starting an errand from the field app goes through its offline queue: a retry after a lost
-- answer must return the errand the first attempt started, not start a second one. The key is
-- optional for the console, which starts errands online.
ALTER TABLE errands ADD COLUMN idempotency_key text CHECK (length(idempotency_key) BETWEEN 8 AND 100);
CREATE UNIQUE INDEX errands_idempotency_idx ON errands (started_by, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
