import { useQueryClient } from '@tanstack/react-query';
import { label, RESIDENT_CATEGORY_CODES } from '@wangge/rules';
import { Button, Card, NavBar, Selector, TextArea, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, type NearbyCase } from '../api';
import { getLang, t } from '../i18n';
import { sendReportOnce } from '../send-report';

type Place = { lon: number; lat: number } | null;

export function ReportPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const lang = getLang();
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [place, setPlace] = useState<Place | 'pending' | 'failed'>('pending');
  const [category, setCategory] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [nearby, setNearby] = useState<NearbyCase[] | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    navigator.geolocation?.getCurrentPosition(
      (p) => setPlace({ lon: p.coords.longitude, lat: p.coords.latitude }),
      () => setPlace('failed'),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  }, []);

  const addPhoto = async (file: File | undefined) => {
    if (!file) return;
    try {
      const id = await api.upload(file);
      setPhotoIds((ids) => [...ids, id]);
    } catch (e) {
      Toast.show((e as Error).message);
    }
  };

  const done = async (message: string, id: string) => {
    Toast.show(message);
    await queryClient.invalidateQueries({ queryKey: ['resident'] });
    navigate(`/reports/${id}`, { replace: true });
  };

  const at = typeof place === 'object' ? place : null;
  const ready = photoIds.length > 0 && at && category;

  const submit = async (checked: boolean) => {
    if (!at || !category) return;
    setBusy(true);
    try {
      if (!checked) {
        const found = await api.get<{ items: NearbyCase[] }>(
          `/api/residents/nearby?lon=${at.lon}&lat=${at.lat}&categoryCode=${category}`,
        );
        if (found.items.length) {
          setNearby(found.items);
          return;
        }
      }
      const id = await sendReportOnce({ categoryCode: category, description, photoIds, ...at });
      await done(t('submitted'), id);
    } catch (e) {
      Toast.show((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const join = async (id: string) => {
    await api.post(`/api/residents/reports/${id}/plus-one`);
    await done(t('joined'), id);
  };

  return (
    <div data-testid="report">
      <NavBar onBack={() => navigate(-1)}>{t('newReport')}</NavBar>
      <div className="r-page">
        <h2 className="r-heading">{t('stepPhoto')}</h2>
        <label className="r-photo">
          <input
            type="file"
            accept="image/*"
            capture="environment"
            onChange={(e) => void addPhoto(e.target.files?.[0])}
          />
          {photoIds.length ? `${t('photoAdded')} (${photoIds.length})` : t('addPhoto')}
        </label>
        <h2 className="r-heading">{t('stepPlace')}</h2>
        <p data-testid="place">
          {place === 'pending' ? t('locating') : place === 'failed' ? t('noLocation') : t('located')}
        </p>
        <h2 className="r-heading">{t('stepCategory')}</h2>
        <Selector
          columns={2}
          options={RESIDENT_CATEGORY_CODES.map((code) => ({
            value: code,
            label: label('residentCategory', code, lang),
          }))}
          value={category ? [category] : []}
          onChange={(v) => {
            setCategory(v[0] ?? null);
            setNearby(null);
          }}
        />
        <TextArea
          placeholder={t('description')}
          value={description}
          onChange={setDescription}
          rows={3}
          maxLength={500}
        />
        {nearby ? (
          <div data-testid="nearby">
            <h2 className="r-heading">{t('sameNearby')}</h2>
            {nearby.map((c) => (
              <Card key={c.id} title={`${c.address} · ${c.distanceMetres}${t('metres')}`}>
                <p>{c.description}</p>
                <p>
                  {label('publicPhase', c.phase, lang)} · {c.plusOnes} {t('plusOnes')}
                </p>
                <Button color="primary" block onClick={() => void join(c.id)}>
                  {t('plusOne')}
                </Button>
              </Card>
            ))}
            <Button block loading={busy} onClick={() => void submit(true)}>
              {t('submitAnyway')}
            </Button>
          </div>
        ) : (
          <Button
            block
            color="primary"
            size="large"
            disabled={!ready}
            loading={busy}
            onClick={() => void submit(false)}
          >
            {t('submit')}
          </Button>
        )}
      </div>
    </div>
  );
}
