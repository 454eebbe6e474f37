import { UserOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { Me } from '../api/types';
import { useI18n } from '../i18n/useI18n';
import { LanguageSwitch } from './LanguageSwitch';

/** Header block: who is signed in, with which roles, over which part of the level chain. */
export function UserBadge({ me }: { me: Me }) {
  const { t, pick } = useI18n();
  const scopeNames = me.scope.map((unit) => unit.name);
  const departmentNames = me.departments.map((dept) => dept.name);
  const scopeText = [...scopeNames, ...departmentNames].join('、') || t('common.none');
  return (
    <Space size="middle" className="app-user" wrap={false}>
      <LanguageSwitch size="small" />
      <Tooltip title={`${t('header.scope')}: ${scopeText}`}>
        <Typography.Text className="app-scope" ellipsis data-testid="user-scope" data-user-content>
          {scopeText}
        </Typography.Text>
      </Tooltip>
      <span data-testid="user-roles">
        {me.roles.map((role) => (
          <Tag key={role.code} color="blue" variant="filled">
            {pick(role.nameZh, role.nameEn)}
          </Tag>
        ))}
      </span>
      <Typography.Text strong data-testid="user-name" data-user-content>
        <UserOutlined /> {me.displayName}
      </Typography.Text>
    </Space>
  );
}
