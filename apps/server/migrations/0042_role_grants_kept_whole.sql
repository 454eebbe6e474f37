-- A role may be granted only by someone holding all its permissions (@wangge/rules grants.ts).
-- Migrations 0033–0041 gave roles new permissions one module at a time; this keeps the two
-- promises that rule relies on.

-- 1. The administrator, who creates every kind of account, holds every permission some role
--    carries — now and whenever a migration or an administrator changes a role (0022 did it once).
CREATE FUNCTION roles_admin_holds_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The update below fires this trigger again; one level is enough.
  IF pg_trigger_depth() > 1 THEN
    RETURN NULL;
  END IF;
  UPDATE roles
  SET permissions = ARRAY(SELECT DISTINCT p FROM roles r, unnest(r.permissions) p ORDER BY p)
  WHERE code = 'admin'
    AND NOT permissions @> ARRAY(SELECT DISTINCT p FROM roles r, unnest(r.permissions) p);
  RETURN NULL;
END $$;
CREATE TRIGGER roles_admin_holds_all AFTER INSERT OR UPDATE OF permissions ON roles
  FOR EACH STATEMENT EXECUTE FUNCTION roles_admin_holds_all();
UPDATE roles SET permissions = permissions WHERE code = 'admin';

-- 2. A street operator appoints the street's dispatchers, so holds what a dispatcher holds: the
--    duty rota it manages (0034). The 12345 hotline's delivery log (0039) is the city's and the
--    district's integration record, not a dispatcher's daily work.
UPDATE roles SET permissions = permissions || '{duty.manage}'::text[]
WHERE code = 'street_operator' AND NOT permissions @> '{duty.manage}'::text[];
UPDATE roles SET permissions = array_remove(permissions, 'hotline.read')
WHERE code = 'dispatcher';
