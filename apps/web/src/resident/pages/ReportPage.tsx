import { useQueryClient } from '@tanstack/react-query';
import { label, RESIDENT_CATEGORY_CODES } from '@wangge/rules';
import { Button, Card, Input, NavBar, Selector, TextArea, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, type NearbyCase } from '../api';
import { getLang, t } from '../i18n';
import { PinMap } from '../PinMap';
import { sendAnonymousOnce, sendReportOnce } from '../send-report';

type Place = { lon: number; lat: number } | null;

/** A report in three steps; without an account (`anonymous`) it skips "+1" and answers with a tracking code. */
export function ReportPage({ anonymous = false }: { anonymous?: boolean }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const lang = getLang();
  const [photos, setPhotos] = useState<{ id: string; token?: string }[]>([]);
  const [contactPhone, setContactPhone] = useState('');
  const [place, setPlace] = useState<Place | 'pending' | 'failed'>('pending');
  const [category, setCategory] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [nearby, setNearby] = useState<NearbyCase[] | null>(null);
  const [pinMoved, setPinMoved] = useState(false);
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
      const photo = anonymous ? await api.uploadAnonymous(file) : { id: await api.upload(file) };
      setPhotos((list) => [...list, photo]);
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
  const ready = photos.length > 0 && at && category && (!contactPhone || /^1[3-9]\d{9}$/.test(contactPhone));

  const submit = async (checked: boolean) => {
    if (!at || !category) return;
    setBusy(true);
    try {
      if (anonymous) {
        const code = await sendAnonymousOnce({
          categoryCode: category,
          description,
          photos: photos.map((p) => ({ id: p.id, token: p.token ?? '' })),
          ...at,
          ...(contactPhone ? { contactPhone } : {}),
        });
        Toast.show(t('submittedAnonymous'));
        navigate(`/track/${code}`, { replace: true });
        return;
      }
      if (!checked) {
        const found = await api.get<{ items: NearbyCase[] }>(
          `/api/residents/nearby?lon=${at.lon}&lat=${at.lat}&categoryCode=${category}`,
        );
        if (found.items.length) {
          setNearby(found.items);
          return;
        }
      }
      const photoIds = photos.map((p) => p.id);
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
          {photos.length ? `${t('photoAdded')} (${photos.length})` : t('addPhoto')}
        </label>
        <h2 className="r-heading">{t('stepPlace')}</h2>
        <p data-testid="place">
          {place === 'pending'
            ? t('locating')
            : pinMoved
              ? t('pinMoved')
              : place === 'failed'
                ? t('noLocation')
                : t('located')}
        </p>
        <PinMap
          at={at}
          fallback={place === 'failed'}
          signedIn={!anonymous}
          onMove={(p) => {
            setPlace(p);
            setPinMoved(true);
            setNearby(null);
          }}
        />
        {place !== 'pending' && <p className="r-hint">{t('dragPin')}</p>}
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
        {anonymous && (
          <>
            <Input
              id="contact-phone"
              type="tel"
              inputMode="numeric"
              maxLength={11}
              placeholder={t('contactPhone')}
              value={contactPhone}
              onChange={setContactPhone}
            />
            <p className="r-hint">{t('anonymousNote')}</p>
          </>
        )}
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
