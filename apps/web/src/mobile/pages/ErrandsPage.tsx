import { label } from '@wangge/rules';
import { Button, CapsuleTabs, ErrorBlock, List, PullToRefresh, Tag } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { session } from '../api';
import { ErrandRequests } from '../components/ErrandRequests';
import { PageBar } from '../components/PageBar';
import { type ErrandSummary, STATE_COLOR } from '../errands';
import { useGet, useQueue, useReloadOnSent } from '../hooks';
import { currentLang, pick } from '../i18n/lang';
import { t } from '../i18n/zh';

export function ErrandsPage() {
  const navigate = useNavigate();
  const [view, setView] = useState<'all' | 'inbox'>('all');
  const list = useGet<{ items: ErrandSummary[]; total: number }>(`/api/errands?view=${view}&pageSize=100`, {
    keep: true,
  });
  useReloadOnSent('errand', list.reload);
  const queued = useQueue().filter((i) => i.kind === 'errand');
  const mayStart = session.me()?.permissions.includes('errands.start') ?? false;
  return (
    <div data-testid="errands">
      <PageBar>
        {t('errands')} <span className="m-muted">{list.data?.total ?? ''}</span>
      </PageBar>
      <CapsuleTabs activeKey={view} onChange={(k) => setView(k as 'all' | 'inbox')}>
        <CapsuleTabs.Tab title={t('myErrands')} key="all" />
        <CapsuleTabs.Tab title={t('errandInbox')} key="inbox" />
      </CapsuleTabs>
      {mayStart && (
        <Button
          block
          color="primary"
          size="large"
          className="m-big-btn"
          style={{ margin: '8px 0 12px' }}
          data-testid="errand-new"
          onClick={() => navigate('/errands/new')}
        >
          {t('newErrand')}
        </Button>
      )}
      {mayStart && <ErrandRequests />}
      {queued.length > 0 && (
        <List header={t('queue')} style={{ marginBottom: 12 }}>
          {queued.map((i) =>
            i.kind === 'errand' ? (
              <List.Item
                key={i.key}
                data-testid="errand-queued"
                onClick={() => navigate('/queue')}
                extra={
                  <Tag color={i.failed ? 'danger' : 'warning'}>{i.failed ? t('failed') : t('queue')}</Tag>
                }
              >
                {i.payload.typeName} · {i.payload.personName}
              </List.Item>
            ) : null,
          )}
        </List>
      )}
      <PullToRefresh onRefresh={async () => list.reload()}>
        {list.data && list.data.items.length === 0 && (
          <ErrorBlock status="empty" title={t('noErrands')} description="" />
        )}
        <List>
          {(list.data?.items ?? []).map((e) => (
            <List.Item
              key={e.id}
              data-testid="errand-item"
              onClick={() => navigate(`/errands/${e.id}`)}
              description={`${e.code} · ${t('elapsedDays', { n: e.elapsed.days })}`}
              extra={
                <span style={{ display: 'inline-flex', gap: 4 }}>
                  {e.overdue && <Tag color="danger">{t('statusOverdue')}</Tag>}
                  <Tag color={STATE_COLOR[e.state] ?? 'default'}>
                    {label('errandState', e.state, currentLang())}
                  </Tag>
                </span>
              }
            >
              {pick(e.type.nameZh, e.type.nameEn)} · {e.person.name}
            </List.Item>
          ))}
        </List>
      </PullToRefresh>
    </div>
  );
}
