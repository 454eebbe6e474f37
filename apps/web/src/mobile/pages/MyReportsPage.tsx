import { label, OPEN_STATES } from '@wangge/rules';
import { CapsuleTabs, ErrorBlock, List, PullToRefresh, Tag } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { PageBar } from '../components/PageBar';
import { hhmm, useGet, useQueue, useReloadOnSent } from '../hooks';
import { currentLang, pick } from '../i18n/lang';
import { t } from '../i18n/zh';

interface MyCase {
  id: string;
  code: string;
  categoryName: string;
  categoryNameEn: string | null;
  state: string;
  reportedAt: string;
  address: string;
  grid: { name: string };
}

const DONE_STATES = ['closed', 'evaluated', 'archived'];
const FILTERS = {
  open: OPEN_STATES,
  done: DONE_STATES,
  all: [],
} as const satisfies Record<string, readonly string[]>;
type Filter = keyof typeof FILTERS;

const day = (iso: string) => {
  const d = new Date(iso);
  return `${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${hhmm(d)}`;
};

/** 我的上报: the cases this worker reported, with their number and state; tap for the case. */
export function MyReportsPage() {
  const navigate = useNavigate();
  const [filter, setFilter] = useState<Filter>('open');
  const states = FILTERS[filter].map((s) => `&state=${s}`).join('');
  const list = useGet<{ items: MyCase[]; total: number }>(`/api/cases?view=mine&pageSize=100${states}`, {
    keep: true,
  });
  useReloadOnSent('case', list.reload);
  const waiting = useQueue().filter((i) => i.kind === 'case');
  const lang = currentLang();
  return (
    <div data-testid="my-reports">
      <PageBar>{t('myReports')}</PageBar>
      <CapsuleTabs activeKey={filter} onChange={(key) => setFilter(key as Filter)}>
        <CapsuleTabs.Tab title={t('filterOpen')} key="open" />
        <CapsuleTabs.Tab title={t('filterDone')} key="done" />
        <CapsuleTabs.Tab title={t('filterAll')} key="all" />
      </CapsuleTabs>
      <PullToRefresh onRefresh={async () => list.reload()}>
        {filter !== 'done' && waiting.length > 0 && (
          <List data-testid="my-reports-waiting">
            {waiting.map((item) =>
              item.kind === 'case' ? (
                <List.Item
                  key={item.key}
                  description={day(item.createdAt)}
                  extra={<Tag color="warning">{t('pending')}</Tag>}
                >
                  {item.payload.categoryName}
                </List.Item>
              ) : null,
            )}
          </List>
        )}
        {list.data && list.data.items.length === 0 && waiting.length === 0 && (
          <ErrorBlock status="empty" title={t('noReports')} description="" />
        )}
        <List data-testid="my-reports-list">
          {(list.data?.items ?? []).map((c) => (
            <List.Item
              key={c.id}
              data-testid="my-report"
              onClick={() => navigate(`/tasks/${c.id}`)}
              description={
                <>
                  <div>{c.address || c.grid.name}</div>
                  <div>
                    {c.code} · {day(c.reportedAt)}
                  </div>
                </>
              }
              extra={
                <Tag color={(OPEN_STATES as readonly string[]).includes(c.state) ? 'primary' : 'success'}>
                  {label('caseState', c.state, lang)}
                </Tag>
              }
            >
              {pick(c.categoryName, c.categoryNameEn)}
            </List.Item>
          ))}
        </List>
      </PullToRefresh>
    </div>
  );
}
