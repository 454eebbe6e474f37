import { label } from '@wangge/rules';

const both = (kind: Parameters<typeof label>[0], code: string) => ({
  zh: label(kind, code, 'zh'),
  en: label(kind, code, 'en'),
});

export function presentDevice(
  row: {
    id: string;
    code: string;
    name: string;
    type: string;
    lon: number;
    lat: number;
    address: string;
    grid_id: string;
    grid_name: string;
    grid_code: string;
    owner_unit: string;
    stream_url: string | null;
    status: string;
    last_heartbeat_at: Date | null;
    last_seen_at: Date;
    open_case_id: string | null;
    last_alarm_at: Date | null;
    created_at: Date;
  },
  actions: string[],
) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type,
    typeName: both('deviceType', row.type),
    lon: row.lon,
    lat: row.lat,
    address: row.address,
    grid: { id: row.grid_id, code: row.grid_code, name: row.grid_name },
    ownerUnit: row.owner_unit,
    streamUrl: row.stream_url,
    status: row.status,
    statusName: both('deviceStatus', row.status),
    lastHeartbeatAt: row.last_heartbeat_at?.toISOString() ?? null,
    lastSeenAt: row.last_seen_at.toISOString(),
    openCaseId: row.open_case_id,
    lastAlarmAt: row.last_alarm_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    actions,
  };
}

export function presentAlarm(row: {
  id: string;
  kind: string;
  channel: string;
  value: number | null;
  message: string | null;
  observed_at: Date | null;
  received_at: Date;
  case_id: string | null;
  case_code: string | null;
  case_state: string | null;
}) {
  return {
    id: row.id,
    kind: row.kind,
    kindName: both('deviceMessage', row.kind),
    channel: row.channel,
    value: row.value,
    message: row.message,
    observedAt: row.observed_at?.toISOString() ?? null,
    receivedAt: row.received_at.toISOString(),
    case: row.case_id ? { id: row.case_id, code: row.case_code, state: row.case_state } : null,
  };
}
