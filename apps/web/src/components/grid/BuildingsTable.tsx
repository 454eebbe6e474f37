import { Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { hasPermission, useMe } from '../../api/auth';
import type { Building } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';

export function BuildingsTable({ buildings }: { buildings: Building[] }) {
  const { t, number } = useI18n();
  const canReadRegisters = hasPermission(useMe(), 'registers.read');
  const columns: TableColumnsType<Building> = [
    { title: t('common.code'), dataIndex: 'code', render: (code: string) => <code>{code}</code> },
    { title: t('grid.building.name'), dataIndex: 'name' },
    {
      title: t('grid.building.address'),
      dataIndex: 'address',
      render: (value: string | null) => value ?? '—',
    },
    {
      title: t('grid.building.floors'),
      dataIndex: 'floors',
      align: 'right',
      render: (v: number | null) => number(v),
    },
    {
      title: t('grid.building.units'),
      dataIndex: 'units',
      align: 'right',
      render: (v: number | null) => number(v),
    },
    {
      title: t('grid.households'),
      dataIndex: 'households',
      align: 'right',
      render: (v: number | null) => number(v),
    },
  ];
  if (canReadRegisters)
    columns.push({
      title: t('reg.matrix.title'),
      key: 'matrix',
      render: (_, b) => (
        <Link to={`/registers/buildings/${b.id}`} data-testid={`building-matrix-link-${b.id}`}>
          {t('reg.person.matrix')}
        </Link>
      ),
    });
  return (
    <Table<Building>
      data-testid="grid-buildings"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={buildings}
      pagination={buildings.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: t('grid.buildingsEmpty') }}
    />
  );
}
