// Service errands as the field app reads them (GET /api/errands, /api/errand-types).
import type { ErrandDocumentSpec, ExtraFieldSpec } from '@wangge/rules';

export interface ErrandType {
  code: string;
  nameZh: string;
  nameEn?: string | null;
  requiredFields: ExtraFieldSpec[];
  requiredDocuments: ErrandDocumentSpec[];
  timeLimitDays: number;
  active: boolean;
}

export interface ErrandSummary {
  id: string;
  code: string;
  type: { code: string; nameZh: string; nameEn?: string | null };
  person: { id: string; name: string };
  state: string;
  stateLabel: { zh: string; en: string };
  version: number;
  startedAt: string;
  dueAt: string | null;
  overdue: boolean;
  elapsed: { days: number; completed: boolean };
}

export interface ErrandDetail extends ErrandSummary {
  person: { id: string; name: string; gender: string | null; idNumber: string | null };
  fieldSpec: ExtraFieldSpec[];
  fields: Record<string, unknown>;
  note: string;
  completionNote: string | null;
  requiredDocuments: (ErrandDocumentSpec & {
    present: boolean;
    file: { attachmentId: string; thumbnailUrl: string } | null;
  })[];
  steps: {
    seq: number;
    action: string;
    actorName: string;
    at: string;
    note: string | null;
    reason: string | null;
    /** deliver: the handover photo, readable by everyone who sees the errand. */
    photo: { attachmentId: string; thumbnailUrl: string } | null;
  }[];
  actions: string[];
}

/** Antd-mobile tag colours of the errand states. */
export const STATE_COLOR: Record<string, string> = {
  draft: 'default',
  leader_review: 'primary',
  department_review: 'primary',
  awaiting_delivery: 'warning',
  returned: 'warning',
  completed: 'success',
  cancelled: 'default',
};
