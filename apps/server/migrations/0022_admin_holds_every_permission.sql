-- A role may be granted only by someone holding all its permissions (@wangge/rules grants.ts), so
-- the administrator, who creates every kind of account, holds every permission some role carries.
UPDATE roles
SET permissions = ARRAY(
  SELECT DISTINCT p FROM roles r, unnest(r.permissions) p ORDER BY p
)
WHERE code = 'admin';
