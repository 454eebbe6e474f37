import { ActionSheet, type ActionSheetProps, List, SearchBar } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { session } from '../api';
import { beginVisit } from '../begin-visit';
import { HitList } from '../components/RegisterSearch';
import { useGet } from '../hooks';
import { t } from '../i18n/zh';
import { type Hit, hitTitle, searchRegisters } from '../registers';

interface Address {
  id: string;
  fullName: string;
  buildingId: string | null;
}

export function LookupPage() {
  const navigate = useNavigate();
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<Hit | null>(null);
  const buildings = useGet<{ items: Address[] }>('/api/addresses?level=building&pageSize=100', {
    keep: true,
  });
  const search = (q: string) => {
    if (!q.trim()) return setHits(null);
    setError(null);
    searchRegisters(q)
      .then(setHits)
      .catch((e: Error) => setError(e.message));
  };
  const may = (permission: string) => session.me()?.permissions.includes(permission) ?? false;
  const actionsFor = (hit: Hit): ActionSheetProps['actions'] => [
    ...(may('visits.record')
      ? [
          {
            key: 'visit',
            text: t('startVisit'),
            onClick: () => {
              const target = hit.type === 'person' ? { personId: hit.id } : { houseId: hit.id };
              if (beginVisit({ ...target, label: hitTitle(hit) })) navigate('/visits');
            },
          },
        ]
      : []),
    ...(may('registers.write')
      ? [{ key: 'edit', text: t('editRecord'), onClick: () => navigate(`/records/${hit.type}/${hit.id}`) }]
      : []),
    ...(hit.type === 'person' && may('errands.start')
      ? [
          {
            key: 'errand',
            text: t('newErrand'),
            onClick: () =>
              navigate(`/errands/new?personId=${hit.id}&name=${encodeURIComponent(hitTitle(hit))}`),
          },
        ]
      : []),
  ];
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
        <HitList
          hits={hits}
          testId="lookup-hit"
          onPick={(h) => (h.type === 'person' || h.type === 'house' ? setPicked(h) : undefined)}
        />
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
      <ActionSheet
        visible={picked !== null}
        onClose={() => setPicked(null)}
        extra={picked ? hitTitle(picked) : undefined}
        cancelText={t('cancel')}
        closeOnAction
        actions={picked ? actionsFor(picked) : []}
      />
    </div>
  );
}
