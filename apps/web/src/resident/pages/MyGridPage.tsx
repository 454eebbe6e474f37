import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Collapse, List, NavBar, SearchBar, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { api, type MyGrid, type PublicNotice } from '../api';
import { getLang, t } from '../i18n';

type Place = { lon: number; lat: number } | { addressId: string };

const placeQuery = (place: Place) =>
  'addressId' in place ? `addressId=${place.addressId}` : `lon=${place.lon}&lat=${place.lat}`;

/** The worker's face when there is no photo: the first character of the name on a round badge. */
function Avatar({ name }: { name: string }) {
  return (
    <span className="r-avatar" aria-hidden="true">
      {name.slice(0, 1)}
    </span>
  );
}

export function GridCard({ view, onSetHome }: { view: MyGrid; onSetHome?: () => void }) {
  const { worker } = view;
  return (
    <Card data-testid="grid-card">
      <div className="r-grid-name">
        {view.grid.name} {view.resident && <Tag color="success">{t('isHome')}</Tag>}
      </div>
      <div className="r-empty">
        {view.street.name} · {view.community.name}
      </div>
      {worker ? (
        <div className="r-worker">
          <Avatar name={worker.name} />
          <div>
            <div>
              {t('gridWorker')} {worker.name}
            </div>
            <div data-testid="worker-phone">{worker.phone}</div>
          </div>
        </div>
      ) : (
        <p className="r-empty">{t('noWorker')}</p>
      )}
      <p>
        {t('serviceHours')}：{view.serviceHours}
      </p>
      {worker?.phone && view.phoneRevealed ? (
        <Button
          block
          color="primary"
          size="large"
          onClick={() => {
            window.location.href = `tel:${worker.phone}`;
          }}
        >
          {t('call')} {worker.phone}
        </Button>
      ) : (
        worker && <p className="r-empty">{t('phoneForResidents')}</p>
      )}
      {onSetHome && !view.resident && (
        <Button block onClick={onSetHome}>
          {t('setHome')}
        </Button>
      )}
    </Card>
  );
}

/** The community's current notices (通知公告), newest first; the body opens on a tap. */
function Notices({ communityId }: { communityId: string }) {
  const lang = getLang();
  const notices = useQuery({
    queryKey: ['resident', 'notices', communityId],
    queryFn: () => api.get<{ items: PublicNotice[] }>(`/api/residents/notices?communityId=${communityId}`),
  });
  const items = notices.data?.items ?? [];
  return (
    <div data-testid="notices">
      <h2 className="r-heading">{t('notices')}</h2>
      {!notices.isLoading && items.length === 0 && <p className="r-empty">{t('noNotices')}</p>}
      <Collapse>
        {items.map((n) => (
          <Collapse.Panel
            key={n.id}
            title={
              <div>
                <div>{n.title}</div>
                <div className="r-empty">
                  {new Date(n.publishAt).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en')}
                </div>
              </div>
            }
          >
            {n.body}
          </Collapse.Panel>
        ))}
      </Collapse>
    </div>
  );
}

export function MyGridPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [place, setPlace] = useState<Place | null>(null);
  const [text, setText] = useState('');
  const home = useQuery({
    queryKey: ['resident', 'grid', 'home'],
    queryFn: () => api.get<MyGrid>('/api/residents/grid'),
    retry: false,
  });
  const found = useQuery({
    queryKey: ['resident', 'grid', place],
    queryFn: () => api.get<MyGrid>(`/api/residents/grid?${placeQuery(place!)}`),
    enabled: place !== null,
    retry: false,
  });
  const addresses = useQuery({
    queryKey: ['resident', 'addresses', text],
    queryFn: () =>
      api.get<{ items: { id: string; fullName: string }[] }>(
        `/api/residents/addresses?q=${encodeURIComponent(text)}`,
      ),
    enabled: text.trim().length >= 2,
  });
  const locate = () =>
    navigator.geolocation?.getCurrentPosition(
      (p) => setPlace({ lon: p.coords.longitude, lat: p.coords.latitude }),
      () => Toast.show(t('noLocation')),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  const setHome = async () => {
    if (!place) return;
    try {
      await api.put<MyGrid>('/api/residents/home-grid', place);
      Toast.show(t('homeSet'));
      setPlace(null);
      await queryClient.invalidateQueries({ queryKey: ['resident', 'grid'] });
    } catch (e) {
      Toast.show((e as Error).message);
    }
  };
  const error = found.error instanceof ApiError ? found.error.message : null;
  return (
    <div data-testid="my-grid">
      <NavBar onBack={() => navigate('/')} backIcon>
        {t('myGrid')}
      </NavBar>
      <div className="r-page">
        {home.data && !place && (
          <>
            <GridCard view={home.data} />
            <Notices communityId={home.data.community.id} />
          </>
        )}
        <h2 className="r-heading">{t('findGrid')}</h2>
        <Button block onClick={locate}>
          {t('useMyPosition')}
        </Button>
        <SearchBar
          placeholder={t('addressSearch')}
          value={text}
          onChange={setText}
          style={{ marginTop: 8 }}
        />
        {text.trim().length >= 2 && (
          <List>
            {(addresses.data?.items ?? []).map((a) => (
              <List.Item
                key={a.id}
                onClick={() => {
                  setPlace({ addressId: a.id });
                  setText('');
                }}
              >
                {a.fullName}
              </List.Item>
            ))}
          </List>
        )}
        {error && <p className="r-empty">{error}</p>}
        {found.data && (
          <>
            <GridCard view={found.data} onSetHome={() => void setHome()} />
            <Notices communityId={found.data.community.id} />
          </>
        )}
      </div>
    </div>
  );
}
