import { FileExcelOutlined, FilePdfOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Space, Table, Tooltip } from 'antd';
import { useState } from 'react';
import { generateReports, reportKeys, type StoredReport, useStoredReports } from '../../api/appeals';
import { lastMonth } from '../../api/assessment';
import { useI18n } from '../../i18n/useI18n';
import { useShowError } from '../useShowError';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * 已生成的月度报告: the stored PDF and .xlsx of each district's month (made on the 1st of each
 * month for the month before), with "generate now" for an assessment manager.
 */
export function MonthlyReports({ unitId }: { unitId?: string }) {
  const { t, dateTime } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const { data, isLoading } = useStoredReports(unitId);
  const [period, setPeriod] = useState(lastMonth());
  const [busy, setBusy] = useState(false);
  const generate = async () => {
    setBusy(true);
    try {
      const result = await generateReports(period);
      message.success(t('reports.generated', { count: result.items.length }));
      await queryClient.invalidateQueries({ queryKey: reportKeys.list(unitId).slice(0, 1) });
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      id="monthly-reports"
      title={t('reports.title')}
      className="stack-gap"
      data-testid="monthly-reports"
      extra={
        data?.actions.includes('generate') && (
          <Space.Compact>
            <Input
              style={{ width: 110 }}
              value={period}
              onChange={(e) => setPeriod(e.target.value.trim())}
              status={MONTH.test(period) ? undefined : 'error'}
              aria-label={t('reports.period')}
              data-testid="reports-period"
            />
            <Button
              icon={<ThunderboltOutlined />}
              loading={busy}
              disabled={!MONTH.test(period)}
              onClick={generate}
              data-testid="reports-generate"
            >
              {t('reports.generate')}
            </Button>
          </Space.Compact>
        )
      }
    >
      <Table<StoredReport>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 12, hideOnSinglePage: true }}
        locale={{ emptyText: t('reports.empty') }}
        columns={[
          { title: t('reports.period'), dataIndex: 'period' },
          { title: t('reports.unit'), render: (_, r) => r.unit.name },
          { title: t('reports.generatedAt'), render: (_, r) => dateTime(r.generatedAt) },
          { title: t('reports.generatedBy'), render: (_, r) => r.generatedBy?.name ?? t('reports.byJob') },
          {
            title: t('reports.files'),
            render: (_, r) => (
              <Space>
                {r.files.pdf ? (
                  <Button
                    size="small"
                    icon={<FilePdfOutlined />}
                    href={r.files.pdf.url}
                    data-testid="report-pdf"
                  >
                    PDF
                  </Button>
                ) : (
                  <Tooltip title={r.pdfMissing}>
                    <Button size="small" icon={<FilePdfOutlined />} disabled>
                      {t('reports.noPdf')}
                    </Button>
                  </Tooltip>
                )}
                <Button
                  size="small"
                  icon={<FileExcelOutlined />}
                  href={r.files.xlsx.url}
                  data-testid="report-xlsx"
                >
                  Excel
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
