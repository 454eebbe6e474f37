import { PhoneOutlined } from '@ant-design/icons';
import { Empty, Typography } from 'antd';
import type { TeamMember, TeamRole } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { TeamRoleTag } from '../tags';

const ORDER: Record<TeamRole, number> = { leader: 0, instructor: 1, full_time: 2, part_time: 3 };

export function sortTeam(team: TeamMember[]): TeamMember[] {
  return [...team].sort(
    (a, b) => ORDER[a.teamRole] - ORDER[b.teamRole] || a.displayName.localeCompare(b.displayName),
  );
}

/** Compact team list (drawer); the grid page uses a table. Wrapped in data-testid="grid-team". */
export function TeamList({ team }: { team: TeamMember[] }) {
  const { t } = useI18n();
  return (
    <div data-testid="grid-team" className="team-list">
      {team.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('grid.teamEmpty')} />
      ) : (
        sortTeam(team).map((member) => (
          <div key={`${member.teamRole}:${member.userId}`} className="team-row" data-role={member.teamRole}>
            <TeamRoleTag role={member.teamRole} />
            <Typography.Text strong>{member.displayName}</Typography.Text>
            {member.phone && (
              <Typography.Text type="secondary" className="team-phone">
                <PhoneOutlined /> {member.phone}
              </Typography.Text>
            )}
          </div>
        ))
      )}
    </div>
  );
}
