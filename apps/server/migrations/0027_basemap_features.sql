-- A base map drawn from our own data when no external tiles are configured (issue 11 item 14):
-- roads, building footprints, water and green areas, GeoJSON in WGS-84 like boundaries. Not
-- personal data, so not scoped: any signed-in user reads it.
CREATE TABLE basemap_features (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind      text NOT NULL CHECK (kind IN ('road', 'building', 'water', 'green')),
  -- Roads: 'main' on street and community borders, 'lane' on grid borders; null for other kinds.
  class     text CHECK (class IN ('main', 'lane')),
  CHECK ((kind = 'road') = (class IS NOT NULL)),
  name      text CHECK (char_length(name) <= 100),
  -- Buildings: floors above ground.
  levels    smallint CHECK (levels > 0),
  -- The smallest zoom at which the feature is served, so a city-wide view stays small.
  min_zoom  smallint NOT NULL CHECK (min_zoom BETWEEN 0 AND 22),
  geometry  jsonb NOT NULL,
  min_lon   double precision NOT NULL,
  min_lat   double precision NOT NULL,
  max_lon   double precision NOT NULL,
  max_lat   double precision NOT NULL,
  CHECK (min_lon <= max_lon AND min_lat <= max_lat)
);
-- Rectangle overlap without PostGIS: a GiST index over the bbox as a box.
CREATE INDEX basemap_features_bbox_idx
  ON basemap_features USING gist (box(point(min_lon, min_lat), point(max_lon, max_lat)));
