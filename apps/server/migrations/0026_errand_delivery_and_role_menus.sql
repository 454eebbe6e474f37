-- Issue 11 items 9 and 10.

-- A card the resident asked to have brought home (领取方式 网格员送证上门) waits after the
-- department's approval until the worker delivers it (@wangge/rules services/errands.ts).
ALTER TABLE errands DROP CONSTRAINT errands_state_check;
ALTER TABLE errands ADD CONSTRAINT errands_state_check CHECK (state IN (
  'draft', 'leader_review', 'department_review', 'awaiting_delivery', 'returned', 'completed', 'cancelled'
));

-- The console's API token screen is for connecting other systems (the 12345 hotline, the command
-- centre's wall, GIS clients): the administrator, the city operator who runs the platform and the
-- command centre that feeds its wall. Everybody else's only tokens are the field app's own.
UPDATE roles SET permissions = permissions || '{tokens.manage}'::text[]
WHERE builtin AND code IN ('admin', 'city_operator', 'command_operator')
  AND NOT permissions @> '{tokens.manage}'::text[];

-- The leader reads figures and supervises cases; the user list is the operators' work.
UPDATE roles SET permissions = array_remove(permissions, 'users.read') WHERE builtin AND code = 'leader';
