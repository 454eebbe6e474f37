import { VideoCameraOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, List, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { linkCaseCamera, useCameras, useCaseCameras } from '../../api/cameras';
import { useI18n } from '../../i18n/useI18n';
import { useShowError } from '../useShowError';
import { CameraDrawer } from './CameraDrawer';

/** 关联摄像头: the cameras that saw a case, each playable, and linking one more. */
export function CaseCameras({ caseId }: { caseId: string }) {
  const { t, pick, dateTime } = useI18n();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const linked = useCaseCameras(caseId);
  const cameras = useCameras();
  const [choice, setChoice] = useState<string | undefined>();
  const [open, setOpen] = useState<string | null>(null);
  const link = useMutation({
    mutationFn: (deviceId: string) => linkCaseCamera(caseId, deviceId),
    onSuccess: (data) => {
      queryClient.setQueryData(['case-cameras', caseId], data);
      setChoice(undefined);
    },
    onError: (err) => showError(err),
  });
  const items = linked.data?.items ?? [];
  const taken = new Set(items.map((c) => c.id));
  return (
    <Card size="small" title={t('camera.linked')} className="stack-card" data-testid="case-cameras">
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: t('camera.none') }}
        renderItem={(c) => (
          <List.Item
            actions={[
              <Button key="play" size="small" icon={<VideoCameraOutlined />} onClick={() => setOpen(c.id)}>
                {t('camera.play')}
              </Button>,
            ]}
          >
            <Space direction="vertical" size={0}>
              <span data-user-content>
                {c.code} · {c.name}
              </span>
              <Typography.Text type="secondary">
                {pick(c.statusName.zh, c.statusName.en)} · {c.linkedBy} · {dateTime(c.linkedAt)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {linked.data?.canLink && cameras.data && (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Select
            showSearch
            optionFilterProp="label"
            style={{ flex: 1 }}
            placeholder={t('camera.pick')}
            value={choice}
            onChange={setChoice}
            data-testid="case-camera-pick"
            options={cameras.data.items
              .filter((c) => !taken.has(c.id))
              .map((c) => ({ value: c.id, label: `${c.code} · ${c.name}` }))}
          />
          <Button
            type="primary"
            disabled={!choice}
            loading={link.isPending}
            onClick={() => choice && link.mutate(choice)}
          >
            {t('camera.link')}
          </Button>
        </Space.Compact>
      )}
      <CameraDrawer cameraId={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
