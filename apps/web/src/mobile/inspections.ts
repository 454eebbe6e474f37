// Venue inspections (检查) as the field app reads them (GET /api/inspections/due, /checklists).

import type { InspectionChecklist, InspectionDueItem, InspectionDueStatus } from '../api/generated';
import { useGet } from './hooks';

export type DueStatus = InspectionDueStatus;
export type DueEntry = InspectionDueItem;
export type Checklist = InspectionChecklist;

/** Every venue of the worker's grids with its state; one cached answer serves all filters offline. */
export const useDue = () =>
  useGet<{ items: DueEntry[]; total: number }>('/api/inspections/due?status=all&pageSize=500', {
    keep: true,
  });

export const STATUS_COLOR: Record<DueStatus, string> = { overdue: 'danger', due: 'warning', done: 'success' };
