import { actionsFor, ERRAND_REQUEST_WORKFLOW, type ErrandRequestState } from '@wangge/rules';
import { iso, isoOrNull } from '../../../http/schemas.ts';
import type { Actor } from '../../access/actor.ts';
import { requestRelationsOf } from './operations.ts';
import type { ErrandRequestRow } from './repository.ts';

/**
 * A request as the caller may see it: the resident sees its state, the errand it became and the
 * reason of a decline, never who decided; the grid team also sees the requester's number to call.
 */
export function presentErrandRequest(row: ErrandRequestRow, actor: Actor) {
  const relations = requestRelationsOf(actor, row);
  return {
    id: row.id,
    type: { code: row.type_code, name: { zh: row.type_zh, en: row.type_en } },
    grid: { id: row.grid_id, name: row.grid_name },
    applicantName: row.applicant_name,
    note: row.note,
    state: row.state,
    version: row.version,
    errand: row.errand_id ? { id: row.errand_id, code: row.errand_code!, state: row.errand_state! } : null,
    reason: row.reason,
    decidedAt: isoOrNull(row.decided_at),
    createdAt: iso(row.created_at),
    requesterPhone: relations.has('grid_team') ? row.requester_phone : null,
    actions: actionsFor(ERRAND_REQUEST_WORKFLOW, row.state as ErrandRequestState, relations),
  };
}
