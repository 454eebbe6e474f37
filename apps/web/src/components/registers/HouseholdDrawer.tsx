import { Button, Descriptions, Drawer, Empty, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { MatrixPerson, MatrixRoom } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { FLAG_COLORS, PersonFlags, StatusTag } from './Flags';
import { useRegisterLabels } from './labels';

/** 提户知人: the people of one room, masked, each linking to their page. */
export function HouseholdDrawer({
  room,
  highlightPerson,
  onClose,
}: {
  room: MatrixRoom | null;
  highlightPerson: string | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const labels = useRegisterLabels();
  // One row per person: an owner who also lives here has two links.
  const people = new Map<string, MatrixPerson & { kinds: string[] }>();
  for (const p of room?.people ?? []) {
    const seen = people.get(p.id);
    if (seen) seen.kinds.push(p.linkKind);
    else people.set(p.id, { ...p, kinds: [p.linkKind] });
  }
  const rows = [...people.values()];
  return (
    <Drawer
      open={!!room}
      onClose={onClose}
      size="large"
      title={room ? t('reg.household.title', { room: room.room ?? '—' }) : ''}
      extra={
        room?.houseId && (
          <Link to={`/registers/houses/${room.houseId}`}>
            <Button size="small">{t('reg.household.house')}</Button>
          </Link>
        )
      }
    >
      {room && (
        <div data-testid="household-drawer" data-address-id={room.addressId}>
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 'use', label: t('reg.field.use'), children: labels.houseUse(room.use) },
              {
                key: 'flags',
                label: t('reg.household.flags'),
                children: (
                  <Space size={2} wrap>
                    {!room.flags.vacant && !room.flags.rental && !room.flags.dangerous && '—'}
                    {room.flags.vacant && <Tag>{t('reg.flag.vacant')}</Tag>}
                    {room.flags.rental && <Tag color={FLAG_COLORS.rental}>{t('reg.flag.rental')}</Tag>}
                    {room.flags.rentalHazard && room.flags.rental && (
                      <Tag color={room.flags.rentalHazard === 'major' ? 'red' : undefined}>
                        {labels.hazard(room.flags.rentalHazard)}
                      </Tag>
                    )}
                    {room.flags.dangerous && (
                      <Tag color={FLAG_COLORS.dangerous}>{t('reg.flag.dangerous')}</Tag>
                    )}
                  </Space>
                ),
              },
            ]}
          />
          {room.people.length === 0 ? (
            <Empty description={t('reg.household.empty')} />
          ) : (
            <Table<MatrixPerson & { kinds: string[] }>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={rows}
              rowClassName={(p) => (p.id === highlightPerson ? 'ant-table-row-selected' : '')}
              columns={[
                {
                  title: t('reg.field.name'),
                  dataIndex: 'name',
                  render: (name: string, p) => (
                    <Space size={4} wrap>
                      <Link to={`/registers/people/${p.id}`} data-testid={`household-person-${p.id}`}>
                        {name}
                      </Link>
                      <StatusTag status={p.status} />
                    </Space>
                  ),
                },
                {
                  title: t('reg.field.gender'),
                  dataIndex: 'gender',
                  render: (g: string) => labels.gender(g),
                },
                {
                  title: t('reg.field.idNumber'),
                  dataIndex: 'idNumber',
                  render: (v: string | null) => (
                    <Typography.Text className="mono">{v ?? '—'}</Typography.Text>
                  ),
                },
                {
                  title: t('reg.field.kind'),
                  dataIndex: 'kinds',
                  render: (kinds: string[]) => kinds.map((k) => labels.linkKind(k)).join('、'),
                },
                {
                  title: t('reg.person.roles'),
                  key: 'flags',
                  render: (_, p) => (
                    <Space size={2} wrap>
                      {p.roles
                        .filter((r) => r !== 'floating')
                        .map((r) => (
                          <Tag key={r}>{labels.role(r)}</Tag>
                        ))}
                      <PersonFlags
                        roles={p.roles}
                        specialGroups={p.specialGroups}
                        careGroups={p.careGroups}
                      />
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </div>
      )}
    </Drawer>
  );
}
