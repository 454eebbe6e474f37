import { Table, type TableColumnsType, Tag } from 'antd';
import type { CaseAssignment } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';

/** Where the case was sent: units and departments, the lead, 报到 and 签收 times. */
export function CaseAssignments({ assignments }: { assignments: CaseAssignment[] }) {
  const { t, dateTime } = useI18n();
  const columns: TableColumnsType<CaseAssignment> = [
    {
      title: t('case.assignee'),
      key: 'target',
      render: (_, row) => (
        <span>
          <Tag color={row.target.type === 'department' ? 'purple' : 'blue'}>
            {t(row.target.type === 'department' ? 'case.department' : 'case.unit')}
          </Tag>
          <span data-user-content>{row.target.name}</span>
          {row.isLead && (
            <Tag color="red" className="case-lead-tag">
              {t('case.lead')}
            </Tag>
          )}
          {!row.active && <Tag>{t('case.inactive')}</Tag>}
        </span>
      ),
    },
    { title: t('case.assignedAt'), dataIndex: 'assignedAt', render: (at: string) => dateTime(at) },
    { title: t('case.ackDueAt'), dataIndex: 'ackDueAt', render: (at: string | null) => dateTime(at) },
    {
      title: t('case.acknowledgedAt'),
      dataIndex: 'acknowledgedAt',
      render: (at: string | null) => dateTime(at),
    },
    { title: t('case.acceptedAt'), dataIndex: 'acceptedAt', render: (at: string | null) => dateTime(at) },
  ];
  return (
    <Table<CaseAssignment>
      data-testid="case-assignments"
      rowKey="id"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={assignments}
      locale={{ emptyText: t('case.noAssignments') }}
      rowClassName={(row) => (row.active ? '' : 'row-inactive')}
    />
  );
}
