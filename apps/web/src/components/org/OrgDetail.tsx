import { EditOutlined, EnvironmentOutlined, PlusOutlined, TableOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Descriptions, Space, Spin } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useOrgUnit } from '../../api/org';
import type { OrgNode } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { LevelTag } from '../tags';
import { CreateChildModal, RenameModal } from './OrgUnitModals';

interface Props {
  node: OrgNode;
  onSelectUnit: (node: OrgNode) => void;
  onChildrenChanged: (parentId: string) => void;
}

export function OrgDetail({ node, onSelectUnit, onChildrenChanged }: Props) {
  const { t } = useI18n();
  const isBuilding = node.level === 'building';
  const { data, isPending, error } = useOrgUnit(isBuilding ? null : node.id);
  const [dialog, setDialog] = useState<'rename' | 'create' | null>(null);

  if (isBuilding) {
    return (
      <Descriptions column={1} bordered size="small" data-testid="org-detail">
        <Descriptions.Item label={t('common.name')}>{node.name}</Descriptions.Item>
        <Descriptions.Item label={t('common.code')}>{node.code}</Descriptions.Item>
        <Descriptions.Item label={t('org.level')}>
          <LevelTag level="building" />
        </Descriptions.Item>
        {node.parentId && (
          <Descriptions.Item label={t('level.grid')}>
            <Link to={`/grids/${node.parentId}`}>{t('org.openGrid')}</Link>
          </Descriptions.Item>
        )}
      </Descriptions>
    );
  }
  if (isPending) return <Spin />;
  if (error) return <Alert type="error" showIcon title={error.message} />;

  const unit = data;
  const actions = unit.actions ?? [];
  return (
    <div data-testid="org-detail">
      <Breadcrumb
        className="org-chain"
        items={unit.chain.map((item) => ({
          key: item.id,
          title:
            item.id === unit.id ? (
              item.name
            ) : (
              <a
                href={`#${item.id}`}
                onClick={(event) => {
                  event.preventDefault();
                  onSelectUnit(item);
                }}
              >
                {item.name}
              </a>
            ),
        }))}
      />
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('common.name')}>{unit.name}</Descriptions.Item>
        <Descriptions.Item label={t('common.code')}>
          <code>{unit.code}</code>
        </Descriptions.Item>
        <Descriptions.Item label={t('org.level')}>
          <LevelTag level={unit.level} />
        </Descriptions.Item>
        <Descriptions.Item label={t('org.childCount')}>{unit.childCount}</Descriptions.Item>
      </Descriptions>
      <Space wrap className="org-actions">
        {unit.level === 'grid' ? (
          <Link to={`/grids/${unit.id}`}>
            <Button type="primary">{t('org.openGrid')}</Button>
          </Link>
        ) : (
          <>
            <Link to={`/grids?within=${unit.id}`}>
              <Button icon={<TableOutlined />}>{t('org.viewGrids')}</Button>
            </Link>
            <Link to={`/map?within=${unit.id}`}>
              <Button icon={<EnvironmentOutlined />}>{t('org.viewMap')}</Button>
            </Link>
          </>
        )}
        {actions.includes('org.rename') && (
          <Button icon={<EditOutlined />} onClick={() => setDialog('rename')}>
            {t('org.rename')}
          </Button>
        )}
        {actions.includes('org.createChild') && (
          <Button icon={<PlusOutlined />} onClick={() => setDialog('create')}>
            {t('org.addChild')}
          </Button>
        )}
      </Space>
      <RenameModal
        unit={unit}
        open={dialog === 'rename'}
        onClose={() => setDialog(null)}
        onDone={() => unit.parentId && onChildrenChanged(unit.parentId)}
      />
      <CreateChildModal
        parent={unit}
        open={dialog === 'create'}
        onClose={() => setDialog(null)}
        onDone={() => onChildrenChanged(unit.id)}
      />
    </div>
  );
}
