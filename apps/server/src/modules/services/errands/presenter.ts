import {
  ERRAND_STATE_LABELS,
  type ErrandDocumentSpec,
  type ErrandState,
  type ExtraFieldSpec,
  elapsedDays,
  maskIdNumber,
} from '@wangge/rules';
import { iso, isoOrNull } from '../../../http/schemas.ts';
import type { DataCipher } from '../../registers/privacy/crypto.ts';
import type { ErrandDetailRow, ErrandSummaryRow, ErrandTypeRow, errandRepository } from './repository.ts';

type StepRow = Awaited<ReturnType<typeof errandRepository.steps>>[number];
type DocumentRow = Awaited<ReturnType<typeof errandRepository.documents>>[number];

/** Field specs as plain (mutable) lists, the response schema's shape. */
const fieldSpecs = (specs: readonly ExtraFieldSpec[]) =>
  specs.map((f) => ({ ...f, options: f.options && [...f.options] }));

export function presentErrandType(
  row: Omit<ErrandTypeRow, 'required_fields' | 'required_documents'> & {
    required_fields: unknown;
    required_documents: unknown;
  },
) {
  return {
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    requiredFields: fieldSpecs(row.required_fields as ExtraFieldSpec[]),
    requiredDocuments: row.required_documents as ErrandDocumentSpec[],
    departmentKind: row.department_kind,
    timeLimitDays: row.time_limit_days,
    active: row.active,
  };
}

function elapsed(row: { started_at: Date; completed_at: Date | null }, now: Date) {
  return {
    days: elapsedDays(row.started_at, row.completed_at ?? now),
    completed: row.completed_at !== null,
  };
}

export function presentErrandSummary(row: ErrandSummaryRow, now = new Date()) {
  return {
    id: row.id,
    code: row.code,
    type: { code: row.type_code, nameZh: row.type_name_zh, nameEn: row.type_name_en },
    person: { id: row.person_id, name: row.person_name },
    grid: { id: row.grid_id, code: row.grid_code, name: row.grid_name },
    state: row.state,
    stateLabel: ERRAND_STATE_LABELS[row.state as ErrandState],
    version: row.version,
    startedBy: { id: row.started_by, name: row.started_by_name },
    department: row.department_id ? { id: row.department_id, name: row.department_name } : null,
    startedAt: iso(row.started_at),
    submittedAt: isoOrNull(row.submitted_at),
    dueAt: isoOrNull(row.due_at),
    completedAt: isoOrNull(row.completed_at),
    overdue: row.due_at !== null && (row.completed_at ?? now) > row.due_at,
    elapsed: elapsed(row, now),
  };
}

const file = (errandId: string, attachmentId: string) => ({
  attachmentId,
  url: `/api/errands/${errandId}/documents/${attachmentId}`,
  thumbnailUrl: `/api/errands/${errandId}/documents/${attachmentId}/thumbnail`,
});

/** A delivery's handover photo, served by the errand's document route to all who see the errand. */
function handoverPhoto(errandId: string, step: StepRow) {
  const attachmentId =
    step.action === 'deliver' ? (step.details as { attachmentId?: unknown })?.attachmentId : null;
  return typeof attachmentId === 'string' ? file(errandId, attachmentId) : null;
}

export function presentErrandDetail(
  row: ErrandDetailRow,
  related: {
    cipher: DataCipher;
    type: ErrandTypeRow;
    steps: StepRow[];
    documents: DocumentRow[];
    actions: string[];
  },
) {
  const now = new Date();
  const latest = new Map<string, DocumentRow>();
  for (const d of related.documents) latest.set(d.document_key, d);
  return {
    ...presentErrandSummary(row, now),
    person: {
      id: row.person_id,
      name: row.person_name,
      gender: row.person_gender,
      idNumber: maskIdNumber(related.cipher.decrypt(row.person_id_number_enc)),
    },
    fieldSpec: fieldSpecs(related.type.required_fields),
    fields: row.fields as Record<string, unknown>,
    note: row.note,
    completionNote: row.completion_note,
    timeLimitDays: related.type.time_limit_days,
    requiredDocuments: related.type.required_documents.map((spec) => {
      const doc = latest.get(spec.key);
      return {
        ...spec,
        present: doc !== undefined,
        file: doc ? file(row.id, doc.attachment_id) : null,
        addedAt: isoOrNull(doc?.added_at ?? null),
        addedBy: doc?.added_by_name ?? null,
      };
    }),
    documents: related.documents.map((d) => ({
      documentKey: d.document_key,
      ...file(row.id, d.attachment_id),
      addedAt: iso(d.added_at),
      addedBy: d.added_by_name,
      current: latest.get(d.document_key)?.id === d.id,
    })),
    steps: related.steps.map((s) => ({
      seq: s.seq,
      action: s.action,
      fromState: s.from_state,
      toState: s.to_state,
      actorName: s.actor_name,
      actorRole: s.actor_role,
      at: iso(s.at),
      note: s.note,
      reason: s.reason,
      details: s.details as Record<string, unknown>,
      photo: handoverPhoto(row.id, s),
    })),
    actions: related.actions,
  };
}
