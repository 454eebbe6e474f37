// OsmAnd / Traccar Client HTTP protocol (Traccar's OsmAndProtocolDecoder), decoded to a Fix.
//
// Requests are GET or POST to /track/osmand with the parameters in the query string, in an
// x-www-form-urlencoded body, or as the JSON document of Traccar Client ≥ 9 / the Transistorsoft
// background-geolocation plugin ({device_id, location: {timestamp, coords, battery}}).
//   id | deviceid          device id (bound to a worker through POST /api/tracker-devices)
//   lat, lon | location    degrees; location=lat,lon
//   timestamp              unix seconds, unix milliseconds, ISO 8601, or 'yyyy-MM-dd HH:mm:ss' (UTC);
//                          absent: the time of receipt
//   speed                  knots (JSON coords.speed: m/s, as Traccar reads it); negative = unknown
//   bearing | heading      degrees; altitude metres; accuracy (or hacc) metres; batt percent
// Answers, as Traccar does: 200 with an empty body when the request was understood (including a
// fix the pipeline drops as implausible, and cell/wifi-only reports without a fix, which carry
// nothing to store) — the client must not resend those; 400 for a missing or unknown device id or
// an undecodable request, which Traccar also answers with 400 Bad Request.
import type { Fix } from '../pipeline.ts';

export type OsmAndDecoded =
  | { kind: 'position'; deviceId: string; fix: Fix }
  | { kind: 'no_fix'; deviceId: string }
  | { kind: 'invalid'; message: string };

const KNOT_MPS = 1852 / 3600;

type Params = Record<string, unknown>;

function first(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function num(value: unknown): number | null {
  const s = first(value);
  if (s === undefined || s.trim() === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** Unix seconds below 2^31 (as Traccar decides), else milliseconds; ISO 8601; 'yyyy-MM-dd HH:mm:ss' in UTC. */
export function parseTimestamp(raw: string): Date | null {
  const s = raw.trim();
  if (/^-?\d+(\.\d+)?$/.test(s)) {
    const n = Number(s);
    return new Date(n < 2_147_483_647 ? n * 1000 : n);
  }
  const m = /^(\d{4}-\d{2}-\d{2})[ T+](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!m) return null;
  const zone = m[3] ?? 'Z';
  const at = new Date(`${m[1]}T${m[2]}${zone}`);
  return Number.isNaN(at.getTime()) ? null : at;
}

function fromJson(body: Params): OsmAndDecoded {
  const deviceId = first(body.device_id) ?? first(body.id) ?? first(body.deviceid);
  if (!deviceId) return { kind: 'invalid', message: '缺少设备号 (no device id)' };
  const locations = Array.isArray(body.location) ? body.location : [body.location];
  const location = locations[locations.length - 1] as Params | undefined;
  const coords = (location?.coords ?? null) as Params | null;
  if (!location || !coords) return { kind: 'no_fix', deviceId };
  const lat = num(coords.latitude);
  const lon = num(coords.longitude);
  if (lat === null || lon === null) return { kind: 'invalid', message: '坐标无效 (invalid coordinates)' };
  const ts = first(location.timestamp);
  const recordedAt = ts === undefined ? new Date() : parseTimestamp(ts);
  if (!recordedAt) return { kind: 'invalid', message: '时间无效 (invalid timestamp)' };
  const speed = num(coords.speed);
  const heading = num(coords.heading);
  const level = num((location.battery as Params | undefined)?.level);
  return {
    kind: 'position',
    deviceId,
    fix: {
      recordedAt,
      lat,
      lon,
      accuracy: num(coords.accuracy),
      speed: speed !== null && speed >= 0 ? speed : null,
      heading: heading !== null && heading >= 0 ? heading : null,
      altitude: num(coords.altitude),
      battery: level !== null && level >= 0 ? Math.round(level <= 1 ? level * 100 : level) : null,
    },
  };
}

/** Decodes one request: query parameters merged with a form or JSON body (body wins). */
export function decodeOsmAnd(query: Params, body: unknown): OsmAndDecoded {
  if (body && typeof body === 'object' && !Array.isArray(body) && 'location' in body) {
    return fromJson({ ...query, ...(body as Params) });
  }
  const p: Params = {
    ...query,
    ...(body && typeof body === 'object' && !Array.isArray(body) ? (body as Params) : {}),
  };
  const deviceId = first(p.id) ?? first(p.deviceid) ?? first(p.device_id);
  if (!deviceId) return { kind: 'invalid', message: '缺少设备号 id/deviceid (no device id)' };
  let lat = num(p.lat);
  let lon = num(p.lon);
  const location = first(p.location);
  if (location !== undefined) {
    const [a, b] = location.split(',').map((x) => Number(x));
    lat = Number.isFinite(a) ? (a as number) : null;
    lon = Number.isFinite(b) ? (b as number) : null;
  }
  if (lat === null || lon === null) {
    if (first(p.lat) !== undefined || first(p.lon) !== undefined || location !== undefined) {
      return { kind: 'invalid', message: '坐标无效 (invalid lat/lon)' };
    }
    if (p.cell !== undefined || p.wifi !== undefined) return { kind: 'no_fix', deviceId };
    return { kind: 'invalid', message: '缺少坐标 (no lat/lon)' };
  }
  const ts = first(p.timestamp);
  const recordedAt = ts === undefined ? new Date() : parseTimestamp(ts);
  if (!recordedAt) return { kind: 'invalid', message: '时间无效 (invalid timestamp)' };
  const knots = num(p.speed);
  const accuracy = num(p.accuracy) ?? num(p.hacc);
  return {
    kind: 'position',
    deviceId,
    fix: {
      recordedAt,
      lat,
      lon,
      accuracy: accuracy !== null && accuracy > 0 ? accuracy : null,
      speed: knots !== null && knots >= 0 ? knots * KNOT_MPS : null,
      heading: num(p.bearing) ?? num(p.heading),
      altitude: num(p.altitude),
      battery: num(p.batt),
    },
  };
}
