import { CASE_STATE_LABELS, type CaseState } from '@wangge/rules';
import { CLOSED_STATES, type RequestRow, type ServiceRow } from './repository.ts';

// Rows → GeoReport v2 shapes (snake_case, as the specification names them). Service requests never
// carry personal data: no reporter name, phone or e-mail, whoever asks.

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When this endpoint set last changed (discovery `changeset`). */
export const CHANGESET = '2026-11-22T00:00:00Z';
export const FORMATS = ['application/json', 'text/xml'];
const DESCRIPTION_MAX = 4000;

type Limit = { amount: number; unit: 'hours' | 'days' };

function limitText(limit: Limit | undefined): string | null {
  if (!limit) return null;
  return `${limit.amount}${limit.unit === 'hours' ? '个工作小时' : '个工作日'}`;
}

/** What the reporter may expect: the category's time limits, and that police matters go to the police. */
export function serviceNotice(category: { limits: unknown; is_police: boolean }): string | null {
  const limits = (category.limits ?? {}) as Partial<Record<'accept' | 'handle', Limit>>;
  const parts = [
    category.is_police ? '涉警事项，上报后直接转公安部门办理' : null,
    limitText(limits.accept) ? `受理时限${limitText(limits.accept)}` : null,
    limitText(limits.handle) ? `处置时限${limitText(limits.handle)}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? `${parts.join('；')}。` : null;
}

export function presentDiscovery(base: string) {
  return {
    changeset: CHANGESET,
    contact:
      '网格化服务管理平台运维值守 (Wangge operations desk): 请联系本平台管理员 (contact the platform administrator)',
    key_service:
      'api_key 即本平台的 API 令牌：管理员为接入方创建具有 cases.report 权限的集成账号，该账号登录后通过 POST /api/auth/tokens 创建令牌 ' +
      '(the api_key is a Wangge API token of an integration account holding cases.report; ask the administrator for one)',
    endpoints: [
      {
        specification: SPECIFICATION,
        url: `${base}/open311/v2`,
        changeset: CHANGESET,
        type: 'production',
        formats: FORMATS,
      },
    ],
  };
}

export function presentService(row: ServiceRow) {
  return {
    service_code: row.code,
    service_name: row.name_zh,
    description: row.filing_standard || null,
    metadata: false,
    type: 'realtime',
    keywords: row.name_en || null,
    group: row.group_name,
  };
}

export function presentServiceDefinition(code: string) {
  // Wangge asks for no attributes beyond the standard fields.
  return { service_code: code, attributes: [] as never[] };
}

export interface RequestExtras {
  agency: string | null;
  /** The latest note staff marked public; internal notes never reach Open311. */
  publicNote: string | null;
  photoId: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? chars.slice(0, max).join('') : text;
}

export function isClosed(state: string): boolean {
  return (CLOSED_STATES as readonly string[]).includes(state);
}

export function presentRequest(row: RequestRow, extras: RequestExtras, base: string) {
  const closed = isClosed(row.state);
  const label = CASE_STATE_LABELS[row.state as CaseState]?.zh ?? row.state;
  return {
    service_request_id: row.code,
    status: closed ? ('closed' as const) : ('open' as const),
    status_notes: extras.publicNote ? `${label}：${extras.publicNote}` : label,
    service_name: row.category_name,
    service_code: row.category_code,
    description: row.description ? truncate(row.description, DESCRIPTION_MAX) : null,
    agency_responsible: extras.agency ?? row.owner_name,
    service_notice: serviceNotice(row),
    requested_datetime: row.reported_at.toISOString(),
    // For a closed request the specification wants the time it was closed.
    updated_datetime: iso(closed ? (row.closed_at ?? row.updated_at) : row.updated_at),
    // The deadline of the step the case is in; a closed request expects nothing more.
    expected_datetime: closed ? null : iso(row.step_due_at),
    address: row.address || null,
    address_id: null,
    zipcode: null,
    lat: row.lat,
    long: row.lon,
    // The reporter's own link first; otherwise the first photo taken on the case.
    media_url: row.media_url ?? (extras.photoId ? `${base}/api/attachments/${extras.photoId}` : null),
  };
}
