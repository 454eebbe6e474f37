import { Table, type TableColumnsType, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useNavigate } from 'react-router-dom';
import type { CaseFilter } from '../../api/cases';
import type { CaseSummary, Page } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { CaseLightDot, CaseStateTag, SupervisionTag } from './CaseTags';

interface Props {
  data: Page<CaseSummary> | undefined;
  loading: boolean;
  filter: CaseFilter;
  onPage: (page: number, pageSize: number) => void;
  testId: string;
}

/** A page of cases; a row opens the case (row hook: data-testid="case-row-<code>"). */
export function CaseTable({ data, loading, filter, onPage, testId }: Props) {
  const { t, pick, dateTime } = useI18n();
  const navigate = useNavigate();
  const columns: TableColumnsType<CaseSummary> = [
    {
      title: t('case.code'),
      dataIndex: 'code',
      width: 150,
      render: (code: string) => <code>{code}</code>,
    },
    {
      title: t('case.title'),
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string, row) => (
        <span>
          <span data-user-content>{title}</span>
          {row.isPolice && <Typography.Text type="danger"> · {t('case.police')}</Typography.Text>}
          {row.selfHandled && (
            <Typography.Text type="secondary"> · {t('case.selfHandledShort')}</Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('case.category'),
      dataIndex: 'categoryName',
      ellipsis: true,
      render: (name: string, row) => pick(name, row.categoryNameEn),
    },
    {
      title: t('case.state'),
      dataIndex: 'state',
      // English state names are longer than the Chinese ones; the tag wraps rather than overflows.
      width: 170,
      render: (state: string) => <CaseStateTag state={state} />,
    },
    {
      title: t('case.light'),
      key: 'light',
      width: 170,
      render: (_, row) => <CaseLightDot light={row.light} dueAt={row.stepDueAt} />,
    },
    {
      title: t('case.supervision'),
      dataIndex: 'supervision',
      width: 120,
      render: (supervision: CaseSummary['supervision']) => <SupervisionTag supervision={supervision} />,
    },
    {
      title: t('case.grid'),
      key: 'grid',
      ellipsis: true,
      render: (_, row) => <span data-user-content>{row.grid?.name ?? '—'}</span>,
    },
    {
      title: t('case.reportedAt'),
      dataIndex: 'reportedAt',
      width: 170,
      render: (at: string) => dateTime(at),
    },
  ];
  return (
    <Table<CaseSummary>
      className="case-table"
      data-testid={testId}
      rowKey="id"
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={data?.items ?? []}
      onRow={(row) =>
        ({
          onClick: () => navigate(`/cases/${row.id}`),
          className: 'clickable-row',
          'data-testid': `case-row-${row.code}`,
          'data-case-id': row.id,
        }) as HTMLAttributes<HTMLElement>
      }
      pagination={{
        current: filter.page,
        pageSize: filter.pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (total) => t('common.total', { total }),
        onChange: onPage,
      }}
      scroll={{ x: 1080 }}
    />
  );
}
