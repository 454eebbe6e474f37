import { ErrorBlock, List, PullToRefresh, Tag } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { hhmm, useGet } from '../hooks';
import { t } from '../i18n/zh';

export interface CaseSummary {
  id: string;
  code: string;
  title: string | null;
  categoryName: string;
  state: string;
  light: string | null;
  reportedAt: string;
  stepDueAt: string | null;
  address: string | null;
}

const LIGHT: Record<string, string> = { green: 'success', yellow: 'warning', red: 'danger' };

export function TasksPage() {
  const navigate = useNavigate();
  const inbox = useGet<{ items: CaseSummary[]; total: number }>('/api/cases?view=inbox&pageSize=100', {
    keep: true,
  });
  return (
    <div data-testid="tasks">
      <div className="m-title">
        {t('tasks')} <span className="m-muted">{inbox.data?.total ?? ''}</span>
      </div>
      <PullToRefresh onRefresh={async () => inbox.reload()}>
        {inbox.data && inbox.data.items.length === 0 && (
          <ErrorBlock status="empty" title={t('noTasks')} description="" />
        )}
        <List>
          {(inbox.data?.items ?? []).map((c) => (
            <List.Item
              key={c.id}
              onClick={() => navigate(`/tasks/${c.id}`)}
              description={`${c.code} · ${hhmm(c.reportedAt)}${c.address ? ` · ${c.address}` : ''}`}
              extra={
                c.light ? <Tag color={LIGHT[c.light] ?? 'default'}>{c.state}</Tag> : <Tag>{c.state}</Tag>
              }
            >
              {c.title || c.categoryName}
            </List.Item>
          ))}
        </List>
      </PullToRefresh>
    </div>
  );
}
