import { Card, Input, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useGridList } from '../api/grids';
import type { GridKind, GridSummary, HouseholdStatus } from '../api/types';
import { OrgUnitTreeSelect } from '../components/OrgUnitTreeSelect';
import { HouseholdTag, KindTag } from '../components/tags';
import { useI18n } from '../i18n/useI18n';

const KINDS: GridKind[] = ['base', 'special'];
const STATUSES: HouseholdStatus[] = ['under', 'ok', 'over'];

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((item) => item === value);
}

/** 网格列表: filters live in the URL so that links (e.g. from the level tree) can preset them. */
export default function GridsPage() {
  const { t, number } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter = {
    within: params.get('within') ?? undefined,
    kind: oneOf(params.get('kind'), KINDS),
    householdStatus: oneOf(params.get('householdStatus'), STATUSES),
    q: params.get('q') ?? undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Math.min(200, Math.max(10, Number(params.get('pageSize')) || 20)),
  };
  const { data, isFetching, error } = useGridList(filter);

  const update = (changes: Record<string, string | number | undefined>, resetPage = true) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || value === '') next.delete(key);
        else next.set(key, String(value));
      }
      if (resetPage) next.delete('page');
      return next;
    });
  };

  const columns: TableColumnsType<GridSummary> = [
    {
      title: t('grid.code'),
      dataIndex: 'code',
      render: (code: string, row) => (
        <Link to={`/grids/${row.id}`} onClick={(event) => event.stopPropagation()}>
          <code>{code}</code>
        </Link>
      ),
    },
    {
      title: t('grid.name'),
      dataIndex: 'name',
      render: (name: string) => <span data-user-content>{name}</span>,
    },
    {
      title: t('grid.kind'),
      dataIndex: 'kind',
      render: (kind: GridKind, row) => <KindTag kind={kind} specialType={row.specialType} />,
    },
    {
      title: t('grid.households'),
      dataIndex: 'households',
      align: 'right',
      render: (value: number | null) => number(value),
    },
    {
      title: t('grid.householdStatus'),
      dataIndex: 'householdStatus',
      render: (status: HouseholdStatus | null) => <HouseholdTag status={status} />,
    },
    {
      title: t('grid.community'),
      key: 'community',
      render: (_, row) => (
        <span>
          <span data-user-content>{row.community.name}</span>{' '}
          <Typography.Text type="secondary" className="small-code">
            {row.community.code}
          </Typography.Text>
        </span>
      ),
    },
  ];

  return (
    <Card title={t('grid.listTitle')}>
      <Space wrap className="filter-bar">
        <OrgUnitTreeSelect
          excludeGrids
          value={filter.within}
          onChange={(value) => update({ within: value })}
          placeholder={t('grid.within')}
          style={{ minWidth: 220 }}
        />
        <Select<GridKind>
          allowClear
          placeholder={t('grid.filterKind')}
          style={{ width: 140 }}
          value={filter.kind}
          onChange={(value) => update({ kind: value })}
          options={KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
          data-testid="filter-kind"
        />
        <Select<HouseholdStatus>
          allowClear
          placeholder={t('grid.filterStatus')}
          style={{ width: 150 }}
          value={filter.householdStatus}
          onChange={(value) => update({ householdStatus: value })}
          options={STATUSES.map((status) => ({ value: status, label: t(`household.${status}`) }))}
          data-testid="filter-household"
        />
        <Input.Search
          allowClear
          placeholder={t('grid.searchPlaceholder')}
          defaultValue={filter.q}
          onSearch={(value) => update({ q: value.trim() || undefined })}
          style={{ width: 260 }}
          data-testid="filter-q"
        />
      </Space>
      {error && <Typography.Text type="danger">{error.message}</Typography.Text>}
      <Table<GridSummary>
        data-testid="grids-table"
        rowKey="id"
        size="middle"
        loading={isFetching}
        columns={columns}
        dataSource={data?.items ?? []}
        onRow={(row) => ({ onClick: () => navigate(`/grids/${row.id}`), className: 'clickable-row' })}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => update({ page, pageSize }, false),
        }}
      />
    </Card>
  );
}
