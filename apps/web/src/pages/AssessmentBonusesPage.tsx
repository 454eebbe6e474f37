import { DownloadOutlined } from '@ant-design/icons';
import { label } from '@wangge/rules';
import { Button, Card, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { type BonusSheet, bonusSheetUrl, useBonusSheet } from '../api/appeals';
import { useI18n } from '../i18n/useI18n';

type Row = BonusSheet['rows'][number];
const yuan = (fen: number) => (fen / 100).toFixed(2);

function lastMonth(): string {
  const d = new Date(Date.now() + 8 * 3_600_000);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

/** 月度奖惩表: each worker's events × the district's items, in yuan, with the .xlsx for payroll. */
export default function AssessmentBonusesPage() {
  const { t, lang } = useI18n();
  const [period, setPeriod] = useState(lastMonth());
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(period);
  const { data, isLoading } = useBonusSheet(valid ? period : lastMonth());
  const items = data?.items ?? [];
  return (
    <Card
      title={`${t('bonuses.title')}${data ? ` · ${data.unit.name}` : ''}`}
      data-testid="bonuses-page"
      extra={
        <Button
          icon={<DownloadOutlined />}
          href={bonusSheetUrl(valid ? period : lastMonth(), data?.unit.id, 'xlsx')}
          data-testid="bonuses-download"
        >
          {t('bonuses.download')}
        </Button>
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <Input
          style={{ width: 140 }}
          value={period}
          onChange={(e) => setPeriod(e.target.value.trim())}
          addonBefore={t('bonuses.period')}
          data-testid="bonuses-period"
        />
        {items.map((i) => (
          <Typography.Text key={i.count} type={i.amountFen < 0 ? 'danger' : 'success'}>
            {label('eventCount', i.count, lang)} {yuan(i.amountFen)}
            {t('bonuses.perEvent')}
            {i.cap ? ` (≤${i.cap})` : ''}
          </Typography.Text>
        ))}
      </Space>
      <Table<Row>
        rowKey={(r) => r.worker.id}
        size="small"
        loading={isLoading}
        dataSource={data?.rows ?? []}
        scroll={{ x: true }}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: t('bonuses.worker'), render: (_, r) => r.worker.name, fixed: 'left' },
          { title: t('bonuses.grid'), render: (_, r) => r.worker.unitName },
          ...items.map((item, i) => ({
            title: label('eventCount', item.count, lang),
            align: 'right' as const,
            render: (_: unknown, r: Row) => {
              const line = r.lines[i];
              return line ? `${line.counted} · ${yuan(line.totalFen)}` : '—';
            },
          })),
          { title: t('bonuses.bonus'), align: 'right', render: (_, r) => yuan(r.bonusFen) },
          { title: t('bonuses.deduction'), align: 'right', render: (_, r) => yuan(r.deductionFen) },
          { title: t('bonuses.total'), align: 'right', render: (_, r) => <b>{yuan(r.totalFen)}</b> },
        ]}
        summary={() =>
          data ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2 + items.length}>
                {t('bonuses.sum')}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {yuan(data.totals.bonusFen)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {yuan(data.totals.deductionFen)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <b data-testid="bonuses-total">{yuan(data.totals.totalFen)}</b>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </Card>
  );
}
