import { Table, type TableColumnsType, Tag } from 'antd';
import type { ImportIssue } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';

/** Validation issues (import preview, boundary save): feature #, code, severity, rule, message. */
export function IssuesTable({ issues, testId }: { issues: ImportIssue[]; testId?: string }) {
  const { t, tk } = useI18n();
  const columns: TableColumnsType<ImportIssue> = [
    {
      title: t('import.featureIndex'),
      dataIndex: 'featureIndex',
      width: 90,
      // The server counts features from 0; people count from 1, as the messages do.
      render: (index: number | null) => (index === null ? '—' : index + 1),
    },
    {
      title: t('common.code'),
      dataIndex: 'code',
      render: (code: string | null) => (code ? <code>{code}</code> : '—'),
    },
    {
      title: t('import.severity'),
      dataIndex: 'severity',
      width: 90,
      filters: [
        { text: t('import.severity.error'), value: 'error' },
        { text: t('import.severity.warning'), value: 'warning' },
      ],
      onFilter: (value, issue) => issue.severity === value,
      render: (severity: ImportIssue['severity']) => (
        <Tag color={severity === 'error' ? 'red' : 'gold'}>{t(`import.severity.${severity}`)}</Tag>
      ),
    },
    {
      title: t('import.rule'),
      dataIndex: 'rule',
      render: (rule: string) => <span title={rule}>{tk(`rule.${rule}`, rule)}</span>,
    },
    { title: t('import.message'), dataIndex: 'message' },
  ];
  return (
    <Table<ImportIssue>
      data-testid={testId}
      rowKey={(issue) => `${issue.featureIndex}:${issue.rule}:${issue.code}:${issue.message}`}
      size="small"
      columns={columns}
      dataSource={issues}
      pagination={issues.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      locale={{ emptyText: t('import.noIssues') }}
    />
  );
}
