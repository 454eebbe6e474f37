import { label } from '@wangge/rules';
import { Drawer, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { type DeviceAlarm, useDevice } from '../../api/devices';
import { useI18n } from '../../i18n/useI18n';
import { CameraPlayer } from './CameraPlayer';

/** A camera opened from a map: its live stream and its recent alarms with the cases they raised. */
export function CameraDrawer({ cameraId, onClose }: { cameraId: string | null; onClose: () => void }) {
  const { t, lang, dateTime } = useI18n();
  const device = useDevice(cameraId);
  const d = device.data;
  return (
    <Drawer
      open={cameraId !== null}
      width={480}
      title={d ? `${d.code} · ${d.name}` : t('camera.live')}
      onClose={onClose}
      destroyOnHidden
      data-testid="camera-drawer"
    >
      {d && (
        <>
          <Typography.Paragraph type="secondary">
            {d.grid.name} · {label('deviceStatus', d.status, lang)}
            {d.address ? ` · ${d.address}` : ''}
          </Typography.Paragraph>
          <CameraPlayer url={d.streamUrl} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('device.alarms')}
          </Typography.Title>
          <Table<DeviceAlarm>
            rowKey="id"
            size="small"
            data-testid="camera-alarms"
            pagination={false}
            dataSource={d.alarms.slice(0, 10)}
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
              {
                title: t('device.case'),
                render: (_, a) => (a.case ? <Link to={`/cases/${a.case.id}`}>{a.case.code}</Link> : '—'),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
