import type { AlertAction } from '@wangge/rules';
import { iso, isoOrNull } from '../../http/schemas.ts';
import type { AlertRow } from './repository.ts';

export function presentAlert(row: AlertRow, actions: readonly AlertAction[] = []) {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    version: row.version,
    subject: row.subject_user_id
      ? { type: 'user' as const, id: row.subject_user_id, name: row.subject_user_name ?? '' }
      : row.subject_case_id
        ? {
            type: 'case' as const,
            id: row.subject_case_id,
            name: row.subject_case_title ?? '',
            code: row.subject_case_code ?? '',
          }
        : { type: 'device' as const, id: row.subject_device_id ?? '', name: '' },
    unit: { path: row.unit_path, name: row.unit_name ?? '' },
    lon: row.lon,
    lat: row.lat,
    summary: row.summary,
    details: (row.details ?? {}) as Record<string, unknown>,
    raisedAt: iso(row.raised_at),
    ack: row.ack_at
      ? {
          at: iso(row.ack_at),
          userId: row.ack_user_id,
          name: row.ack_user_name ?? '',
          note: row.ack_note ?? '',
        }
      : null,
    closedAt: isoOrNull(row.closed_at),
    actions: [...actions],
  };
}

export type AlertItem = ReturnType<typeof presentAlert>;
