import { Button, Selector, Switch, TextArea, Toast } from 'antd-mobile';
import { useEffect, useMemo, useState } from 'react';
import { FieldMap } from '../FieldMap';
import { currentPosition, useGet } from '../hooks';
import { t } from '../i18n/zh';
import { PhotoPicker } from '../PhotoPicker';
import { enqueue } from '../queue';

interface Category {
  code: string;
  nameZh: string;
  children: { code: string; nameZh: string }[];
}
const RECENT_KEY = 'wangge.m.recentCategories';
const recentCodes = (): string[] => JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as string[];

export function ReportPage() {
  const categories = useGet<{ items: Category[] }>('/api/case-categories', { keep: true });
  const [photos, setPhotos] = useState<File[]>([]);
  const [after, setAfter] = useState<File[]>([]);
  const [code, setCode] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [where, setWhere] = useState<{ lon: number; lat: number } | null>(null);
  const [geoError, setGeoError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [selfHandled, setSelfHandled] = useState(false);
  const [busy, setBusy] = useState(false);

  const locate = () => {
    setGeoError(null);
    currentPosition()
      .then((p) => setWhere({ lon: p.lon, lat: p.lat }))
      .catch((e: Error) => setGeoError(e.message));
  };
  useEffect(locate, []);

  const leaves = useMemo(
    () => (categories.data?.items ?? []).flatMap((m) => m.children.map((c) => ({ ...c, parent: m.nameZh }))),
    [categories.data],
  );
  const recent = recentCodes()
    .map((c) => leaves.find((l) => l.code === c))
    .filter((l): l is (typeof leaves)[number] => Boolean(l));
  const options = (list: typeof leaves) => list.map((l) => ({ label: l.nameZh, value: l.code }));

  const submit = async (): Promise<void> => {
    const category = leaves.find((l) => l.code === code);
    const problem = !category
      ? 'needCategory'
      : !where
        ? 'needLocation'
        : selfHandled && !after.length
          ? 'needAfter'
          : null;
    if (problem || !category || !where) {
      Toast.show({ content: t(problem ?? 'needCategory') });
      return;
    }
    setBusy(true);
    try {
      const slot = (f: File) => ({ blob: f as Blob, name: f.name || 'photo.jpg' });
      const madeOffline = !navigator.onLine;
      await enqueue({
        kind: 'case',
        lon: where.lon,
        lat: where.lat,
        payload: {
          categoryCode: category.code,
          categoryName: category.nameZh,
          description: note.trim() || category.nameZh,
          lon: where.lon,
          lat: where.lat,
          selfHandled,
          photos: photos.map(slot),
          afterPhotos: selfHandled ? after.map(slot) : [],
          madeOffline,
        },
      });
      localStorage.setItem(
        RECENT_KEY,
        JSON.stringify([category.code, ...recentCodes().filter((c) => c !== category.code)].slice(0, 6)),
      );
      Toast.show({ icon: 'success', content: madeOffline ? t('queued') : t('reported') });
      setPhotos([]);
      setAfter([]);
      setCode(null);
      setNote('');
      setSelfHandled(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="report">
      <div className="m-card">
        <h3>{selfHandled ? t('beforePhotos') : t('photos')}</h3>
        <PhotoPicker files={photos} onChange={setPhotos} testId="report-photos" />
      </div>
      <div className="m-card" data-testid="report-categories">
        <h3>{t('category')}</h3>
        {recent.length > 0 && (
          <>
            <div className="m-muted" style={{ marginBottom: 6 }}>
              {t('recent')}
            </div>
            <Selector
              columns={3}
              options={options(recent)}
              value={code ? [code] : []}
              onChange={(v) => setCode(v[0] ?? null)}
            />
          </>
        )}
        <button
          type="button"
          className="m-muted m-plain"
          style={{ margin: '10px 0 6px' }}
          onClick={() => setShowAll(!showAll)}
        >
          {t('allCategories')} {showAll || recent.length === 0 ? '▲' : '▼'}
        </button>
        {(showAll || recent.length === 0) && (
          <Selector
            columns={3}
            options={options(leaves)}
            value={code ? [code] : []}
            onChange={(v) => setCode(v[0] ?? null)}
          />
        )}
      </div>
      <div className="m-card">
        <h3>
          {t('location')}{' '}
          <span className="m-muted">
            {where ? t('locationHint') : geoError ? t('noGeo', { msg: geoError }) : t('locating')}
          </span>
        </h3>
        <FieldMap marker={where} onMarkerMove={setWhere} height={180} testId="report-map" />
        {where && (
          <div className="m-muted" data-testid="report-where" style={{ marginTop: 6 }}>
            {where.lon.toFixed(6)}, {where.lat.toFixed(6)}
          </div>
        )}
      </div>
      <div className="m-card">
        <TextArea placeholder={t('note')} value={note} onChange={setNote} rows={2} maxLength={500} />
        <div
          style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginTop: 10 }}
        >
          <span>{t('selfHandled')}</span>
          <Switch checked={selfHandled} onChange={setSelfHandled} />
        </div>
        {selfHandled && (
          <div style={{ marginTop: 10 }}>
            <div className="m-muted" style={{ marginBottom: 6 }}>
              {t('afterPhotos')}
            </div>
            <PhotoPicker files={after} onChange={setAfter} testId="report-after-photos" />
          </div>
        )}
      </div>
      <Button
        block
        color="primary"
        size="large"
        className="m-big-btn"
        loading={busy}
        onClick={submit}
        data-testid="report-submit"
      >
        {t('submit')}
      </Button>
    </div>
  );
}
