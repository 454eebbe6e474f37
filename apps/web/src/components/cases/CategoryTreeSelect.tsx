import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useCaseCategories } from '../../api/cases';
import { useI18n } from '../../i18n/useI18n';

interface Props {
  value?: string;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  /** Only leaves (小类) may be chosen: reporting needs one. */
  leavesOnly?: boolean;
  style?: React.CSSProperties;
  id?: string;
}

/** The two-level category tree (大类 → 小类) of GET /api/case-categories. */
export function CategoryTreeSelect({ value, onChange, placeholder, leavesOnly = false, style, id }: Props) {
  const { pick } = useI18n();
  const { data, isPending } = useCaseCategories();
  const treeData = useMemo(
    () =>
      (data ?? []).map((major) => ({
        value: major.code,
        title: pick(major.nameZh, major.nameEn),
        selectable: !leavesOnly,
        children: major.children.map((leaf) => ({
          value: leaf.code,
          title: `${pick(leaf.nameZh, leaf.nameEn)}`,
          isLeaf: true,
        })),
      })),
    [data, pick, leavesOnly],
  );
  return (
    <TreeSelect<string>
      id={id}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      loading={isPending}
      treeData={treeData}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      placeholder={placeholder}
      style={style}
      popupMatchSelectWidth={false}
      treeDefaultExpandAll={leavesOnly}
      data-testid="case-category-select"
    />
  );
}
