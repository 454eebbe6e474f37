import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { endOtherSessions, endSession, listSessions, sessionsKey } from '../api/auth';
import type { MySession } from '../api/types';
import { useShowError } from '../components/useShowError';
import { useI18n } from '../i18n/useI18n';

/** 我的会话: where I am signed in; any session but this one can be ended here. */
export default function SessionsPage() {
  const { t, dateTime } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: sessionsKey, queryFn: listSessions });
  const refresh = () => queryClient.invalidateQueries({ queryKey: sessionsKey });

  const end = useMutation({
    mutationFn: (id: string) => endSession(id),
    onSuccess: () => {
      message.success(t('session.ended'));
      refresh();
    },
    onError: (error) => showError(error),
  });
  const endOthers = useMutation({
    mutationFn: endOtherSessions,
    onSuccess: () => {
      message.success(t('session.othersEnded'));
      refresh();
    },
    onError: (error) => showError(error),
  });

  const columns: TableColumnsType<MySession> = [
    {
      title: t('session.userAgent'),
      dataIndex: 'userAgent',
      render: (v: string | null, session) => (
        <>
          <Typography.Text ellipsis style={{ maxWidth: 420 }} title={v ?? undefined}>
            {v ?? '—'}
          </Typography.Text>{' '}
          {session.current && <Tag color="green">{t('session.current')}</Tag>}
        </>
      ),
    },
    { title: t('session.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
    { title: t('session.createdAt'), dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
    { title: t('session.lastSeenAt'), dataIndex: 'lastSeenAt', render: (v: string) => dateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, session) =>
        session.current ? null : (
          <Popconfirm title={t('session.endConfirm')} onConfirm={() => end.mutate(session.id)}>
            <Button type="link" danger size="small" data-testid={`session-end-${session.id}`}>
              {t('session.end')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  const others = (sessions.data ?? []).filter((s) => !s.current).length;
  return (
    <Card
      title={t('session.title')}
      extra={
        <Popconfirm title={t('session.endOthersConfirm')} onConfirm={() => endOthers.mutate()}>
          <Button danger disabled={others === 0} data-testid="session-end-others">
            {t('session.endOthers')}
          </Button>
        </Popconfirm>
      }
    >
      <Typography.Paragraph type="secondary">{t('session.intro')}</Typography.Paragraph>
      {sessions.error && <Alert type="error" showIcon title={sessions.error.message} />}
      <Table<MySession>
        data-testid="sessions-table"
        rowKey="id"
        size="middle"
        loading={sessions.isFetching}
        columns={columns}
        dataSource={sessions.data ?? []}
        pagination={false}
      />
    </Card>
  );
}
