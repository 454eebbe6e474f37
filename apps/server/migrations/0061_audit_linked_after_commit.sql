-- The audit chain is linked after commit instead of inside every audited transaction.
--
-- Until now each audited write took the chain's lock, read the head and inserted its link, and held
-- the lock until its transaction committed: every audited write in the platform queued behind the
-- one before it for three round trips (BENCHMARKS.md, cases: half of case creation's statement
-- time was that wait). Now a write stores its record with a MAC of its own (a random nonce and
-- HMAC-SHA256 over the nonce and the record, under a key derived from the data key, which never
-- enters this database) and takes no lock. One linker at a time (audit/linker.ts, right after the
-- commit and once a minute) checks each pending record's MAC, then gives it the next seq and links
-- it into the chain exactly as before (0018).
--
-- What an intruder with database access can do to a record: edit it (its MAC, and once linked its
-- link, no longer verify), copy it (the MAC is unique; a copy is refused, and verification reports
-- one written around the index), or delete it. A deletion is detected once a later link exists;
-- the newest records, not yet followed by a link, could always be removed unseen (0018's tail),
-- and a pending record is such a newest record until the linker reaches it, milliseconds later.
ALTER TABLE audit_log ADD COLUMN mac bytea;

-- Every new record is chained or carries its MAC (pending); older ones stay as 0018 left them.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_chained;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_chained CHECK (
  (seq IS NOT NULL AND prev_hash IS NOT NULL AND hash IS NOT NULL)
  OR (seq IS NULL AND prev_hash IS NULL AND hash IS NULL AND mac IS NOT NULL)
) NOT VALID;

CREATE UNIQUE INDEX audit_log_mac_idx ON audit_log (mac) WHERE mac IS NOT NULL;
-- What the linker reads: small, as pending records are linked within moments.
CREATE INDEX audit_log_pending_idx ON audit_log (id) WHERE seq IS NULL AND mac IS NOT NULL;

-- Append-only, with one update allowed: linking a pending record (seq, prev_hash and hash set once,
-- nothing else changed).
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND OLD.mac IS NOT NULL
     AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
     AND (NEW.id, NEW.at, NEW.user_id, NEW.action, NEW.target_type, NEW.target_id, NEW.ip,
          NEW.user_agent, NEW.details, NEW.mac)
         IS NOT DISTINCT FROM (OLD.id, OLD.at, OLD.user_id, OLD.action, OLD.target_type, OLD.target_id,
          OLD.ip, OLD.user_agent, OLD.details, OLD.mac) THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' AND (
       OLD.seq <= (SELECT max(through_seq) FROM audit_anchors)
       OR (OLD.seq IS NULL AND OLD.at < (SELECT max(cutoff) FROM audit_anchors))) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
END $$;
