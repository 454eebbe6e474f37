import { ReloadOutlined, SoundOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ALERT_KINDS, ALERT_STATES, type AlertAction, label } from '@wangge/rules';
import { App, Button, Card, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type AlertFilter, type AlertItem, actOnAlert, alertKeys, useAlerts } from '../api/alerts';
import { useAlertSound } from '../components/alerts/AlertSound';
import { useI18n } from '../i18n/useI18n';

const STATE_COLOR: Record<string, string> = {
  raised: 'error',
  acknowledged: 'processing',
  closed: 'default',
};
const KIND_COLOR: Record<string, string> = {
  sos: 'red',
  no_fix: 'volcano',
  outside_grid: 'orange',
  case_red: 'magenta',
  device_offline: 'purple',
};

/** 告警列表: the alerts of the caller's scope, open first; acknowledge with a note, close. */
export default function AlertsPage() {
  const { t, lang, dateTime } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<AlertFilter>({ page: 1, pageSize: 20 });
  const [sound, setSound] = useState(true);
  const [acking, setAcking] = useState<AlertItem | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const { data, isFetching, error, refetch } = useAlerts(filter);
  useAlertSound({ sound });
  const update = (patch: Partial<AlertFilter>) => setFilter({ ...filter, page: 1, ...patch });

  async function act(alert: AlertItem, action: AlertAction, text?: string) {
    setBusy(true);
    try {
      await actOnAlert(alert, action, text);
      message.success(t('alert.done'));
      setAcking(null);
      setNote('');
      await queryClient.invalidateQueries({ queryKey: alertKeys.all });
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      title={t('alert.title')}
      extra={
        <Space>
          <SoundOutlined />
          <Switch checked={sound} onChange={setSound} aria-label={t('alert.sound')} />
          <Button icon={<ReloadOutlined />} onClick={() => refetch()} loading={isFetching}>
            {t('common.refresh')}
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('common.status')}
          value={filter.state}
          onChange={(state) => update({ state })}
          options={ALERT_STATES.map((s) => ({ value: s, label: label('alertState', s, lang) }))}
          data-testid="alert-state-filter"
        />
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('alert.kind')}
          value={filter.kind}
          onChange={(kind) => update({ kind })}
          options={ALERT_KINDS.map((k) => ({ value: k, label: label('alertKind', k, lang) }))}
        />
      </Space>
      {error && <Typography.Text type="danger">{error.message}</Typography.Text>}
      <Table<AlertItem>
        rowKey="id"
        data-testid="alert-table"
        loading={isFetching}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('alert.empty') }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setFilter({ ...filter, page, pageSize }),
        }}
        columns={[
          {
            title: t('alert.kind'),
            render: (_, a) => <Tag color={KIND_COLOR[a.kind]}>{label('alertKind', a.kind, lang)}</Tag>,
          },
          {
            title: t('alert.subject'),
            render: (_, a) =>
              a.subject.type === 'case' ? (
                <Link to={`/cases/${a.subject.id}`} data-user-content>
                  {a.summary}
                </Link>
              ) : (
                <span data-user-content>{a.summary}</span>
              ),
          },
          { title: t('alert.unit'), render: (_, a) => <span data-user-content>{a.unit.name}</span> },
          { title: t('alert.raisedAt'), render: (_, a) => dateTime(a.raisedAt) },
          {
            title: t('common.status'),
            render: (_, a) => <Tag color={STATE_COLOR[a.state]}>{label('alertState', a.state, lang)}</Tag>,
          },
          {
            title: t('alert.ack'),
            render: (_, a) =>
              a.ack ? (
                <span data-user-content>
                  {a.ack.name}：{a.ack.note}
                </span>
              ) : (
                '—'
              ),
          },
          {
            title: t('common.actions'),
            render: (_, a) => (
              <Space size={4}>
                {a.actions.includes('acknowledge') && (
                  <Button size="small" type="primary" danger={a.kind === 'sos'} onClick={() => setAcking(a)}>
                    {label('alertAction', 'acknowledge', lang)}
                  </Button>
                )}
                {a.actions.includes('close') && (
                  <Button size="small" onClick={() => act(a, 'close')} disabled={busy}>
                    {label('alertAction', 'close', lang)}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={acking !== null}
        title={
          acking
            ? `${label('alertAction', 'acknowledge', lang)} · ${label('alertKind', acking.kind, lang)}`
            : ''
        }
        okText={label('alertAction', 'acknowledge', lang)}
        okButtonProps={{ disabled: note.trim() === '', loading: busy }}
        onOk={() => acking && act(acking, 'acknowledge', note.trim())}
        onCancel={() => setAcking(null)}
      >
        <Input.TextArea
          rows={3}
          maxLength={1000}
          value={note}
          placeholder={t('alert.notePlaceholder')}
          onChange={(e) => setNote(e.target.value)}
          data-testid="alert-note"
        />
      </Modal>
    </Card>
  );
}
