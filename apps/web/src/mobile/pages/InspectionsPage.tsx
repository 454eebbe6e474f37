import { label } from '@wangge/rules';
import { CapsuleTabs, ErrorBlock, List, PullToRefresh, Tag } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { PageBar } from '../components/PageBar';
import { hhmm, useQueue, useReloadOnSent, useSentLog } from '../hooks';
import { currentLang } from '../i18n/lang';
import { t } from '../i18n/zh';
import { type DueStatus, STATUS_COLOR, useDue } from '../inspections';

const ORDER: Record<DueStatus, number> = { overdue: 0, due: 1, done: 2 };

export function InspectionsPage() {
  const navigate = useNavigate();
  const due = useDue();
  const [filter, setFilter] = useState<DueStatus | 'open' | 'all'>('open');
  const queued = useQueue().filter((i) => i.kind === 'inspection');
  const sent = useSentLog().filter((n) => n.kind === 'inspection');
  useReloadOnSent('inspection', due.reload);
  const items = (due.data?.items ?? [])
    .filter((e) => (filter === 'all' ? true : filter === 'open' ? e.status !== 'done' : e.status === filter))
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.dueOn.localeCompare(b.dueOn));
  const count = (s: DueStatus) => (due.data?.items ?? []).filter((e) => e.status === s).length;
  return (
    <div data-testid="inspections">
      <PageBar>{t('dueInspections')}</PageBar>
      {due.error && !due.data && (
        <div className="m-card" style={{ color: '#ff4d4f' }}>
          {t('inspectionsUnavailable', { msg: due.error.message })}
        </div>
      )}
      {(queued.length > 0 || sent.length > 0) && (
        <List header={t('recentlySent')} style={{ marginBottom: 12 }} data-testid="inspections-sent">
          {queued.map((i) => (
            <List.Item
              key={i.key}
              extra={<Tag color={i.failed ? 'danger' : 'warning'}>{i.failed ? t('failed') : t('queue')}</Tag>}
            >
              {i.kind === 'inspection' ? `${i.payload.unitName} · ${i.payload.checklistName}` : ''}
            </List.Item>
          ))}
          {sent.slice(0, 5).map((n) => (
            <List.Item
              key={n.key}
              data-testid="inspection-sent"
              description={n.ref ? t('caseCreated', { code: n.ref }) : t('noCaseCreated')}
              extra={hhmm(n.at)}
            >
              {n.label}
            </List.Item>
          ))}
        </List>
      )}
      <CapsuleTabs activeKey={filter} onChange={(k) => setFilter(k as typeof filter)}>
        <CapsuleTabs.Tab key="open" title={`${t('dueInspections')} ${count('overdue') + count('due')}`} />
        <CapsuleTabs.Tab key="overdue" title={`${t('statusOverdue')} ${count('overdue')}`} />
        <CapsuleTabs.Tab key="done" title={`${t('statusDone')} ${count('done')}`} />
        <CapsuleTabs.Tab key="all" title={t('allStatus')} />
      </CapsuleTabs>
      <PullToRefresh onRefresh={async () => due.reload()}>
        {due.data && items.length === 0 && <ErrorBlock status="empty" title={t('noDue')} description="" />}
        <List>
          {items.map((e) => (
            <List.Item
              key={`${e.unit.id}:${e.checklistCode}`}
              data-testid="due-item"
              data-status={e.status}
              data-unit={e.unit.name}
              onClick={() => navigate(`/inspections/new?unitId=${e.unit.id}&checklist=${e.checklistCode}`)}
              description={`${e.checklistName} · ${t('dueOn')} ${e.dueOn} · ${
                e.lastInspectedAt
                  ? `${t('lastInspected')} ${e.lastInspectedAt.slice(0, 10)}`
                  : t('neverInspected')
              }${e.lastOutcome === 'fail' ? ` · ${t('fail')}` : ''}`}
              extra={
                <Tag color={STATUS_COLOR[e.status]} fill={e.status === 'done' ? 'outline' : 'solid'}>
                  {label('inspectionStatus', e.status, currentLang())}
                </Tag>
              }
            >
              {e.unit.name}
            </List.Item>
          ))}
        </List>
      </PullToRefresh>
    </div>
  );
}
