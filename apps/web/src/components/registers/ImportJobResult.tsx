import { Alert, Card, Col, Progress, Row, Space, Statistic, Tag, Typography } from 'antd';
import type { ImportJob } from '../../api/register-import';
import { useI18n } from '../../i18n/useI18n';
import { ImportErrorsTable, useBilingual } from './ImportErrorsTable';

const STATUS_COLORS: Record<ImportJob['status'], string> = {
  running: 'processing',
  succeeded: 'green',
  rejected: 'red',
  failed: 'red',
};

/** One import job: progress while it runs, then the counts, the verdict and every bad row. */
export function ImportJobResult({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  const bilingual = useBilingual();
  const running = job.status === 'running';
  const verdict =
    job.status === 'succeeded' ? (
      <Alert
        type="success"
        showIcon
        title={
          job.dryRun
            ? t('regImport.clean', { rows: job.rowsTotal })
            : t('regImport.done', { created: job.rowsCreated })
        }
      />
    ) : job.status === 'rejected' && job.errorsTotal > 0 ? (
      <Alert type="error" showIcon title={t('regImport.hasErrors', { count: job.errorsTotal })} />
    ) : job.message ? (
      <Alert type="error" showIcon title={bilingual(job.message)} />
    ) : null;
  return (
    <Card
      size="small"
      className="stack-card"
      data-testid="register-import-result"
      data-status={job.status}
      data-dry-run={String(job.dryRun)}
      title={
        <Space>
          <Typography.Text>{job.fileName}</Typography.Text>
          <Tag>{job.dryRun ? t('regImport.dryRun') : t('regImport.apply')}</Tag>
          <Tag color={STATUS_COLORS[job.status]}>{t(`regImport.status.${job.status}`)}</Tag>
        </Space>
      }
    >
      {running ? (
        <div data-testid="register-import-progress">
          <Progress percent={Math.floor(job.progress * 100)} status="active" />
          <Typography.Text type="secondary">
            {t('regImport.progress', { rows: job.rowsDone })}
          </Typography.Text>
        </div>
      ) : (
        <>
          <Row gutter={16} className="import-summary">
            <Col flex={1}>
              <Statistic title={t('regImport.rows')} value={job.rowsTotal} />
            </Col>
            <Col flex={1}>
              <Statistic
                title={t('regImport.errorsTotal')}
                value={job.errorsTotal}
                styles={{ content: { color: job.errorsTotal ? '#cf1322' : undefined } }}
              />
            </Col>
            <Col flex={1}>
              <Statistic title={t('regImport.created')} value={job.rowsCreated} />
            </Col>
          </Row>
          {verdict}
        </>
      )}
      {job.errors.length > 0 && (
        <div className="stack-card">
          {job.errors.length < job.errorsTotal && (
            <Typography.Paragraph type="secondary">
              {t('regImport.truncated', { shown: job.errors.length })}
            </Typography.Paragraph>
          )}
          <ImportErrorsTable errors={job.errors} />
        </div>
      )}
    </Card>
  );
}
