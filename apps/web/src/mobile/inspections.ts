// Venue inspections (检查) as the field app reads them (GET /api/inspections/due, /checklists).
import { useGet } from './hooks';

export type DueStatus = 'due' | 'overdue' | 'done';

export interface DueEntry {
  unit: {
    id: string;
    name: string;
    kind: string;
    fireSafetyLevel: string | null;
    address: string | null;
    gridId: string;
    gridName: string;
    lon: number | null;
    lat: number | null;
  };
  checklistCode: string;
  checklistName: string;
  lastInspectedAt: string | null;
  lastOutcome: 'pass' | 'fail' | null;
  dueOn: string;
  status: DueStatus;
}

export interface Checklist {
  code: string;
  nameZh: string;
  nameEn?: string | null;
  cycleDays: number;
  items: { key: string; labelZh: string; labelEn?: string | null; hazardCategoryCode: string | null }[];
}

/** Every venue of the worker's grids with its state; one cached answer serves all filters offline. */
export const useDue = () =>
  useGet<{ items: DueEntry[]; total: number }>('/api/inspections/due?status=all&pageSize=500', {
    keep: true,
  });

export const STATUS_COLOR: Record<DueStatus, string> = { overdue: 'danger', due: 'warning', done: 'success' };
