import { Card, Col, Descriptions, type DescriptionsProps, Row } from 'antd';
import type { ReactNode } from 'react';
import type { RegisterEntity } from '../../api/registers';
import type { Id } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { EventTimeline } from './EventTimeline';

/**
 * The body of a house or unit page: its details and, below them, `children` (its people) on the
 * left; its history on the right, beside them on wide screens.
 */
export function RecordWithHistory({
  details,
  entity,
  id,
  children,
}: {
  details: DescriptionsProps['items'];
  entity: RegisterEntity;
  id: Id;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={15}>
        <Card size="small" title={t('common.details')}>
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={details} />
        </Card>
        {children}
      </Col>
      <Col xs={24} xl={9}>
        <Card size="small" title={t('reg.history.title')}>
          <EventTimeline entity={entity} id={id} />
        </Card>
      </Col>
    </Row>
  );
}
