import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DEVICE_STATUSES, DEVICE_TYPES, type DeviceType, label } from '@wangge/rules';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  createDevice,
  type DeviceAlarm,
  type DeviceFilter,
  type DeviceItem,
  deviceKeys,
  type NewDevice,
  useDevice,
  useDevices,
} from '../api/devices';
import { useShowError } from '../components/useShowError';
import { useI18n } from '../i18n/useI18n';

const STATUS_COLOR: Record<string, string> = {
  online: 'green',
  alarm: 'red',
  offline: 'default',
  disabled: 'default',
};

/** 物联设备: the device register of the caller's scope, each device's alarms and the cases they raised. */
export default function DevicesPage() {
  const { t, lang, dateTime } = useI18n();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<DeviceFilter>({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [token, setToken] = useState<{ code: string; token: string } | null>(null);
  const [form] = Form.useForm<NewDevice>();
  const { data, isFetching, error, refetch } = useDevices(filter);
  const detail = useDevice(open);
  const update = (patch: Partial<DeviceFilter>) => setFilter({ ...filter, page: 1, ...patch });
  const create = useMutation({
    mutationFn: createDevice,
    onSuccess: (device) => {
      setCreating(false);
      setToken({ code: device.code, token: device.token });
      form.resetFields();
      queryClient.invalidateQueries({ queryKey: deviceKeys.all });
    },
    onError: (err) => showError(err, form),
  });

  return (
    <Card
      title={t('device.title')}
      extra={
        <Space>
          {data?.canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('device.register')}
            </Button>
          )}
          <Button icon={<ReloadOutlined />} onClick={() => refetch()} loading={isFetching}>
            {t('common.refresh')}
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          style={{ width: 220 }}
          placeholder={t('device.searchPlaceholder')}
          onSearch={(q) => update({ q: q.trim() || undefined })}
        />
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('device.type')}
          value={filter.type}
          onChange={(type) => update({ type })}
          options={DEVICE_TYPES.map((v) => ({ value: v, label: label('deviceType', v, lang) }))}
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('common.status')}
          value={filter.status}
          onChange={(status) => update({ status })}
          options={DEVICE_STATUSES.map((v) => ({ value: v, label: label('deviceStatus', v, lang) }))}
        />
      </Space>
      {error && <Typography.Text type="danger">{error.message}</Typography.Text>}
      <Table<DeviceItem>
        rowKey="id"
        data-testid="device-table"
        loading={isFetching}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('device.empty') }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setFilter({ ...filter, page, pageSize }),
        }}
        columns={[
          {
            title: t('device.code'),
            render: (_, d) => (
              <Button type="link" size="small" onClick={() => setOpen(d.id)}>
                {d.code}
              </Button>
            ),
          },
          { title: t('common.name'), render: (_, d) => <span data-user-content>{d.name}</span> },
          { title: t('device.type'), render: (_, d) => label('deviceType', d.type, lang) },
          { title: t('device.grid'), render: (_, d) => d.grid.name },
          { title: t('device.owner'), render: (_, d) => <span data-user-content>{d.ownerUnit}</span> },
          {
            title: t('common.status'),
            render: (_, d) => (
              <Tag color={STATUS_COLOR[d.status]}>{label('deviceStatus', d.status, lang)}</Tag>
            ),
          },
          { title: t('device.lastSeen'), render: (_, d) => dateTime(d.lastSeenAt) },
          {
            title: t('device.openCase'),
            render: (_, d) =>
              d.openCaseId ? <Link to={`/cases/${d.openCaseId}`}>{t('device.viewCase')}</Link> : '—',
          },
        ]}
      />
      <Drawer
        open={open !== null}
        width={560}
        title={detail.data ? `${detail.data.code} · ${detail.data.name}` : t('device.title')}
        onClose={() => setOpen(null)}
      >
        {detail.data && (
          <>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('device.type')}>
                {label('deviceType', detail.data.type, lang)}
              </Descriptions.Item>
              <Descriptions.Item label={t('common.status')}>
                {label('deviceStatus', detail.data.status, lang)}
              </Descriptions.Item>
              <Descriptions.Item label={t('device.grid')}>{detail.data.grid.name}</Descriptions.Item>
              <Descriptions.Item label={t('device.address')}>{detail.data.address || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('device.owner')}>{detail.data.ownerUnit || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('device.lastHeartbeat')}>
                {detail.data.lastHeartbeatAt ? dateTime(detail.data.lastHeartbeatAt) : '—'}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('device.alarms')}
            </Typography.Title>
            <Table<DeviceAlarm>
              rowKey="id"
              data-testid="device-alarms"
              size="small"
              pagination={false}
              dataSource={detail.data.alarms}
              locale={{ emptyText: t('device.noAlarms') }}
              columns={[
                { title: t('device.receivedAt'), render: (_, a) => dateTime(a.receivedAt) },
                {
                  title: t('device.kind'),
                  render: (_, a) => (
                    <Tag color={a.kind === 'alarm' ? 'red' : 'green'}>
                      {label('deviceMessage', a.kind, lang)}
                    </Tag>
                  ),
                },
                { title: t('device.value'), render: (_, a) => a.value ?? '—' },
                { title: t('device.channel'), render: (_, a) => label('deviceChannel', a.channel, lang) },
                {
                  title: t('device.case'),
                  render: (_, a) => (a.case ? <Link to={`/cases/${a.case.id}`}>{a.case.code}</Link> : '—'),
                },
              ]}
            />
          </>
        )}
      </Drawer>
      <Modal
        open={creating}
        title={t('device.register')}
        okText={t('common.create')}
        okButtonProps={{ loading: create.isPending }}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
      >
        <Form form={form} layout="vertical" onFinish={(values) => create.mutate(values)}>
          <Form.Item
            name="code"
            label={t('device.code')}
            rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{1,64}$/ }]}
          >
            <Input placeholder="SMK-0101" />
          </Form.Item>
          <Form.Item name="name" label={t('common.name')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="type" label={t('device.type')} rules={[{ required: true }]}>
            <Select<DeviceType>
              options={DEVICE_TYPES.map((v) => ({ value: v, label: label('deviceType', v, lang) }))}
            />
          </Form.Item>
          <Space>
            <Form.Item name="lon" label={t('device.lon')} rules={[{ required: true }]}>
              <InputNumber min={-180} max={180} step={0.0001} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="lat" label={t('device.lat')} rules={[{ required: true }]}>
              <InputNumber min={-90} max={90} step={0.0001} style={{ width: 180 }} />
            </Form.Item>
          </Space>
          <Form.Item name="address" label={t('device.address')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="ownerUnit" label={t('device.owner')}>
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={token !== null}
        title={t('device.tokenTitle')}
        footer={null}
        onCancel={() => setToken(null)}
      >
        <Alert type="warning" showIcon message={t('device.tokenOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable code>
          {token?.token}
        </Typography.Paragraph>
        <Typography.Text type="secondary">
          MQTT: wangge/devices/{token?.code}/alarm · HTTP: POST /api/devices/{token?.code}/alarms
          (x-device-token)
        </Typography.Text>
      </Modal>
    </Card>
  );
}
