// OwnTracks HTTP mode (https://owntracks.org/booklet/tech/http/), decoded to a Fix or an event.
//
// The app POSTs one JSON message (or an array of them) to /track/owntracks with HTTP Basic auth.
// Wangge reads Basic auth as: username = the device id, password = a Wangge API token of the
// worker (POST /api/auth/tokens). A device id seen for the first time is bound to the token's
// worker (protocol 'owntracks'); a device bound to someone else, or revoked, or a wrong token → 401.
// X-Limit-U / X-Limit-D headers are informational only: identity comes from the credentials.
// Messages are checked by hand against the rules of standards/owntracks/message.json that matter
// here (the server package has no runtime ajv; the tests run ajv over the same fixtures):
//   _type one of the schema's enum; lat/lon numbers; tst an integer;
//   location needs lat, lon, tst; transition needs acc, event, lat, lon, tst, wtst; lwt needs tst.
// location → a position (tst unix seconds, acc metres (≤ 0 unknown), vel km/h, cog, alt, batt %);
// transition → a region event (patrol_events: enter/leave, rid, desc); other types are accepted and
// ignored. The answer to a valid message is 200 with `[]` (no friends' locations or commands to
// return); an invalid message is 400 in the platform's error shape.
import type { Fix } from '../pipeline.ts';

const TYPES = [
  'beacon',
  'card',
  'cmd',
  'configuration',
  'location',
  'lwt',
  'request',
  'status',
  'steps',
  'transition',
  'waypoint',
  'waypoints',
];
const REQUIRED: Record<string, string[]> = {
  location: ['lat', 'lon', 'tst'],
  lwt: ['tst'],
  steps: ['from', 'steps', 'to', 'tst'],
  transition: ['acc', 'event', 'lat', 'lon', 'tst', 'wtst'],
};

export type OwnTracksDecoded =
  | { kind: 'location'; fix: Fix }
  | {
      kind: 'transition';
      event: 'enter' | 'leave';
      regionId: string | null;
      regionName: string | null;
      fix: Fix;
    }
  | { kind: 'ignored'; type: string };

type Msg = Record<string, unknown>;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const optNum = (v: unknown): number | null => (isNum(v) ? v : null);

/** The problems of one message under the schema's rules that Wangge relies on (empty: valid). */
export function owntracksProblems(message: unknown): string[] {
  if (!message || typeof message !== 'object' || Array.isArray(message)) return ['message must be an object'];
  const m = message as Msg;
  const problems: string[] = [];
  if (typeof m._type !== 'string' || !TYPES.includes(m._type)) problems.push('_type');
  for (const field of ['lat', 'lon'] as const) {
    if (field in m && !isNum(m[field])) problems.push(field);
  }
  if ('tst' in m && !Number.isInteger(m.tst)) problems.push('tst');
  for (const field of REQUIRED[m._type as string] ?? []) {
    if (!(field in m)) problems.push(field);
  }
  if (m._type === 'transition' && 'event' in m && m.event !== 'enter' && m.event !== 'leave')
    problems.push('event');
  return [...new Set(problems)];
}

function fixOf(m: Msg): Fix {
  const acc = optNum(m.acc);
  const vel = optNum(m.vel);
  const cog = optNum(m.cog);
  const batt = optNum(m.batt);
  return {
    recordedAt: new Date((m.tst as number) * 1000),
    lat: m.lat as number,
    lon: m.lon as number,
    accuracy: acc !== null && acc > 0 ? acc : null,
    speed: vel !== null && vel >= 0 ? vel / 3.6 : null,
    heading: cog !== null && cog >= 0 ? cog : null,
    altitude: optNum(m.alt),
    battery: batt !== null && batt >= 0 ? batt : null,
  };
}

/** Decodes a message already known to be valid. */
export function decodeOwnTracks(message: unknown): OwnTracksDecoded {
  const m = message as Msg;
  if (m._type === 'location') return { kind: 'location', fix: fixOf(m) };
  if (m._type === 'transition') {
    return {
      kind: 'transition',
      event: m.event as 'enter' | 'leave',
      regionId: typeof m.rid === 'string' ? m.rid.slice(0, 100) : null,
      regionName: typeof m.desc === 'string' ? m.desc.slice(0, 200) : null,
      fix: fixOf(m),
    };
  }
  return { kind: 'ignored', type: String(m._type) };
}

/** Username and password of a Basic Authorization header. */
export function basicCredentials(header: string | undefined): { username: string; password: string } | null {
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header) : null;
  if (!match?.[1]) return null;
  const text = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}
