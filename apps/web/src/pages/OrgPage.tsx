import { useQueryClient } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Spin, Tree, type TreeDataNode, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { fetchOrgChildren, orgKeys } from '../api/org';
import type { OrgNode } from '../api/types';
import { OrgDetail } from '../components/org/OrgDetail';
import { LevelTag } from '../components/tags';
import { useShowError } from '../components/useShowError';
import { useI18n } from '../i18n/useI18n';

const ROOT = '';
const nodeKey = (node: OrgNode) => `${node.level}:${node.id}`;

/** 组织架构: the level chain as a lazily loaded tree with a detail pane. */
export default function OrgPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const [children, setChildren] = useState<Record<string, OrgNode[]>>({});
  const [selected, setSelected] = useState<OrgNode | null>(null);

  const load = useCallback(
    async (parentId: string, force = false) => {
      if (force) await queryClient.invalidateQueries({ queryKey: orgKeys.children(parentId || null) });
      const items = await queryClient.fetchQuery({
        queryKey: orgKeys.children(parentId || null),
        queryFn: () => fetchOrgChildren(parentId || null),
      });
      setChildren((current) => ({ ...current, [parentId]: items }));
      return items;
    },
    [queryClient],
  );

  useEffect(() => {
    load(ROOT)
      .then((roots) => {
        const first = roots[0];
        if (roots.length === 1 && first) setSelected((current) => current ?? first);
      })
      .catch(showError);
  }, [load, showError]);

  const treeData = useMemo(() => {
    const build = (parentId: string): TreeDataNode[] =>
      (children[parentId] ?? []).map((node) => {
        const below = node.level === 'building' ? undefined : children[node.id];
        return {
          key: nodeKey(node),
          isLeaf: node.childCount === 0 || node.level === 'building',
          title: (
            <span className="org-node" data-testid={`org-node-${node.id}`} data-level={node.level}>
              <LevelTag level={node.level} />
              <span className="org-node-name">{node.name}</span>
              <Typography.Text type="secondary" className="org-node-code">
                {node.code}
              </Typography.Text>
            </span>
          ),
          children: below ? build(node.id) : undefined,
        };
      });
    return build(ROOT);
  }, [children]);

  const byKey = useMemo(() => {
    const map = new Map<string, OrgNode>();
    for (const list of Object.values(children)) for (const node of list) map.set(nodeKey(node), node);
    return map;
  }, [children]);

  const onSelect = (keys: React.Key[]) => {
    const node = byKey.get(String(keys[0] ?? ''));
    if (!node) return;
    setSelected(node);
  };

  const roots = children[ROOT];
  return (
    <Row gutter={16} className="page-fill">
      <Col xs={24} md={11} xl={9} className="page-fill-col">
        <Card title={t('org.treeTitle')} className="fill-card" size="small">
          {!roots ? (
            <Spin />
          ) : roots.length === 0 ? (
            <Empty description={t('org.empty')} />
          ) : (
            <Tree
              data-testid="org-tree"
              showLine
              blockNode
              treeData={treeData}
              selectedKeys={selected ? [nodeKey(selected)] : []}
              onSelect={onSelect}
              loadData={async (node) => {
                const orgNode = byKey.get(String(node.key));
                if (orgNode && orgNode.level !== 'building') await load(orgNode.id).catch(showError);
              }}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} md={13} xl={15} className="page-fill-col">
        <Card title={t('org.detail')} className="fill-card" size="small">
          {selected ? (
            <OrgDetail
              node={selected}
              onSelectUnit={setSelected}
              onChildrenChanged={(parentId) => load(parentId, true).catch(showError)}
            />
          ) : (
            <Empty description={t('org.selectHint')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
