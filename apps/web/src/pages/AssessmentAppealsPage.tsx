import { useQueryClient } from '@tanstack/react-query';
import { APPEAL_WORKFLOW, type AppealAction, label } from '@wangge/rules';
import { Card, Descriptions, Drawer, Image, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type Appeal, actOnAppeal, appealKeys, useAppeal, useAppeals } from '../api/appeals';
import { WorkflowActions } from '../components/WorkflowActions';
import { useI18n } from '../i18n/useI18n';

export const APPEAL_STATE_COLOR: Record<string, string> = {
  submitted: 'orange',
  upheld: 'green',
  overturned: 'red',
};

/** 考核申诉: the appeals of my scope (open ones first), and one appeal with its event, photos and my buttons. */
export default function AssessmentAppealsPage() {
  const { t, lang, dateTime } = useI18n();
  const [state, setState] = useState<string | undefined>('submitted');
  const [period, setPeriod] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const { data, isLoading } = useAppeals({
    state,
    period: /^\d{4}-\d{2}$/.test(period) ? period : undefined,
  });
  return (
    <Card title={t('appeals.title')} data-testid="appeals-page">
      <Space style={{ marginBottom: 16 }} wrap>
        <Select
          style={{ width: 160 }}
          allowClear
          value={state}
          onChange={setState}
          placeholder={t('appeals.state')}
          data-testid="appeals-state"
          options={(['submitted', 'upheld', 'overturned'] as const).map((s) => ({
            value: s,
            label: label('appealState', s, lang),
          }))}
        />
        <Input
          style={{ width: 140 }}
          placeholder={t('appeals.periodPlaceholder')}
          value={period}
          onChange={(e) => setPeriod(e.target.value.trim())}
        />
        <Typography.Text type="secondary">{t('appeals.total', { n: data?.total ?? 0 })}</Typography.Text>
      </Space>
      <Table<Appeal>
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={false}
        onRow={(row) => ({ onClick: () => setOpenId(row.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('appeals.appellant'), render: (_, a) => a.appellant.name },
          { title: t('appeals.unit'), dataIndex: 'unitName' },
          { title: t('appeals.count'), render: (_, a) => label('eventCount', a.countName, lang) },
          {
            title: t('appeals.event'),
            render: (_, a) =>
              `${label('assessmentEventKind', a.event.kind, lang)} ${a.event.code ?? ''} ${a.event.title ?? ''}`,
          },
          { title: t('appeals.period'), dataIndex: 'period' },
          { title: t('appeals.filedAt'), render: (_, a) => dateTime(a.createdAt) },
          {
            title: t('appeals.state'),
            render: (_, a) => (
              <Tag color={APPEAL_STATE_COLOR[a.state]}>{label('appealState', a.state, lang)}</Tag>
            ),
          },
        ]}
      />
      <Drawer
        width={560}
        open={Boolean(openId)}
        onClose={() => setOpenId(null)}
        title={t('appeals.detail')}
        destroyOnHidden
      >
        {openId && <AppealDetail id={openId} />}
      </Drawer>
    </Card>
  );
}

function AppealDetail({ id }: { id: string }) {
  const { t, lang, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const { data: a } = useAppeal(id);
  if (!a) return <Card loading />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="appeal-detail">
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('appeals.state')}>
          <Tag color={APPEAL_STATE_COLOR[a.state]} data-testid="appeal-state">
            {label('appealState', a.state, lang)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('appeals.appellant')}>
          {a.appellant.name}（{a.unitName}）
        </Descriptions.Item>
        <Descriptions.Item label={t('appeals.count')}>
          {label('eventCount', a.countName, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('appeals.event')}>
          {label('assessmentEventKind', a.event.kind, lang)}{' '}
          {a.event.link ? <Link to={a.event.link}>{a.event.code ?? a.event.id}</Link> : a.event.id}{' '}
          {a.event.title}
          {a.event.at && <div>{dateTime(a.event.at)}</div>}
        </Descriptions.Item>
        <Descriptions.Item label={t('appeals.reason')}>{a.reason}</Descriptions.Item>
        <Descriptions.Item label={t('appeals.filedAt')}>{dateTime(a.createdAt)}</Descriptions.Item>
        {a.decision && (
          <Descriptions.Item label={t('appeals.decision')}>
            {a.decision.by.name} · {dateTime(a.decision.at)}
            {a.decision.reason && <div>{a.decision.reason}</div>}
          </Descriptions.Item>
        )}
      </Descriptions>
      {a.photos.length > 0 && (
        <Card size="small" title={t('appeals.photos')}>
          <Image.PreviewGroup>
            <Space wrap>
              {a.photos.map((p) => (
                <Image key={p.attachmentId} width={96} src={p.thumbnailUrl} preview={{ src: p.url }} />
              ))}
            </Space>
          </Image.PreviewGroup>
        </Card>
      )}
      <WorkflowActions<AppealAction>
        actions={a.actions as AppealAction[]}
        labelKind="appealAction"
        needsOf={(action) => APPEAL_WORKFLOW.transitions[action].needs ?? []}
        isDanger={(action) => action === 'overturn'}
        placeholder={t('appeals.reasonPlaceholder')}
        testId="appeal"
        act={async (action, text) => {
          const updated = await actOnAppeal(a, action, text);
          queryClient.setQueryData(appealKeys.detail(a.id), updated);
          await queryClient.invalidateQueries({ queryKey: ['appeals', 'list'] });
        }}
      />
    </Space>
  );
}
