import { ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { type CaseState, label, OPEN_STATES } from '@wangge/rules';
import { App, Button, Card, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { hasPermission, useConfig, useMe } from '../api/auth';
import { caseKeys, useCaseCategories } from '../api/cases';
import { type Hotspot, hotspotKeys, instructOnHotspot, useHotspots } from '../api/hotspots';
import { HotspotMap } from '../components/cases/HotspotMap';
import { useI18n } from '../i18n/useI18n';

/** 风险热点: clusters the single cases do not show; a leader turns one into supervised cases (领导批示). */
export default function HotspotsPage() {
  const { t, lang, dateTime } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const { data, isFetching, error, refetch } = useHotspots();
  const categories = useCaseCategories();
  const config = useConfig();
  const [target, setTarget] = useState<Hotspot | null>(null);
  const [instruction, setInstruction] = useState('');
  const [busy, setBusy] = useState(false);
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const major of categories.data ?? [])
      for (const leaf of major.children) map.set(leaf.code, lang === 'zh' ? leaf.nameZh : leaf.nameEn);
    return map;
  }, [categories.data, lang]);
  const mayInstruct = hasPermission(me, 'cases.supervise');

  async function instruct() {
    if (!target) return;
    setBusy(true);
    try {
      const result = await instructOnHotspot(target, instruction.trim());
      message.success(t('hotspot.instructed', { n: result.instructed.length }));
      setTarget(null);
      setInstruction('');
      await queryClient.invalidateQueries({ queryKey: caseKeys.all });
      await queryClient.invalidateQueries({ queryKey: hotspotKeys.all });
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      title={t('hotspot.title')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => refetch()} loading={isFetching}>
          {t('common.refresh')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('hotspot.hint')}</Typography.Paragraph>
      {error && <Typography.Text type="danger">{error.message}</Typography.Text>}
      <div style={{ marginBottom: 16 }}>
        <HotspotMap spots={data?.items ?? []} tileUrl={config.data?.tileUrl ?? null} />
      </div>
      <Table<Hotspot>
        rowKey={(s) => `${s.kind}:${s.key}`}
        data-testid="hotspot-table"
        loading={isFetching}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('hotspot.empty') }}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: t('hotspot.kind'),
            render: (_, s) => (
              <Tag color={s.kind === 'address' ? 'volcano' : 'gold'}>{t(`hotspot.kind.${s.kind}`)}</Tag>
            ),
          },
          {
            title: t('hotspot.what'),
            render: (_, s) =>
              s.kind === 'address' ? (
                <span data-user-content>{s.address}</span>
              ) : (
                (names.get(s.categoryCode ?? '') ?? s.categoryCode)
              ),
          },
          { title: t('hotspot.count'), dataIndex: 'count' },
          { title: t('hotspot.period'), render: (_, s) => `${dateTime(s.from)} – ${dateTime(s.to)}` },
          {
            title: t('hotspot.cases'),
            render: (_, s) => (
              <Space size={4} wrap>
                {s.cases.slice(0, 4).map((c) => (
                  <Link key={c.id} to={`/cases/${c.id}`}>
                    {c.code}
                  </Link>
                ))}
                {s.cases.length > 4 && <span>…</span>}
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            // Only open cases can be supervised: a hotspot of closed cases has nothing to instruct.
            render: (_, s) =>
              mayInstruct &&
              s.cases.some((c) => OPEN_STATES.includes(c.state as CaseState)) && (
                <Button size="small" type="primary" danger onClick={() => setTarget(s)}>
                  {label('caseAction', 'instruct', lang)}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={target !== null}
        title={label('caseAction', 'instruct', lang)}
        okText={label('caseAction', 'instruct', lang)}
        okButtonProps={{ disabled: instruction.trim() === '', loading: busy }}
        onOk={instruct}
        onCancel={() => setTarget(null)}
      >
        <Typography.Paragraph>
          {target && t('hotspot.instructHint', { n: target.count })}
        </Typography.Paragraph>
        <Input.TextArea
          rows={4}
          maxLength={2000}
          value={instruction}
          placeholder={t('hotspot.instructionPlaceholder')}
          onChange={(e) => setInstruction(e.target.value)}
          data-testid="hotspot-instruction"
        />
      </Modal>
    </Card>
  );
}
