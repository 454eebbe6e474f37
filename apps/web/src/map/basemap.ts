// The light base map drawn from our own data (GET /api/basemap) when no tile URL is configured:
// beige ground, green and water areas, grey buildings, white roads with grey casing and their
// names. Shared by every map of the console and the field app. Labels need no glyph server:
// without a `glyphs` URL MapLibre draws every character with the browser's own fonts.
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap, SourceSpecification } from 'maplibre-gl';

export const OWN_BASEMAP = 'own-basemap';
export const BASEMAP_BACKGROUND = '#f2efe9';

const isKind = (kind: string) => ['==', ['get', 'kind'], kind] as ['==', ['get', string], string];
const isMain = ['==', ['get', 'class'], 'main'] as ['==', ['get', string], string];
const roadWidth = (main: number, lane: number) =>
  [
    'interpolate',
    ['exponential', 1.6],
    ['zoom'],
    10,
    ['case', isMain, main * 0.35, lane * 0.3],
    14,
    ['case', isMain, main, lane],
    18,
    ['case', isMain, main * 4, lane * 4],
  ] as unknown as number;

export const OWN_BASEMAP_SOURCE: SourceSpecification = {
  type: 'geojson',
  data: { type: 'FeatureCollection', features: [] },
};

/** The base layers, bottom to top; data layers go above them. */
export function ownBasemapLayers(): LayerSpecification[] {
  const source = OWN_BASEMAP;
  return [
    { id: 'background', type: 'background', paint: { 'background-color': BASEMAP_BACKGROUND } },
    {
      id: `${source}-green`,
      type: 'fill',
      source,
      filter: isKind('green'),
      paint: { 'fill-color': '#d5e8c4' },
    },
    {
      id: `${source}-water`,
      type: 'fill',
      source,
      filter: isKind('water'),
      paint: { 'fill-color': '#aad3df' },
    },
    {
      id: `${source}-building`,
      type: 'fill',
      source,
      filter: isKind('building'),
      minzoom: 14,
      paint: { 'fill-color': '#dcd8d2', 'fill-outline-color': '#c4bfb7' },
    },
    {
      id: `${source}-road-casing`,
      type: 'line',
      source,
      filter: isKind('road'),
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#c9c3b8', 'line-width': roadWidth(7, 4.5) },
    },
    {
      id: `${source}-road`,
      type: 'line',
      source,
      filter: isKind('road'),
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': roadWidth(5, 3) },
    },
    {
      id: `${source}-road-label`,
      type: 'symbol',
      source,
      filter: isKind('road'),
      minzoom: 15,
      layout: {
        'symbol-placement': 'line',
        'text-field': ['get', 'name'],
        'text-size': 12,
        'symbol-spacing': 300,
        'text-max-angle': 40,
      },
      paint: { 'text-color': '#6b6459', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
  ];
}

type Load = (path: string) => Promise<unknown>;

/**
 * Keeps the base map's data on the view: after every move, the features of the visible area at
 * this zoom. The bbox is widened to whole tiles of the zoom so a view panned back asks the same
 * URL again and the browser answers from its cache (the API allows five minutes).
 */
export function followOwnBasemap(map: MapLibreMap, load: Load): void {
  let asked = '';
  let removed = false;
  map.on('remove', () => {
    removed = true;
  });
  const refresh = () => {
    const zoom = Math.max(0, Math.min(22, Math.floor(map.getZoom())));
    const step = 360 / 2 ** zoom;
    const b = map.getBounds();
    const out = (v: number, up: boolean) => (up ? Math.ceil(v / step) : Math.floor(v / step)) * step;
    const clampLon = (v: number) => Math.max(-180, Math.min(180, v));
    const clampLat = (v: number) => Math.max(-90, Math.min(90, v));
    const bbox = [
      clampLon(out(b.getWest(), false)),
      clampLat(out(b.getSouth(), false)),
      clampLon(out(b.getEast(), true)),
      clampLat(out(b.getNorth(), true)),
    ].map((v) => Number(v.toFixed(6)));
    const path = `/api/basemap?bbox=${bbox.join(',')}&zoom=${zoom}`;
    if (path === asked) return;
    asked = path;
    load(path)
      .then((data) => {
        if (removed || asked !== path) return;
        map.getSource<GeoJSONSource>(OWN_BASEMAP)?.setData(data as FeatureCollection);
      })
      .catch(() => {
        // The map stays usable on the plain background; the next move asks again.
        if (asked === path) asked = '';
      });
  };
  // Call right after creating the map: the source exists once its style has loaded.
  map.once('load', () => {
    refresh();
    map.on('moveend', refresh);
  });
}
