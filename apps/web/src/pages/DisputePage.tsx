import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { DISPUTE_WORKFLOW, type DisputeAction, label } from '@wangge/rules';
import { Alert, Card, Col, Descriptions, Image, List, Row, Space, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { actOnDispute, disputeKeys, useDispute } from '../api/disputes';
import { notificationKeys } from '../api/notifications';
import { WorkflowActions } from '../components/WorkflowActions';
import { useI18n } from '../i18n/useI18n';
import { DISPUTE_STATE_COLOR, RISK_COLOR } from './DisputesPage';

/** One mediation record: parties, mediators, the agreement, follow-ups, history and the caller's buttons. */
export default function DisputePage() {
  const { caseId = '' } = useParams();
  const { t, lang, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const { data: d, error } = useDispute(caseId);
  if (error) return <Typography.Text type="danger">{error.message}</Typography.Text>;
  if (!d) return <Card loading />;
  return (
    <Row gutter={[16, 16]} data-testid="dispute">
      <Col xs={24} xl={15}>
        <Card
          title={
            <Space>
              <Link to="/disputes" aria-label={t('common.back')}>
                <ArrowLeftOutlined />
              </Link>
              <span>{d.caseCode}</span>
              <Tag color={DISPUTE_STATE_COLOR[d.state]} data-testid="dispute-state">
                {label('disputeState', d.state, lang)}
              </Tag>
              <Tag color={RISK_COLOR[d.riskLevel]}>{label('disputeRisk', d.riskLevel, lang)}</Tag>
            </Space>
          }
          extra={<Link to={`/cases/${d.caseId}`}>{t('dispute.openCase')}</Link>}
        >
          {d.escalatedAt && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              message={t('dispute.escalatedAt', { at: dateTime(d.escalatedAt) })}
              data-testid="dispute-escalated"
            />
          )}
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('dispute.summary')} span={2}>
              <span data-user-content>{d.summary}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('errand.grid')}>{d.gridName}</Descriptions.Item>
            <Descriptions.Item label={t('dispute.case')}>
              <span data-user-content>{d.caseTitle}</span>
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col xs={24} md={12}>
            <Card title={t('dispute.parties')} size="small">
              <List
                dataSource={d.parties}
                renderItem={(p) => (
                  <List.Item>
                    <Space>
                      <Tag>{label('partyRole', p.role, lang)}</Tag>
                      <span data-user-content>{p.name}</span>
                      {p.note && <span className="muted">{p.note}</span>}
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card title={t('dispute.mediators')} size="small">
              <List
                dataSource={d.mediators}
                data-testid="dispute-mediators"
                renderItem={(m) => (
                  <List.Item>
                    <Space>
                      <Tag color="blue">{label('mediatorKind', m.kind, lang)}</Tag>
                      <span>{m.name}</span>
                      {m.organisation && <span className="muted">{m.organisation}</span>}
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        </Row>
        {(d.agreement || d.followUps.length > 0) && (
          <Card title={t('dispute.agreement')} size="small" style={{ marginTop: 16 }}>
            <Space align="start" size="large" wrap>
              {d.agreement && (
                <Image width={140} src={d.agreement.thumbnailUrl} preview={{ src: d.agreement.url }} />
              )}
              <List
                header={t('dispute.followUps')}
                dataSource={d.followUps}
                data-testid="dispute-follow-ups"
                renderItem={(f, i) => (
                  <List.Item>
                    <Space>
                      <span>{t('dispute.visit', { n: i + 1 })}</span>
                      <span>{f.dueDate}</span>
                      <Tag color={f.done ? 'success' : 'default'}>
                        {f.done ? t('dispute.visitDone') : t('dispute.visitDue')}
                      </Tag>
                    </Space>
                  </List.Item>
                )}
              />
            </Space>
          </Card>
        )}
      </Col>
      <Col xs={24} xl={9}>
        <WorkflowActions<DisputeAction>
          actions={d.actions}
          labelKind="disputeAction"
          needsOf={(action) => DISPUTE_WORKFLOW.transitions[action].needs ?? []}
          isDanger={(action) => action === 'recordFailure' || action === 'flagEscalation'}
          placeholder={t('dispute.notePlaceholder')}
          testId="dispute"
          act={async (action, text) => {
            try {
              const updated = await actOnDispute(d, action, text);
              queryClient.setQueryData(disputeKeys.detail(d.caseId), updated);
              queryClient.invalidateQueries({ queryKey: disputeKeys.all });
              queryClient.invalidateQueries({ queryKey: notificationKeys.all });
            } catch (error) {
              queryClient.invalidateQueries({ queryKey: disputeKeys.detail(d.caseId) });
              throw error;
            }
          }}
        />
        <Card title={t('errand.steps')} style={{ marginTop: 16 }}>
          <Timeline
            items={d.steps.map((s) => ({
              color: s.action === 'flagEscalation' ? 'red' : undefined,
              children: (
                <div data-testid={`dispute-step-${s.action}`}>
                  <b>
                    {s.action === 'register'
                      ? t('dispute.registered')
                      : label('disputeAction', s.action, lang)}
                  </b>{' '}
                  · {s.actorName}
                  <div className="muted">{dateTime(s.at)}</div>
                  {(s.reason || s.note) && <div data-user-content>{s.reason ?? s.note}</div>}
                </div>
              ),
            }))}
          />
        </Card>
      </Col>
    </Row>
  );
}
