import { type CaseState, canPerform, publicPhase, reopenWindowOpen, residentMayRate } from '@wangge/rules';
import { iso } from '../../http/schemas.ts';
import type { publicTimeline } from './follow.ts';
import type { myGrid } from './my-grid.ts';

interface ReportRow {
  id: string;
  code: string;
  category_code: string;
  category_zh: string;
  category_en: string;
  address: string;
  description: string;
  state: string;
  plus_ones: number;
  reported_at: Date;
  lon: number;
  lat: number;
}

/** What a resident may see of a case: no staff, no other residents, no internal notes. */
function presentCase(row: ReportRow) {
  return {
    id: row.id,
    code: row.code,
    categoryCode: row.category_code,
    categoryName: { zh: row.category_zh, en: row.category_en },
    address: row.address,
    description: row.description,
    phase: publicPhase(row.state),
    plusOnes: row.plus_ones,
    reportedAt: iso(row.reported_at),
    lon: row.lon,
    lat: row.lat,
  };
}

/** The reporter (not a "+1" joiner) may reopen a finished case within the window after closing. */
function mayReopen(row: ReportRow & { joined: boolean; closed_at: Date | null }, reopenDays: number) {
  return (
    !row.joined &&
    canPerform('reopen', row.state as CaseState, ['reporter']) &&
    reopenWindowOpen(row.closed_at, new Date(), reopenDays)
  );
}

export function presentMyReport(
  row: ReportRow & {
    joined: boolean;
    rating: number | null;
    rating_comment: string | null;
    closed_at: Date | null;
  },
  reopenDays: number,
) {
  const rated = row.rating !== null;
  const actions: string[] = [];
  if (residentMayRate(row.state) && !rated) actions.push('rate');
  if (mayReopen(row, reopenDays)) actions.push('reopen');
  return {
    ...presentCase(row),
    joined: row.joined,
    rating: row.rating !== null ? { score: row.rating, comment: row.rating_comment } : null,
    actions,
  };
}

/** A report followed by its tracking code: the public view and timeline, no actions (no account to act with). */
export function presentTrackedReport(row: ReportRow, timeline: Awaited<ReturnType<typeof publicTimeline>>) {
  return {
    ...presentCase(row),
    reportedAt: iso(row.reported_at),
    timeline: timeline.map((entry) => ({ ...entry, at: iso(entry.at) })),
  };
}

export function presentNearby(entry: { row: ReportRow; metres: number }) {
  return { ...presentCase(entry.row), distanceMetres: entry.metres, actions: ['plusOne'] };
}

type MyGrid = Awaited<ReturnType<typeof myGrid>>;

/** My grid as the resident app shows it; the worker's photo is drawn from the name (no photo register). */
export function presentMyGrid(view: MyGrid, serviceHours: string) {
  const { grid } = view;
  return {
    grid: { id: grid.id, code: grid.code, name: grid.name },
    community: { id: grid.community_id, name: grid.community_name },
    street: { name: grid.street_name },
    worker: grid.worker_name ? { name: grid.worker_name, phone: view.workerPhone } : null,
    resident: view.resident,
    phoneRevealed: view.resident && Boolean(grid.worker_phone),
    serviceHours,
  };
}
