import { useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { fetchOrgChildren, orgKeys, useOrgUnit } from '../api/org';
import type { Id, OrgNode } from '../api/types';
import { useI18n } from '../i18n/useI18n';

interface SimpleNode {
  id: Id;
  pId: Id;
  value: Id;
  title: string;
  isLeaf: boolean;
}

interface Labeled {
  value: Id;
  label: string;
}

interface CommonProps {
  placeholder?: string;
  /** Labels for values whose nodes are not loaded yet (e.g. a user's current units). */
  knownLabels?: Record<string, string>;
  style?: React.CSSProperties;
  disabled?: boolean;
  /** Only allow choosing units above grid level. */
  excludeGrids?: boolean;
}

interface SingleProps extends CommonProps {
  multiple?: false;
  value?: Id | null;
  onChange?: (value: Id | undefined) => void;
}

interface MultiProps extends CommonProps {
  multiple: true;
  value?: Id[];
  onChange?: (value: Id[]) => void;
}

function toNode(
  unit: OrgNode,
  pId: Id,
  t: (level: OrgNode['level']) => string,
  excludeGrids: boolean,
): SimpleNode {
  // Below grids the tree lists buildings, which are not org units: never descend into them here.
  const leafLevel = excludeGrids ? 'community' : 'grid';
  return {
    id: unit.id,
    pId,
    value: unit.id,
    title: `${unit.name}（${t(unit.level)}）`,
    isLeaf: unit.childCount === 0 || unit.level === leafLevel,
  };
}

/** The level chain as a lazily loaded TreeSelect (GET /api/org/units?parentId=). */
export function OrgUnitTreeSelect(props: SingleProps | MultiProps) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [nodes, setNodes] = useState<SimpleNode[]>([]);
  const levelName = useCallback((level: OrgNode['level']) => t(`level.${level}`), [t]);
  const excludeGrids = props.excludeGrids ?? false;

  const load = useCallback(
    async (parentId: Id | null) => {
      const children = await queryClient.fetchQuery({
        queryKey: orgKeys.children(parentId),
        queryFn: () => fetchOrgChildren(parentId),
        staleTime: 60_000,
      });
      const fresh = children
        .filter((unit) => unit.level !== 'building' && (!excludeGrids || unit.level !== 'grid'))
        .map((unit) => toNode(unit, parentId ?? '', levelName, excludeGrids));
      setNodes((current) => {
        const known = new Set(current.map((node) => node.id));
        return [...current, ...fresh.filter((node) => !known.has(node.id))];
      });
    },
    [queryClient, levelName, excludeGrids],
  );

  useEffect(() => {
    setNodes([]);
    load(null).catch(() => undefined);
  }, [load]);

  // A preset single value (e.g. ?within= in the URL) may sit deep in the tree: fetch its name.
  const single = props.multiple ? null : (props.value ?? null);
  const unknown =
    single !== null && !nodes.some((node) => node.id === single) && !props.knownLabels?.[single];
  const fetched = useOrgUnit(unknown ? single : null);

  const labelOf = (id: Id): string =>
    nodes.find((node) => node.id === id)?.title ??
    props.knownLabels?.[String(id)] ??
    (fetched.data?.id === id ? `${fetched.data.name}（${levelName(fetched.data.level)}）` : String(id));

  const common = {
    treeDataSimpleMode: true,
    treeData: nodes,
    loadData: async (node: { value?: unknown }) => {
      if (typeof node.value === 'string') await load(node.value);
    },
    labelInValue: true,
    allowClear: true,
    showSearch: false,
    placeholder: props.placeholder,
    style: props.style,
    disabled: props.disabled,
    popupMatchSelectWidth: false,
  };

  if (props.multiple) {
    const value: Labeled[] = (props.value ?? []).map((id) => ({ value: id, label: labelOf(id) }));
    return (
      <TreeSelect<Labeled[]>
        {...common}
        multiple
        treeCheckable={false}
        value={value}
        onChange={(next) => props.onChange?.((next ?? []).map((item) => item.value))}
      />
    );
  }
  const value: Labeled | undefined =
    props.value === undefined || props.value === null
      ? undefined
      : { value: props.value, label: labelOf(props.value) };
  return (
    <TreeSelect<Labeled | undefined>
      {...common}
      value={value}
      onChange={(next) => (props as SingleProps).onChange?.(next?.value)}
    />
  );
}
