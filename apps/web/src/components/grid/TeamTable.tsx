import { Table, type TableColumnsType } from 'antd';
import type { TeamMember, TeamRole } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { TeamRoleTag } from '../tags';
import { sortTeam } from './TeamList';

/** 网格团队: 网格长 + 网格指导员 + 专职网格员 + 兼职网格员; phones arrive masked. */
export function TeamTable({ team }: { team: TeamMember[] }) {
  const { t } = useI18n();
  const columns: TableColumnsType<TeamMember> = [
    { title: t('grid.role'), dataIndex: 'teamRole', render: (role: TeamRole) => <TeamRoleTag role={role} /> },
    { title: t('grid.member'), dataIndex: 'displayName' },
    { title: t('grid.phone'), dataIndex: 'phone', render: (phone: string | null) => phone ?? '—' },
  ];
  return (
    <div data-testid="grid-team">
      <Table<TeamMember>
        rowKey={(member) => `${member.teamRole}:${member.userId}`}
        size="small"
        columns={columns}
        dataSource={sortTeam(team)}
        pagination={false}
        locale={{ emptyText: t('grid.teamEmpty') }}
      />
    </div>
  );
}
