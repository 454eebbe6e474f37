import { Collapse, SearchBar, Selector } from 'antd-mobile';
import { useMemo, useState } from 'react';
import { pick } from '../i18n/lang';
import { t } from '../i18n/zh';

export interface CategoryGroup {
  code: string;
  nameZh: string;
  nameEn: string | null;
  children: { code: string; nameZh: string; nameEn: string | null }[];
}
export interface CategoryLeaf {
  code: string;
  nameZh: string;
  nameEn: string | null;
  group: CategoryGroup;
}

const RECENT_KEY = 'wangge.m.recentCategories';
const RECENT_SIZE = 5;

function recentCodes(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return []; // a damaged entry only costs the recent list
  }
}

/** Puts a category first among the recent choices (last five, kept on the phone). */
export function rememberCategory(code: string): void {
  const next = [code, ...recentCodes().filter((c) => c !== code)].slice(0, RECENT_SIZE);
  localStorage.setItem(RECENT_KEY, JSON.stringify(next));
}

export function leavesOf(groups: readonly CategoryGroup[]): CategoryLeaf[] {
  return groups.flatMap((group) => group.children.map((c) => ({ ...c, group })));
}

/** Whether a leaf matches what the worker typed: a substring of its or its group's names, any case. */
function matches(leaf: CategoryLeaf, query: string): boolean {
  const q = query.trim().toLowerCase();
  return [leaf.nameZh, leaf.nameEn, leaf.group.nameZh, leaf.group.nameEn].some((name) =>
    (name ?? '').toLowerCase().includes(q),
  );
}

/**
 * The phone's category choice: a search box over Chinese and English names, the five recent
 * choices, and the leaves grouped under their 大类 (one group open at a time).
 */
export function CategoryPicker(props: {
  groups: readonly CategoryGroup[];
  value: string | null;
  onChange: (code: string | null) => void;
}) {
  const [query, setQuery] = useState('');
  const leaves = useMemo(() => leavesOf(props.groups), [props.groups]);
  const chosen = leaves.find((l) => l.code === props.value) ?? null;
  // undefined: the chosen category's group, else the first; null: the worker closed every group.
  const [open, setOpen] = useState<string | null | undefined>(undefined);
  const recent = recentCodes()
    .map((c) => leaves.find((l) => l.code === c))
    .filter((l): l is CategoryLeaf => Boolean(l));
  const hits = query.trim() ? leaves.filter((l) => matches(l, query)) : null;
  const choose = (list: readonly CategoryLeaf[], testId: string) => (
    <Selector
      data-testid={testId}
      columns={2}
      options={list.map((l) => ({ label: pick(l.nameZh, l.nameEn), value: l.code }))}
      value={props.value ? [props.value] : []}
      onChange={(v) => props.onChange(v[0] ?? null)}
    />
  );
  return (
    <div data-testid="category-picker">
      <SearchBar
        data-testid="category-search"
        placeholder={t('searchCategory')}
        value={query}
        onChange={setQuery}
        style={{ marginBottom: 8 }}
      />
      {chosen && (
        <div className="m-muted" data-testid="category-chosen" style={{ marginBottom: 8 }}>
          {t('categoryChosen', {
            name: `${pick(chosen.group.nameZh, chosen.group.nameEn)} / ${pick(chosen.nameZh, chosen.nameEn)}`,
          })}
        </div>
      )}
      {hits ? (
        hits.length ? (
          choose(hits, 'category-hits')
        ) : (
          <div className="m-muted" data-testid="category-no-hits">
            {t('noCategoryMatch')}
          </div>
        )
      ) : (
        <>
          {recent.length > 0 && (
            <div data-testid="category-recent" style={{ marginBottom: 8 }}>
              <div className="m-muted" style={{ marginBottom: 6 }}>
                {t('recent')}
              </div>
              {choose(recent, 'category-recent-options')}
            </div>
          )}
          <Collapse
            accordion
            activeKey={open === undefined ? (chosen?.group.code ?? props.groups[0]?.code ?? null) : open}
            onChange={(key) => setOpen(typeof key === 'string' ? key : null)}
          >
            {props.groups.map((g) => (
              <Collapse.Panel
                key={g.code}
                title={
                  <span data-testid={`category-group-${g.code}`}>
                    {pick(g.nameZh, g.nameEn)} <span className="m-muted">{g.children.length}</span>
                  </span>
                }
              >
                {choose(
                  leaves.filter((l) => l.group.code === g.code),
                  `category-group-options-${g.code}`,
                )}
              </Collapse.Panel>
            ))}
          </Collapse>
        </>
      )}
    </div>
  );
}
