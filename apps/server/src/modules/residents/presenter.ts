import { publicPhase, residentMayRate } from '@wangge/rules';

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
    reportedAt: row.reported_at,
    lon: row.lon,
    lat: row.lat,
  };
}

export function presentMyReport(
  row: ReportRow & { joined: boolean; rating: number | null; rating_comment: string | null },
) {
  const rated = row.rating !== null;
  return {
    ...presentCase(row),
    joined: row.joined,
    rating: rated ? { score: row.rating, comment: row.rating_comment } : null,
    actions: residentMayRate(row.state) && !rated ? ['rate'] : [],
  };
}

export function presentNearby(entry: { row: ReportRow; metres: number }) {
  return { ...presentCase(entry.row), distanceMetres: entry.metres, actions: ['plusOne'] };
}
