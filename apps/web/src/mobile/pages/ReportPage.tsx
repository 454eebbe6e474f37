import { reportChoicesFor } from '@wangge/rules';
import { Button, Result, Switch, TextArea, Toast } from 'antd-mobile';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { get, session } from '../api';
import { type CategoryGroup, CategoryPicker, leavesOf, rememberCategory } from '../components/CategoryPicker';
import { FieldMap } from '../FieldMap';
import { currentPosition, useGet } from '../hooks';
import { t } from '../i18n/zh';
import { PhotoPicker } from '../PhotoPicker';
import { enqueue, listQueue, sentLog, subscribe } from '../queue';
import type { CaseSummary } from './TasksPage';

/** How long the success screen waits for an online report to go through before saying "queued". */
const DELIVERY_WAIT_MS = 20_000;

/**
 * Resolves with the case number once the queued report `key` is delivered, or null when it stays
 * on the phone (offline, failed, or slower than DELIVERY_WAIT_MS): the sent log shows it later.
 */
function delivered(key: string): Promise<string | null> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: string | null) => {
      if (done) return;
      done = true;
      stop();
      clearTimeout(timer);
      resolve(value);
    };
    const check = async () => {
      const note = sentLog().find((n) => n.key === key);
      if (note) return finish(note.ref ?? null);
      const waiting = (await listQueue()).find((i) => i.key === key);
      if (!navigator.onLine || waiting?.failed) finish(null);
    };
    const stop = subscribe(() => void check());
    const timer = setTimeout(() => finish(null), DELIVERY_WAIT_MS);
    void check();
  });
}

interface Outcome {
  code: string;
  kase: CaseSummary | null;
}

export function ReportPage() {
  const navigate = useNavigate();
  const categories = useGet<{ items: CategoryGroup[] }>('/api/case-categories', { keep: true });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [photos, setPhotos] = useState<File[]>([]);
  const [after, setAfter] = useState<File[]>([]);
  const [code, setCode] = useState<string | null>(null);
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

  const leaves = useMemo(() => leavesOf(categories.data?.items ?? []), [categories.data]);

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
      const key = await enqueue({
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
      rememberCategory(category.code);
      setPhotos([]);
      setAfter([]);
      setCode(null);
      setNote('');
      setSelfHandled(false);
      // Offline the worker goes on to the next report at once; the number shows in the sent log.
      const caseCode = madeOffline ? null : await delivered(key);
      if (!caseCode) {
        Toast.show({ icon: 'success', content: t('queued') });
        return;
      }
      // The number is enough to say it went through; the address the server filled in is a bonus.
      const found = await get<{ items: CaseSummary[] }>(
        `/api/cases?view=mine&q=${encodeURIComponent(caseCode)}&pageSize=1`,
      ).catch(() => null);
      setOutcome({ code: caseCode, kase: found?.items[0] ?? null });
    } finally {
      setBusy(false);
    }
  };

  if (outcome) {
    const kase = outcome.kase;
    return (
      <div data-testid="report-done" className="m-card">
        <Result
          status="success"
          title={t('reportDone')}
          description={
            <div>
              <div>
                {t('caseNumber')}：<b data-testid="report-done-code">{outcome.code}</b>
              </div>
              {kase?.address && (
                <div data-testid="report-done-address">
                  {t('reportAddress')}：{kase.address}
                </div>
              )}
            </div>
          }
        />
        {kase && (
          <Button
            block
            style={{ marginTop: 8 }}
            data-testid="report-done-view"
            onClick={() => navigate(`/tasks/${kase.id}`)}
          >
            {t('viewCase')}
          </Button>
        )}
        <Button block style={{ marginTop: 8 }} onClick={() => navigate('/my-reports')}>
          {t('myReports')}
        </Button>
        <Button
          block
          color="primary"
          style={{ marginTop: 8 }}
          data-testid="report-again"
          onClick={() => setOutcome(null)}
        >
          {t('reportAnother')}
        </Button>
      </div>
    );
  }

  return (
    <div data-testid="report">
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 8 }}>
        <button
          type="button"
          className="m-plain"
          data-testid="report-my-reports"
          onClick={() => navigate('/my-reports')}
        >
          {t('myReports')} ›
        </button>
      </div>
      <div className="m-card">
        <h3>{selfHandled ? t('beforePhotos') : t('photos')}</h3>
        <PhotoPicker files={photos} onChange={setPhotos} testId="report-photos" />
      </div>
      <div className="m-card" data-testid="report-categories">
        <h3>{t('category')}</h3>
        <CategoryPicker groups={categories.data?.items ?? []} value={code} onChange={setCode} />
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
        {/* 自处理 is a grid worker's on-the-spot handling; a resident only reports. */}
        {reportChoicesFor(session.me()?.permissions ?? []).selfHandling && (
          <div
            style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginTop: 10 }}
          >
            <span>{t('selfHandled')}</span>
            <Switch checked={selfHandled} onChange={setSelfHandled} />
          </div>
        )}
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
