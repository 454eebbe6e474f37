-- The command centre's big screen (指挥中心大屏): read-only figures, map and live feed of one's
-- scope. Command-centre operators and leaders watch it; city, district and street operators run
-- their own level's screen. Admin holds it as every permission (0022).
UPDATE roles SET permissions = permissions || '{command.view}'::text[]
WHERE builtin AND code IN ('admin', 'command_operator', 'leader', 'city_operator', 'district_operator', 'street_operator')
  AND NOT ('command.view' = ANY (permissions));
