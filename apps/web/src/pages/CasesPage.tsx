import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { hasPermission, useMe } from '../api/auth';
import { useCases } from '../api/cases';
import { CaseFilters } from '../components/cases/CaseFilters';
import { CaseTable } from '../components/cases/CaseTable';
import { useCaseFilter } from '../components/cases/useCaseFilter';
import { useI18n } from '../i18n/useI18n';

/** 事件列表: every case the caller may see, filtered in the URL. */
export default function CasesPage() {
  const { t } = useI18n();
  const me = useMe();
  const [filter, update] = useCaseFilter('all');
  const { data, isFetching, error, refetch } = useCases(filter);
  return (
    <Card
      title={t('case.listTitle')}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => refetch()} loading={isFetching}>
            {t('common.refresh')}
          </Button>
          {hasPermission(me, 'cases.report') && (
            <Link to="/cases/new">
              <Button type="primary" icon={<PlusOutlined />}>
                {t('case.new')}
              </Button>
            </Link>
          )}
        </Space>
      }
    >
      <CaseFilters filter={filter} onChange={update} />
      {error && <Typography.Text type="danger">{error.message}</Typography.Text>}
      <CaseTable
        testId="cases-table"
        data={data}
        loading={isFetching}
        filter={filter}
        onPage={(page, pageSize) => update({ page, pageSize }, false)}
      />
    </Card>
  );
}
