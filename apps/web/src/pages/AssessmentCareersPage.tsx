import { useQueryClient } from '@tanstack/react-query';
import {
  label,
  PROMOTION_WORKFLOW,
  type PromotionAction,
  YEAR_RATINGS,
  type YearRating,
} from '@wangge/rules';
import { App, Button, Card, Col, Input, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  actOnPromotion,
  type CareerOverview,
  careerKeys,
  confirmRating,
  type Promotion,
  useCareers,
  useLadder,
  type YearRatingItem,
} from '../api/careers';
import { LadderModal } from '../components/careers/LadderModal';
import { useShowError } from '../components/useShowError';
import { WorkflowActions } from '../components/WorkflowActions';
import { useI18n } from '../i18n/useI18n';

type WorkerRow = CareerOverview['items'][number];
const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? '—' : (fen / 100).toFixed(0);
const RATING_COLOR: Record<YearRating, string> = {
  excellent: 'green',
  qualified: 'blue',
  unqualified: 'red',
};

function RatingTag({ rating }: { rating: YearRating | null }) {
  const { lang } = useI18n();
  return rating ? <Tag color={RATING_COLOR[rating]}>{label('yearRating', rating, lang)}</Tag> : <>—</>;
}

/** One pending rating: the proposal preselected; another choice asks for a reason. */
function ConfirmRating({ item, onDone }: { item: YearRatingItem; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [rating, setRating] = useState<YearRating>(item.proposed ?? 'qualified');
  const [reason, setReason] = useState('');
  const changed = item.proposed !== null && item.proposed !== rating;
  const submit = async () => {
    if (changed && !reason.trim()) {
      message.warning(t('careers.reasonNeeded'));
      return;
    }
    try {
      await confirmRating({
        userId: item.worker.id,
        year: item.year,
        rating,
        reason: reason.trim() || undefined,
      });
      message.success(t('errand.done'));
      onDone();
    } catch (error) {
      showError(error);
    }
  };
  return (
    <Space wrap>
      <Select<YearRating>
        size="small"
        style={{ width: 100 }}
        value={rating}
        onChange={setRating}
        options={YEAR_RATINGS.map((r) => ({ value: r, label: label('yearRating', r, lang) }))}
        data-testid={`rating-select-${item.worker.id}`}
      />
      {changed && (
        <Input
          size="small"
          style={{ width: 200 }}
          placeholder={t('careers.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid={`rating-reason-${item.worker.id}`}
        />
      )}
      <Button size="small" type="primary" onClick={submit} data-testid={`rating-confirm-${item.worker.id}`}>
        {t('careers.confirm')}
      </Button>
    </Space>
  );
}

/** 职业发展: the district's pay ladder, every worker's grade and ratings, what awaits a person. */
export default function AssessmentCareersPage() {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const { data, isLoading } = useCareers();
  const ladder = useLadder();
  const [deciding, setDeciding] = useState<Promotion | null>(null);
  const [editingLadder, setEditingLadder] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: careerKeys.all });
  const current = ladder.data?.current;
  const years = [...new Set((data?.items ?? []).flatMap((w) => w.ratings.map((r) => r.year)))]
    .sort()
    .slice(-5);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="careers-page">
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Card
            title={`${t('careers.ladder')}${ladder.data ? ` · ${ladder.data.unit.name}` : ''}`}
            size="small"
            data-testid="careers-ladder"
            extra={
              <Space size="small">
                {current ? `${t('careers.effectiveFrom')} ${current.effectiveFrom}` : null}
                {ladder.data?.mayManage && (
                  <Button size="small" onClick={() => setEditingLadder(true)} data-testid="ladder-edit">
                    {t('careers.editLadder')}
                  </Button>
                )}
              </Space>
            }
          >
            <Table
              size="small"
              pagination={false}
              rowKey="grade"
              dataSource={(current?.payFen ?? []).map((fen, i) => ({
                grade: i + 1,
                fen,
                workers: (data?.items ?? []).filter((w) => w.grade === i + 1).length,
              }))}
              columns={[
                {
                  title: t('careers.grade'),
                  dataIndex: 'grade',
                  render: (g: number) => t('careers.gradeN', { n: g }),
                },
                {
                  title: t('careers.monthlyPay'),
                  dataIndex: 'fen',
                  align: 'right',
                  render: (f: number) => yuan(f),
                },
                { title: t('careers.headcount'), dataIndex: 'workers', align: 'right' },
              ]}
            />
            {ladder.data && ladder.data.items.length > 1 && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                {t('careers.history')}：
                {ladder.data.items
                  .map((l) => `${l.effectiveFrom} ${yuan(l.payFen[0])}–${yuan(l.payFen[11])}（${l.note}）`)
                  .join('；')}
              </Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card
            title={`${t('careers.pendingPromotions')} (${data?.pendingPromotions.length ?? 0})`}
            size="small"
            data-testid="careers-promotions"
            style={{ marginBottom: 16 }}
          >
            <Table<Promotion>
              size="small"
              rowKey="id"
              loading={isLoading}
              dataSource={data?.pendingPromotions ?? []}
              pagination={{ pageSize: 5 }}
              columns={[
                { title: t('careers.worker'), render: (_, p) => p.worker.name },
                {
                  title: t('careers.promotion'),
                  render: (_, p) =>
                    `${t('careers.gradeN', { n: p.fromGrade })} → ${t('careers.gradeN', { n: p.toGrade })}`,
                },
                { title: t('careers.basis'), render: (_, p) => label('promotionBasis', p.basis, lang) },
                { title: t('careers.years'), render: (_, p) => p.years.join('、') },
                {
                  title: '',
                  render: (_, p) =>
                    p.actions.length > 0 ? (
                      <Button
                        size="small"
                        onClick={() => setDeciding(p)}
                        data-testid={`promotion-decide-${p.id}`}
                      >
                        {t('careers.decide')}
                      </Button>
                    ) : null,
                },
              ]}
            />
          </Card>
          <Card
            title={`${t('careers.pendingRatings')} · ${data?.ratingYear ?? ''} (${data?.pendingRatings.length ?? 0})`}
            size="small"
            data-testid="careers-ratings"
          >
            <Table<YearRatingItem>
              size="small"
              rowKey={(r) => `${r.worker.id}-${r.year}`}
              loading={isLoading}
              dataSource={data?.pendingRatings ?? []}
              pagination={{ pageSize: 5 }}
              columns={[
                { title: t('careers.worker'), render: (_, r) => r.worker.name },
                { title: t('careers.grid'), render: (_, r) => r.worker.unitName },
                { title: t('careers.year'), dataIndex: 'year' },
                { title: t('careers.meanScore'), align: 'right', render: (_, r) => r.meanScore ?? '—' },
                { title: t('careers.proposed'), render: (_, r) => <RatingTag rating={r.proposed} /> },
                {
                  title: t('careers.rating'),
                  render: (_, r) => (data?.mayManage ? <ConfirmRating item={r} onDone={refresh} /> : null),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card title={t('careers.workers')} size="small" data-testid="careers-workers">
        <Table<WorkerRow>
          size="small"
          rowKey={(w) => w.worker.id}
          loading={isLoading}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('careers.worker'), render: (_, w) => w.worker.name },
            { title: t('careers.grid'), render: (_, w) => w.worker.unitName },
            {
              title: t('careers.grade'),
              sorter: (a, b) => (a.grade ?? 0) - (b.grade ?? 0),
              render: (_, w) => (w.grade ? t('careers.gradeN', { n: w.grade }) : '—'),
            },
            { title: t('careers.monthlyPay'), align: 'right', render: (_, w) => yuan(w.payFen) },
            { title: t('careers.since'), render: (_, w) => w.since ?? '—' },
            ...years.map((year) => ({
              title: String(year),
              render: (_: unknown, w: WorkerRow) => (
                <RatingTag
                  rating={(w.ratings.find((r) => r.year === year)?.rating as YearRating | undefined) ?? null}
                />
              ),
            })),
            {
              title: '',
              render: (_, w) =>
                w.pendingPromotion ? <Tag color="gold">{t('careers.pendingPromotion')}</Tag> : null,
            },
          ]}
        />
      </Card>
      {ladder.data?.mayManage && editingLadder && (
        <LadderModal ladder={ladder.data} open onClose={() => setEditingLadder(false)} />
      )}
      <Modal
        open={deciding !== null}
        title={
          deciding
            ? `${deciding.worker.name} · ${t('careers.gradeN', { n: deciding.fromGrade })} → ${t('careers.gradeN', { n: deciding.toGrade })}`
            : ''
        }
        footer={null}
        onCancel={() => setDeciding(null)}
        destroyOnHidden
      >
        {deciding && (
          <>
            <Typography.Paragraph>
              {label('promotionBasis', deciding.basis, lang)}（{deciding.years.join('、')}）
            </Typography.Paragraph>
            <WorkflowActions<PromotionAction>
              actions={deciding.actions}
              labelKind="promotionAction"
              needsOf={(a) => PROMOTION_WORKFLOW.transitions[a].needs ?? []}
              placeholder={t('careers.decidePlaceholder')}
              isDanger={(a) => a === 'reject'}
              testId="promotion"
              act={async (action, text) => {
                await actOnPromotion(deciding, action, text.reason ?? text.note);
                setDeciding(null);
                await refresh();
              }}
            />
          </>
        )}
      </Modal>
    </Space>
  );
}
