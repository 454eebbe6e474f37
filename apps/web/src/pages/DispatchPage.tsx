import { SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { caseKeys, performCaseAction, useCase, useCases, useCaseTargets } from '../api/cases';
import { api } from '../api/client';
import type { NearestWorker } from '../api/generated';
import type { Id } from '../api/types';
import { DutyBoard } from '../components/duty/DutyBoard';
import { useShowError } from '../components/useShowError';
import { useI18n } from '../i18n/useI18n';
import { useLabel } from '../i18n/useLabel';

/** 调度台: the cases waiting for dispatch, and for one of them the nearest workers out now. */
export default function DispatchPage() {
  const { t } = useI18n();
  const labelOf = useLabel();
  const [params, setParams] = useSearchParams();
  const selected = params.get('case');
  const queue = useCases({ view: 'inbox', state: 'filed', page: 1, pageSize: 50 });

  return (
    <>
      <div className="dispatch-page" data-testid="dispatch-page">
        <Card
          size="small"
          title={t('dispatch.queue', { count: queue.data?.total ?? 0 })}
          className="dispatch-queue"
          data-testid="dispatch-queue"
        >
          <List
            size="small"
            loading={queue.isLoading}
            dataSource={queue.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('dispatch.queueEmpty')} /> }}
            renderItem={(c) => (
              <List.Item
                className={c.id === selected ? 'dispatch-item dispatch-item-active' : 'dispatch-item'}
                onClick={() => setParams({ case: c.id }, { replace: true })}
                data-testid="dispatch-item"
              >
                <List.Item.Meta
                  title={
                    <Space>
                      <Typography.Text strong>{c.code}</Typography.Text>
                      <Tag color={c.light === 'red' ? 'red' : c.light === 'yellow' ? 'gold' : 'green'}>
                        {labelOf('light', c.light)}
                      </Tag>
                    </Space>
                  }
                  description={`${labelOf('caseSource', c.source)} · ${c.grid.name} · ${c.address ?? ''}`}
                />
              </List.Item>
            )}
          />
        </Card>
        {selected ? (
          <Nearest caseId={selected} />
        ) : (
          <Alert type="info" showIcon message={t('dispatch.pick')} className="dispatch-side" />
        )}
      </div>
      <DutyBoard />
    </>
  );
}

function Nearest({ caseId }: { caseId: Id }) {
  const { t, number, dateTime } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const detail = useCase(caseId);
  const targets = useCaseTargets(caseId, true);
  const near = useQuery({
    queryKey: ['cases', 'nearest', caseId],
    queryFn: () =>
      api.get<{ items: NearestWorker[] }>(`/api/cases/${caseId}/nearest-workers`, { freshMinutes: 30 }),
    refetchInterval: 30_000,
  });
  const units = new Map((targets.data?.units ?? []).map((u) => [u.id, u]));
  const dispatch = useMutation({
    mutationFn: (worker: NearestWorker) =>
      performCaseAction(caseId, 'dispatch', {
        version: detail.data!.version,
        target: { type: 'unit', id: worker.gridId! },
        note: t('dispatch.note', { name: worker.displayName }),
      }),
    onSuccess: () => {
      message.success(t('dispatch.done'));
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
    },
    onError: (error) => showError(error),
  });

  return (
    <Card
      size="small"
      className="dispatch-side"
      data-testid="dispatch-nearest"
      title={detail.data ? `${detail.data.code} · ${detail.data.title}` : caseId}
    >
      <Typography.Paragraph type="secondary">{t('dispatch.nearestHint')}</Typography.Paragraph>
      <List
        size="small"
        loading={near.isLoading}
        dataSource={near.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('dispatch.nobody')} /> }}
        renderItem={(w) => {
          const unit = w.gridId ? units.get(w.gridId) : undefined;
          return (
            <List.Item
              data-testid="dispatch-worker"
              actions={[
                <Button
                  key="send"
                  size="small"
                  type="primary"
                  icon={<SendOutlined />}
                  disabled={!unit || !detail.data?.actions.includes('dispatch')}
                  loading={dispatch.isPending && dispatch.variables?.userId === w.userId}
                  onClick={() => dispatch.mutate(w)}
                >
                  {unit ? t('dispatch.toGrid', { grid: unit.name }) : t('dispatch.outside')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={`${w.displayName} (${w.username})`}
                description={t('dispatch.workerLine', {
                  distance: number(w.distanceM),
                  at: dateTime(w.lastFixAt),
                  open: w.openCases,
                  tasks: w.openTasks,
                })}
              />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
