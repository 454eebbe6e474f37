import { List, SearchBar, Tag } from 'antd-mobile';
import { useState } from 'react';
import { HIT_TYPE, type Hit, hitTitle, searchRegisters } from '../registers';

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
      {hits && (
        <List>
          {hits.map((h) => (
            <List.Item
              key={`${h.type}:${h.id}`}
              data-testid="register-hit"
              onClick={() => props.onPick(h)}
              description={h.type === 'person' ? (h.address ?? h.phone ?? undefined) : undefined}
              extra={<Tag>{HIT_TYPE[h.type]}</Tag>}
            >
              {hitTitle(h)}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
