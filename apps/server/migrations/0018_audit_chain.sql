-- Audit log integrity (等保 2.0 三级, 安全审计): every record is a link of a keyed hash chain.
-- The application writes each record with its position (seq), the previous link's hash and
-- HMAC-SHA256(key, prev_hash ‖ record) under one advisory lock (audit/chain.ts), so editing or
-- deleting a record breaks the chain at that point. The key is derived from the platform's data
-- key, which never enters this database: SQL here cannot sign, only store and refuse.
ALTER TABLE audit_log
  ADD COLUMN seq bigint,
  ADD COLUMN prev_hash bytea,
  ADD COLUMN hash bytea;
CREATE UNIQUE INDEX audit_log_seq_idx ON audit_log (seq);

-- Records written before this migration cannot be signed here (no key), so the chain starts
-- after them at the genesis anchor below; they stay readable and leave with the retention.
-- NOT VALID: the check binds every new record without rejecting those older ones.
ALTER TABLE audit_log ADD CONSTRAINT audit_log_chained
  CHECK (seq IS NOT NULL AND prev_hash IS NOT NULL AND hash IS NOT NULL) NOT VALID;

-- Where verification starts: the genesis (seq 0, zero hash), then one anchor per retention
-- prune holding the hash of the last pruned link and a MAC over it, so the remainder still
-- verifies and an anchor written without the key is detected.
CREATE TABLE audit_anchors (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  through_seq  bigint NOT NULL,
  hash         bytea NOT NULL,
  -- Records older than this (chained or not) may be deleted.
  cutoff       timestamptz,
  pruned       integer NOT NULL DEFAULT 0,
  mac          bytea,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_anchors_seq_idx ON audit_anchors (through_seq);
INSERT INTO audit_anchors (through_seq, hash) VALUES (0, decode(repeat('00', 32), 'hex'));

-- The head of the chain, read under one transaction-scoped advisory lock that serialises links
-- until the writer's transaction ends. Both in one call saves a round trip per audited write while
-- the lock is held; VOLATILE, so under READ COMMITTED the read after the lock takes a fresh
-- snapshot and sees the link the previous holder committed. The head is the last link, or the
-- newest anchor once a prune removed every link.
CREATE FUNCTION audit_chain_head(OUT seq bigint, OUT hash bytea, OUT now timestamptz)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7301550418);
  SELECT h.seq, h.hash, now() INTO seq, hash, now FROM (
    (SELECT l.seq, l.hash FROM audit_log l WHERE l.seq IS NOT NULL ORDER BY l.seq DESC LIMIT 1)
    UNION ALL
    (SELECT a.through_seq, a.hash FROM audit_anchors a ORDER BY a.through_seq DESC, a.id DESC LIMIT 1)
  ) h ORDER BY h.seq DESC LIMIT 1;
END $$;

-- Append-only: no UPDATE ever; DELETE only of what an anchor already covers (the prune path in
-- audit/prune.ts writes the anchor first, in the same transaction).
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND (
       OLD.seq <= (SELECT max(through_seq) FROM audit_anchors)
       OR (OLD.seq IS NULL AND OLD.at < (SELECT max(cutoff) FROM audit_anchors))) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END $$;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_anchors_append_only BEFORE UPDATE OR DELETE ON audit_anchors
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_anchors_no_truncate BEFORE TRUNCATE ON audit_anchors
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
