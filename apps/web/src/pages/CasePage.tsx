import { ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Result,
  Row,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { Link, useParams } from 'react-router-dom';
import { hasPermission, useConfig, useMe } from '../api/auth';
import { useCase, useGridShape } from '../api/cases';
import { isApiError } from '../api/client';
import { CaseCameras } from '../components/cameras/CaseCameras';
import { CaseActions } from '../components/cases/CaseActions';
import { CaseAssignments } from '../components/cases/CaseAssignments';
import { CaseMap } from '../components/cases/CaseMap';
import { CaseLightDot, CaseStateTag, SupervisionTag } from '../components/cases/CaseTags';
import { CaseTimeline } from '../components/cases/CaseTimeline';
import { useCaseLabels } from '../components/cases/labels';
import { PhasedPhotos } from '../components/cases/PhotoStrip';
import { SatisfactionWord } from '../components/cases/Satisfaction';
import { CaseDispute } from '../components/disputes/CaseDispute';
import { useI18n } from '../i18n/useI18n';

/** 事件详情: the case, where it is, who has it, its history, and the caller's actions. */
export default function CasePage() {
  const { id = '' } = useParams();
  const { t, pick, dateTime } = useI18n();
  const { sourceLabel } = useCaseLabels();
  const me = useMe();
  const config = useConfig();
  const { data: detail, isPending, error, refetch, isFetching } = useCase(id);
  const canSeeGrids = hasPermission(me, 'grids.read');
  const gridShape = useGridShape(canSeeGrids && detail ? detail.grid.id : null);

  if (isPending) return <Skeleton active />;
  if (error) {
    if (isApiError(error) && (error.status === 404 || error.status === 403)) {
      return (
        <Result status={error.status === 404 ? '404' : '403'} title={error.status} subTitle={error.message} />
      );
    }
    return <Alert type="error" showIcon title={error.message} />;
  }

  const info: DescriptionsProps['items'] = [
    {
      key: 'code',
      label: t('case.code'),
      children: <Typography.Text copyable>{detail.code}</Typography.Text>,
    },
    {
      key: 'category',
      label: t('case.category'),
      children: (
        <span>
          {pick(detail.categoryName, detail.categoryNameEn)}{' '}
          <Typography.Text type="secondary" className="small-code">
            {detail.categoryCode}
          </Typography.Text>
        </span>
      ),
    },
    {
      key: 'closingStandard',
      label: t('case.closingStandard'),
      children: pick(detail.closingStandard ?? '', detail.closingStandardEn ?? '') || '—',
    },
    { key: 'source', label: t('case.source'), children: sourceLabel(detail.source) },
    { key: 'reportedAt', label: t('case.reportedAt'), children: dateTime(detail.reportedAt) },
    {
      key: 'reporter',
      label: t('case.reporter'),
      children: detail.reporter ? (
        <span data-user-content>
          {`${detail.reporter.name ?? '—'}${detail.reporter.phone ? ` · ${detail.reporter.phone}` : ''}`}
        </span>
      ) : (
        '—'
      ),
    },
    ...(detail.mediaUrl && /^https?:\/\//i.test(detail.mediaUrl)
      ? [
          {
            key: 'mediaUrl',
            label: t('case.mediaUrl'),
            // The reporter's link: opened outside the console, without our session's referrer or window.
            children: (
              <Typography.Link
                href={detail.mediaUrl}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="case-media-url"
              >
                {detail.mediaUrl}
              </Typography.Link>
            ),
          },
        ]
      : []),
    {
      key: 'grid',
      label: t('case.grid'),
      children: canSeeGrids ? (
        <Link to={`/grids/${detail.grid.id}`} data-user-content>
          {detail.grid.name}
        </Link>
      ) : (
        <span data-user-content>{detail.grid.name}</span>
      ),
    },
    {
      key: 'owner',
      label: t('case.owner'),
      children: (
        <>
          <span data-user-content>{detail.owner.name}</span>
          {pick('（', ' (')}
          {t(`level.${detail.owner.level}`)}
          {pick('）', ')')}
        </>
      ),
    },
    {
      key: 'address',
      label: t('case.address'),
      children: detail.address ? <span data-user-content>{detail.address}</span> : '—',
    },
    {
      key: 'location',
      label: t('case.location'),
      children: (
        <span className="mono">
          {detail.lon.toFixed(6)}, {detail.lat.toFixed(6)}
        </span>
      ),
    },
    {
      key: 'due',
      label: t('case.light'),
      children: <CaseLightDot light={detail.light} dueAt={detail.stepDueAt} />,
    },
  ];
  if (detail.pendingExtension)
    info.push({
      key: 'pendingExtension',
      label: t('case.pendingExtension'),
      children: `${detail.pendingExtension.amount} ${t(
        detail.pendingExtension.unit === 'days' ? 'case.unitDays' : 'case.unitHours',
      )} · ${detail.pendingExtension.reason}`,
    });
  if (detail.rating)
    info.push({
      key: 'rating',
      label: t('case.rating'),
      children: <SatisfactionWord score={detail.rating} />,
    });
  if (detail.satisfaction)
    info.push({
      key: 'satisfaction',
      label: t('case.satisfaction'),
      children: (
        <span>
          <SatisfactionWord score={detail.satisfaction} /> {detail.satisfactionComment ?? ''}
        </span>
      ),
    });
  if (detail.mergedInto)
    info.push({
      key: 'mergedInto',
      label: t('case.mergedInto'),
      children: <Link to={`/cases/${detail.mergedInto}`}>#{detail.mergedInto}</Link>,
    });

  return (
    <div className="case-page" data-testid="case-page" data-case-id={detail.id} data-version={detail.version}>
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { key: 'list', title: <Link to="/cases">{t('nav.cases')}</Link> },
          { key: 'case', title: detail.code },
        ]}
      />
      <div className="case-header">
        <Space align="center" wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-user-content>
            {detail.title}
          </Typography.Title>
          <Typography.Text code data-testid="case-code">
            {detail.code}
          </Typography.Text>
          <CaseStateTag state={detail.state} testId="case-state" />
          <CaseLightDot light={detail.light} />
          <SupervisionTag supervision={detail.supervision} />
          {detail.isPolice && <Typography.Text type="danger">{t('case.police')}</Typography.Text>}
          {detail.selfHandled && (
            <Typography.Text type="secondary">{t('case.selfHandledShort')}</Typography.Text>
          )}
        </Space>
        <Button icon={<ReloadOutlined />} onClick={() => refetch()} loading={isFetching}>
          {t('common.refresh')}
        </Button>
      </div>
      <Card size="small" className="stack-gap" title={t('case.actions')}>
        <CaseActions detail={detail} />
      </Card>
      <CaseDispute caseId={detail.id} categoryCode={detail.categoryCode} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('case.description')}>
            <Typography.Paragraph className="case-description" data-testid="case-description">
              {detail.description || '—'}
            </Typography.Paragraph>
            <PhasedPhotos photos={detail.photos} />
          </Card>
          <Card size="small" title={t('common.details')} className="stack-card">
            <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered items={info} />
          </Card>
          <Card size="small" title={t('case.assignments')} className="stack-card">
            <CaseAssignments assignments={detail.assignments} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('case.location')}>
            {config.isPending ? (
              <Skeleton.Node active className="case-map" />
            ) : (
              <CaseMap
                tileUrl={config.data?.tileUrl ?? null}
                grids={gridShape.data}
                gridsSkipped={!canSeeGrids || gridShape.isError}
                point={[detail.lon, detail.lat]}
                testId="case-map"
                hook="__wanggeCaseMap"
              />
            )}
          </Card>
          <CaseCameras caseId={detail.id} />
          <Card size="small" title={t('case.timeline')} className="stack-card">
            <CaseTimeline steps={detail.steps} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
