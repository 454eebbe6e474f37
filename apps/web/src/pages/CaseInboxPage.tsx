import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Typography } from 'antd';
import { useCases } from '../api/cases';
import { CaseFilters } from '../components/cases/CaseFilters';
import { CaseTable } from '../components/cases/CaseTable';
import { NotificationList } from '../components/cases/NotificationList';
import { useCaseFilter } from '../components/cases/useCaseFilter';
import { useI18n } from '../i18n/useI18n';

/** 我的待办: cases on which the caller has an action to take now, beside their notifications. */
export default function CaseInboxPage() {
  const { t } = useI18n();
  const [filter, update] = useCaseFilter('inbox');
  const { data, isFetching, error, refetch } = useCases(filter);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xxl={17}>
        <Card
          title={t('case.inboxTitle')}
          extra={
            <Button icon={<ReloadOutlined />} onClick={() => refetch()} loading={isFetching}>
              {t('common.refresh')}
            </Button>
          }
        >
          <CaseFilters filter={filter} onChange={update} />
          {error && <Typography.Text type="danger">{error.message}</Typography.Text>}
          <CaseTable
            testId="inbox-table"
            data={data}
            loading={isFetching}
            filter={filter}
            onPage={(page, pageSize) => update({ page, pageSize }, false)}
          />
        </Card>
      </Col>
      <Col xs={24} xxl={7}>
        <NotificationList />
      </Col>
    </Row>
  );
}
