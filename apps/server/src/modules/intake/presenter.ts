import { label } from '@wangge/rules';

export function presentCallback(row: {
  id: string;
  order_no: string;
  case_id: string;
  case_code: string;
  case_title: string;
  state: string;
  action: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date;
  created_at: Date;
  delivered_at: Date | null;
}) {
  return {
    id: row.id,
    orderNo: row.order_no,
    case: { id: row.case_id, code: row.case_code, title: row.case_title },
    state: row.state,
    stateName: { zh: label('caseState', row.state, 'zh'), en: label('caseState', row.state, 'en') },
    action: row.action,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    deliveredAt: row.delivered_at?.toISOString() ?? null,
  };
}
