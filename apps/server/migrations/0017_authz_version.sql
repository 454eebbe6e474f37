-- Every request resolves its caller's grants (roles, permissions, scope paths, departments); they
-- are cached per process (access/actor.ts) under users.authz_version, which every change of them
-- bumps in the same transaction. The request reads the version together with its token or
-- session, so a revoked role or a moved assignment is seen by the very next request, in every
-- process, with no listener and no expiry to tune. Statement-level triggers keep bulk loads (the
-- demo seed) to one UPDATE per statement.
ALTER TABLE users ADD COLUMN authz_version bigint NOT NULL DEFAULT 0;

CREATE FUNCTION bump_authz_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users SET authz_version = authz_version + 1
  WHERE id IN (SELECT DISTINCT user_id FROM changed);
  RETURN NULL;
END $$;

-- Per table, one trigger per event and side: a transition table serves a single event, and an
-- UPDATE may move a row from one user to another (both are bumped).
DO $$
DECLARE
  tbl text;
  spec text[];
BEGIN
  FOREACH tbl IN ARRAY ARRAY['user_roles', 'user_assignments'] LOOP
    FOREACH spec SLICE 1 IN ARRAY ARRAY[
      ['insert', 'INSERT', 'NEW'], ['update_new', 'UPDATE', 'NEW'],
      ['update_old', 'UPDATE', 'OLD'], ['delete', 'DELETE', 'OLD']
    ] LOOP
      EXECUTE format(
        'CREATE TRIGGER %1$s_authz_%2$s AFTER %3$s ON %1$s REFERENCING %4$s TABLE AS changed '
        'FOR EACH STATEMENT EXECUTE FUNCTION bump_authz_version()',
        tbl, spec[1], spec[2], spec[3]);
    END LOOP;
  END LOOP;
END $$;

-- A role's permissions change for everyone holding it.
CREATE FUNCTION bump_authz_version_of_roles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users SET authz_version = authz_version + 1
  WHERE id IN (SELECT ur.user_id FROM user_roles ur JOIN changed c ON c.code = ur.role_code);
  RETURN NULL;
END $$;
CREATE TRIGGER roles_authz_update AFTER UPDATE ON roles
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_authz_version_of_roles();

-- A unit's path is part of the scope of everyone assigned to it or below it (paths do not
-- change in the platform today; this keeps the cache right if they ever do).
CREATE FUNCTION bump_authz_version_of_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users SET authz_version = authz_version + 1
  WHERE id IN (SELECT a.user_id FROM user_assignments a JOIN org_units o ON o.id = a.org_unit_id
               WHERE starts_with(o.path, NEW.path));
  RETURN NULL;
END $$;
CREATE TRIGGER org_units_authz_update AFTER UPDATE OF path ON org_units
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION bump_authz_version_of_unit();
