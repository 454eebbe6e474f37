import { List, SearchBar, Tag } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { get } from '../api';
import { useGet } from '../hooks';
import { t } from '../i18n/zh';

interface Hit {
  type: 'person' | 'house' | 'unit' | 'address';
  id: string;
  name?: string;
  fullName?: string;
  address?: string | null;
  phone?: string | null;
  kind?: string;
  level?: string;
}
interface Address {
  id: string;
  fullName: string;
  buildingId: string | null;
}
const TYPE: Record<Hit['type'], string> = { person: '人员', house: '房屋', unit: '单位', address: '地址' };

export function LookupPage() {
  const navigate = useNavigate();
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const buildings = useGet<{ items: Address[] }>('/api/addresses?level=building&pageSize=100', {
    keep: true,
  });
  const search = (q: string) => {
    if (!q.trim()) return setHits(null);
    setError(null);
    get<{ items: Hit[] }>(`/api/registers/search?q=${encodeURIComponent(q.trim())}&limit=50`)
      .then((r) => setHits(r.items))
      .catch((e: Error) => setError(e.message));
  };
  return (
    <div data-testid="lookup">
      <SearchBar
        placeholder={t('searchPlaceholder')}
        onSearch={search}
        onClear={() => setHits(null)}
        style={{ marginBottom: 12, '--height': '44px' }}
      />
      {error && <div style={{ color: '#ff4d4f' }}>{error}</div>}
      {hits ? (
        <List>
          {hits.map((h) => (
            <List.Item
              key={`${h.type}:${h.id}`}
              description={h.address ?? h.phone ?? undefined}
              extra={<Tag>{TYPE[h.type]}</Tag>}
            >
              {h.name ?? h.fullName ?? h.address}
            </List.Item>
          ))}
        </List>
      ) : (
        <List header={t('buildings')}>
          {(buildings.data?.items ?? [])
            .filter((b) => b.buildingId)
            .map((b) => (
              <List.Item key={b.id} onClick={() => navigate(`/buildings/${b.buildingId}`)}>
                {b.fullName}
              </List.Item>
            ))}
        </List>
      )}
    </div>
  );
}
