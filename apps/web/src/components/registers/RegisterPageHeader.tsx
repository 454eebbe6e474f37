import { Breadcrumb, type BreadcrumbProps, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n/useI18n';

type Crumb = NonNullable<BreadcrumbProps['items']>[number];

/**
 * The top of every register record page: the breadcrumb from 一标三实 down to the record, then the
 * record's name as the heading with its tags beside it and, on the right, `extra`.
 */
export function RegisterPageHeader({
  title,
  parents = [],
  tags,
  extra,
  titleTestId,
}: {
  title: ReactNode;
  /** Crumbs between the registers and the record (a building's grid). */
  parents?: Crumb[];
  tags?: ReactNode;
  extra?: ReactNode;
  titleTestId?: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { key: 'registers', title: <Link to="/registers">{t('nav.registers')}</Link> },
          ...parents,
          { key: 'record', title },
        ]}
      />
      <div className="reg-header">
        <Space align="center" wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid={titleTestId}>
            {title}
          </Typography.Title>
          {tags}
        </Space>
        {extra}
      </div>
    </>
  );
}
