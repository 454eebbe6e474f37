import { Alert, Card, Col, Row, Statistic, Tag } from 'antd';
import type { ImportReport } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { IssuesTable } from './IssuesTable';

export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useI18n();
  const { summary } = report;
  return (
    <Card
      size="small"
      className="stack-card"
      data-testid="import-report"
      data-applied={report.applied ? 'true' : 'false'}
      title={
        <span>
          {t('import.preview')}{' '}
          {report.applied ? (
            <Tag color="green">{t('common.saved')}</Tag>
          ) : report.dryRun ? (
            <Tag>{t('import.dryRunTag')}</Tag>
          ) : null}
        </span>
      }
    >
      <Row gutter={16} className="import-summary">
        <Col flex={1}>
          <Statistic title={t('import.features')} value={summary.features} />
        </Col>
        <Col flex={1}>
          <Statistic title={t('import.created')} value={summary.created} />
        </Col>
        <Col flex={1}>
          <Statistic title={t('import.updated')} value={summary.updated} />
        </Col>
        {summary.unchanged !== undefined && (
          <Col flex={1}>
            <Statistic title={t('import.unchanged')} value={summary.unchanged} />
          </Col>
        )}
        <Col flex={1}>
          <Statistic
            title={t('import.errors')}
            value={summary.errors}
            styles={{ content: { color: summary.errors ? '#cf1322' : undefined } }}
          />
        </Col>
        <Col flex={1}>
          <Statistic
            title={t('import.warnings')}
            value={summary.warnings}
            styles={{ content: { color: summary.warnings ? '#d48806' : undefined } }}
          />
        </Col>
      </Row>
      {report.truncated && (
        <Alert
          className="stack-gap"
          type="warning"
          showIcon
          data-testid="import-issues-truncated"
          title={t('import.truncated', { shown: report.issues.length, total: report.total })}
        />
      )}
      <IssuesTable issues={report.issues} testId="import-issues" />
    </Card>
  );
}
