import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ERRAND_TRANSITIONS, type ErrandAction, isErrandAction, label } from '@wangge/rules';
import { Card, Col, Descriptions, Image, Row, Space, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { actOnErrand, type ErrandDetail, errandKeys, useErrand } from '../api/errands';
import { notificationKeys } from '../api/notifications';
import { WorkflowActions } from '../components/WorkflowActions';
import { useI18n } from '../i18n/useI18n';
import { ERRAND_STATE_COLOR } from './ErrandsPage';

type Option = { key: string; labelZh: string; labelEn?: string };

/** One errand: what the worker collected, its document photos and history, and the caller's buttons. */
export default function ErrandPage() {
  const { id = '' } = useParams();
  const { t, lang, dateTime } = useI18n();
  const { data: e, error } = useErrand(id);
  if (error) return <Typography.Text type="danger">{error.message}</Typography.Text>;
  if (!e) return <Card loading />;
  const bilingual = (zh: string, en?: string | null) => (lang === 'en' && en ? en : zh);
  const shown = (value: unknown, options?: Option[]) => {
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    const option = options?.find((o) => o.key === value);
    return option ? bilingual(option.labelZh, option.labelEn) : String(value ?? '—');
  };
  return (
    <Row gutter={[16, 16]} data-testid="errand">
      <Col xs={24} xl={15}>
        <Card
          title={
            <Space>
              <Link to="/errands" aria-label={t('common.back')}>
                <ArrowLeftOutlined />
              </Link>
              <span>
                {bilingual(e.type.nameZh, e.type.nameEn)} · <span data-user-content>{e.person.name}</span>
              </span>
              <Tag color={ERRAND_STATE_COLOR[e.state]} data-testid="errand-state">
                {label('errandState', e.state, lang)}
              </Tag>
              {e.overdue && <Tag color="error">{t('errand.overdue')}</Tag>}
            </Space>
          }
        >
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('common.code')}>{e.code}</Descriptions.Item>
            <Descriptions.Item label={t('errand.person')}>
              <span data-user-content>
                {e.person.name} {e.person.idNumber}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('errand.grid')}>{e.grid.name}</Descriptions.Item>
            <Descriptions.Item label={t('errand.startedBy')}>{e.startedBy.name}</Descriptions.Item>
            <Descriptions.Item label={t('errand.department')}>{e.department?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('errand.due')}>
              {e.dueAt ? dateTime(e.dueAt) : '—'} · {t('errand.elapsed', { n: e.elapsed.days })}
            </Descriptions.Item>
            {e.fieldSpec.map((f) => (
              <Descriptions.Item key={f.key} label={bilingual(f.labelZh, f.labelEn)}>
                <span data-testid={`errand-field-${f.key}`}>
                  {shown(e.fields[f.key], f.options as Option[] | undefined)}
                </span>
              </Descriptions.Item>
            ))}
            {e.note && <Descriptions.Item label={t('errand.note')}>{e.note}</Descriptions.Item>}
            {e.completionNote && (
              <Descriptions.Item label={t('errand.completionNote')}>{e.completionNote}</Descriptions.Item>
            )}
          </Descriptions>
        </Card>
        <Card title={t('errand.documents')} style={{ marginTop: 16 }}>
          <Image.PreviewGroup>
            <Space wrap size={16} align="start">
              {e.requiredDocuments.map((d) => (
                <div key={d.key} data-testid={`errand-doc-${d.key}`}>
                  <div>
                    {bilingual(d.labelZh, d.labelEn)}{' '}
                    {!d.present && <Tag color="warning">{t('errand.missing')}</Tag>}
                  </div>
                  {d.file && <Image width={120} src={d.file.thumbnailUrl} preview={{ src: d.file.url }} />}
                </div>
              ))}
            </Space>
          </Image.PreviewGroup>
        </Card>
      </Col>
      <Col xs={24} xl={9}>
        <ErrandActions errand={e} />
        <Card title={t('errand.steps')} style={{ marginTop: 16 }}>
          <Timeline
            items={e.steps.map((s) => ({
              children: (
                <div data-testid={`errand-step-${s.action}`}>
                  <b>{label('errandStep', s.action, lang)}</b> · {s.actorName} ·{' '}
                  {label('errandRelation', s.actorRole, lang)}
                  <div className="muted">{dateTime(s.at)}</div>
                  {(s.reason || s.note) && <div data-user-content>{s.reason ?? s.note}</div>}
                  {s.photo && (
                    <Image
                      data-testid="errand-handover"
                      width={120}
                      src={s.photo.thumbnailUrl}
                      preview={{ src: s.photo.url }}
                      alt={t('errand.handoverPhoto')}
                    />
                  )}
                </div>
              ),
            }))}
          />
        </Card>
      </Col>
    </Row>
  );
}

/** The actions the server lists for the caller; a return needs a reason, a delivery a note. */
function ErrandActions({ errand }: { errand: ErrandDetail }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const actions = errand.actions.filter(isErrandAction).filter((a) => a !== 'attachDocument');
  return (
    <WorkflowActions<ErrandAction>
      actions={actions}
      labelKind="errandAction"
      needsOf={(action) => ERRAND_TRANSITIONS[action].needs ?? []}
      isDanger={(action) => action.endsWith('Return') || action === 'cancel'}
      placeholder={t('errand.notePlaceholder')}
      testId="errand"
      act={async (action, text) => {
        try {
          const updated = await actOnErrand(errand, action, text);
          queryClient.setQueryData(errandKeys.detail(errand.id), updated);
          queryClient.invalidateQueries({ queryKey: errandKeys.all });
          queryClient.invalidateQueries({ queryKey: notificationKeys.all });
        } catch (error) {
          queryClient.invalidateQueries({ queryKey: errandKeys.detail(errand.id) });
          throw error;
        }
      }}
    />
  );
}
