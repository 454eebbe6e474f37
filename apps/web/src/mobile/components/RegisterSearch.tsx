import { label } from '@wangge/rules';
import { ErrorBlock, List, SearchBar, Tag } from 'antd-mobile';
import { useState } from 'react';
import { useLang } from '../i18n/lang';
import { t } from '../i18n/zh';
import { type Hit, hitDescription, hitTitle, searchRegisters } from '../registers';

/** The results of a register search, or 未找到 when there are none. */
export function HitList(props: { hits: Hit[]; onPick?: (hit: Hit) => void; testId: string }) {
  const lang = useLang();
  if (props.hits.length === 0)
    return (
      <ErrorBlock
        status="empty"
        data-testid="search-empty"
        title={t('notFound')}
        description={t('notFoundHint')}
        style={{ '--image-height': '90px' }}
      />
    );
  return (
    <List>
      {props.hits.map((h) => (
        <List.Item
          key={`${h.type}:${h.id}`}
          data-testid={props.testId}
          onClick={props.onPick ? () => props.onPick!(h) : undefined}
          description={hitDescription(h)}
          extra={<Tag>{label('registerEntity', h.type, lang)}</Tag>}
        >
          {hitTitle(h)}
        </List.Item>
      ))}
    </List>
  );
}

/** A search box over the registers of the worker's grid; tapping a hit picks it. */
export function RegisterSearch(props: {
  types: Hit['type'][];
  placeholder: string;
  onPick: (hit: Hit) => void;
  testId?: string;
}) {
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const search = (q: string) => {
    if (!q.trim()) return setHits(null);
    setError(null);
    searchRegisters(q, props.types)
      .then(setHits)
      .catch((e: Error) => setError(e.message));
  };
  return (
    <div data-testid={props.testId}>
      <SearchBar
        placeholder={props.placeholder}
        onSearch={search}
        onClear={() => setHits(null)}
        style={{ marginBottom: 8, '--height': '44px' }}
      />
      {error && <div style={{ color: '#ff4d4f' }}>{error}</div>}
      {hits && <HitList hits={hits} onPick={props.onPick} testId="register-hit" />}
    </div>
  );
}
