import { label } from '@wangge/rules';
import { Button, ErrorBlock, List, PullToRefresh, Tag } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { hhmm, useGet, useQueue, useReloadOnSent } from '../hooks';
import { currentLang } from '../i18n/lang';
import { t } from '../i18n/zh';
import { enqueue } from '../queue';

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

/** A task the dispatcher or grid leader set the worker (modules/duty). */
interface WorkTask {
  id: string;
  kind: string;
  title: string;
  instructions: string;
  version: number;
  target: { type: string; name: string; code?: string } | null;
  actions: string[];
}

const LIGHT: Record<string, string> = { green: 'success', yellow: 'warning', red: 'danger' };

export function TasksPage() {
  const navigate = useNavigate();
  const lang = currentLang();
  const inbox = useGet<{ items: CaseSummary[]; total: number }>('/api/cases?view=inbox&pageSize=100', {
    keep: true,
  });
  // The list follows every action and report the moment the queue delivers it; until then a case
  // with an action waiting says so instead of its old state.
  useReloadOnSent('action', inbox.reload);
  useReloadOnSent('case', inbox.reload);
  const work = useGet<{ items: WorkTask[] }>('/api/duty/tasks?mine=true&state=open', { keep: true });
  useReloadOnSent('task', work.reload);
  const queue = useQueue();
  const pending = new Map<string, string>();
  const ticked = new Set<string>();
  for (const item of queue) {
    if (item.kind === 'action') pending.set(item.payload.caseId, item.payload.action);
    if (item.kind === 'task') ticked.add(item.payload.taskId);
  }
  const workTasks = work.data?.items ?? [];
  return (
    <div data-testid="tasks">
      <div className="m-title">
        {t('tasks')} <span className="m-muted">{inbox.data?.total ?? ''}</span>
      </div>
      <PullToRefresh
        onRefresh={async () => {
          inbox.reload();
          work.reload();
        }}
      >
        {workTasks.length > 0 && (
          <List header={t('workTasks')} data-testid="work-tasks">
            {workTasks.map((w) => (
              <List.Item
                key={w.id}
                data-testid="work-task"
                description={[
                  label('taskKind', w.kind, lang),
                  w.target?.code ?? w.target?.name,
                  w.instructions,
                ]
                  .filter(Boolean)
                  .join(' · ')}
                extra={
                  ticked.has(w.id) ? (
                    <Tag color="warning" data-testid="work-task-pending">
                      {t('tickOff')} · {t('pending')}
                    </Tag>
                  ) : w.actions.includes('complete') ? (
                    <Button
                      size="small"
                      color="primary"
                      data-testid="work-task-done"
                      onClick={() =>
                        void enqueue({
                          kind: 'task',
                          payload: { taskId: w.id, title: w.title, version: w.version },
                        })
                      }
                    >
                      {t('tickOff')}
                    </Button>
                  ) : null
                }
              >
                {w.title}
              </List.Item>
            ))}
          </List>
        )}
        {inbox.data && inbox.data.items.length === 0 && (
          <ErrorBlock status="empty" title={t('noTasks')} description="" />
        )}
        <List>
          {(inbox.data?.items ?? []).map((c) => (
            <List.Item
              key={c.id}
              onClick={() => navigate(`/tasks/${c.id}`)}
              description={`${c.code} · ${hhmm(c.reportedAt)}${c.address ? ` · ${c.address}` : ''}`}
              data-testid="task-item"
              extra={
                pending.has(c.id) ? (
                  <Tag color="warning" data-testid="task-pending">
                    {label('caseAction', pending.get(c.id), lang)} · {t('pending')}
                  </Tag>
                ) : (
                  <Tag color={(c.light && LIGHT[c.light]) || 'default'} data-testid="task-state">
                    {label('caseState', c.state, lang)}
                  </Tag>
                )
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
