import { chinaDayOf, chinaDayWindow, coveredMs, DEFAULT_DAILY_VISIT_MINUTES } from '@wangge/rules';
import { Button, Dialog, ErrorBlock, List, Popup, ProgressBar, TextArea, Toast } from 'antd-mobile';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { session } from '../api';
import { beginVisit } from '../begin-visit';
import { RegisterSearch } from '../components/RegisterSearch';
import { hhmm, useGet, useQueue, useReloadOnSent, useTick, useVisit } from '../hooks';
import { t } from '../i18n/zh';
import { visit, visitLabel } from '../visit';

export interface Visit {
  id: string;
  person: { id: string; name: string } | null;
  houseId: string | null;
  startedAt: string;
  endedAt: string;
  minutes: number;
  note: string;
}

/**
 * Today's visits of the worker and the minutes they cover (overlaps once, the rule of
 * @wangge/rules the server applies too), against the worker's daily target from the server.
 */
export function useTodayVisits() {
  const today = chinaDayOf(new Date());
  const list = useGet<{ targetMinutes: number; items: Visit[] }>(`/api/visits?date=${today}`, { keep: true });
  const queue = useQueue();
  const waiting = queue.filter((i) => i.kind === 'visit' && !i.failed).length;
  useReloadOnSent('visit', list.reload);
  const items = list.data?.items ?? [];
  const minutes = Math.round(
    coveredMs(
      items.map((v) => ({ start: Date.parse(v.startedAt), end: Date.parse(v.endedAt) })),
      chinaDayWindow(today),
    ) / 60_000,
  );
  return {
    items,
    minutes,
    target: list.data?.targetMinutes ?? DEFAULT_DAILY_VISIT_MINUTES,
    targetIsDefault: !list.data,
    waiting,
  };
}

function RunningVisitCard() {
  const navigate = useNavigate();
  const running = useVisit();
  const now = useTick(15_000);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  if (!running) return null;
  const minutes = Math.max(0, Math.floor((now - Date.parse(running.startedAt)) / 60_000));
  const end = async () => {
    setBusy(true);
    try {
      const offline = !navigator.onLine;
      await visit.finish(note);
      setNote('');
      Toast.show({ icon: 'success', content: offline ? t('visitQueued') : t('visitSaved') });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="m-card m-visit-running" data-testid="visit-running">
      <h3>
        <span style={{ color: '#52c41a' }}>● {t('visiting')}</span> {running.label}
      </h3>
      <div className="m-muted" data-testid="visit-since" style={{ marginBottom: 8 }}>
        {t('visitSince', { at: hhmm(running.startedAt), n: minutes })}
      </div>
      <TextArea
        data-testid="visit-note"
        placeholder={t('visitNote')}
        value={note}
        onChange={setNote}
        rows={3}
        maxLength={2000}
      />
      <Button
        block
        color="danger"
        size="large"
        className="m-big-btn"
        style={{ marginTop: 10 }}
        loading={busy}
        data-testid="visit-end"
        onClick={end}
      >
        {t('endVisit')}
      </Button>
      {session.me()?.permissions.includes('registers.write') && (
        <Button
          block
          fill="outline"
          style={{ marginTop: 8 }}
          data-testid="visit-edit"
          onClick={() =>
            navigate(
              running.houseId ? `/records/house/${running.houseId}` : `/records/person/${running.personId}`,
            )
          }
        >
          {t('editThisHousehold')}
        </Button>
      )}
      <Button
        block
        fill="none"
        size="small"
        style={{ marginTop: 4, color: '#888' }}
        onClick={async () => {
          if (await Dialog.confirm({ content: `${t('discard')}？` })) visit.discard();
        }}
      >
        {t('discard')}
      </Button>
    </div>
  );
}

export function VisitsPage() {
  const navigate = useNavigate();
  const running = useVisit();
  const today = useTodayVisits();
  const [picking, setPicking] = useState(false);
  const progress = Math.min(100, Math.round((today.minutes / today.target) * 100));
  const sorted = useMemo(
    () => [...today.items].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt)),
    [today.items],
  );
  return (
    <div data-testid="visits">
      <div className="m-title">{t('todayVisits')}</div>
      <div className="m-card">
        <div className="m-stats">
          <div className="m-stat">
            <b data-testid="visit-minutes">{today.minutes}</b>
            <span>{t('visitMinutes')}</span>
          </div>
          <div className="m-stat">
            <b data-testid="visit-count">{today.items.length}</b>
            <span>{t('visitCount')}</span>
          </div>
          <div className="m-stat">
            <b data-testid="visit-target">{today.target}</b>
            <span>
              {t('visitTargetShort')}
              {today.targetIsDefault ? '*' : ''}
            </span>
          </div>
        </div>
        <ProgressBar
          percent={progress}
          text={`${progress}%`}
          style={{ marginTop: 12, '--fill-color': progress >= 100 ? '#52c41a' : '#1677ff' }}
        />
        {today.targetIsDefault && (
          <div className="m-muted" style={{ marginTop: 6 }}>
            * {t('visitTarget', { n: today.target })}
            {t('visitTargetDefault')}
          </div>
        )}
        {today.waiting > 0 && (
          <div className="m-muted" style={{ marginTop: 6, color: '#d46b08' }} data-testid="visit-waiting">
            {t('visitWaiting', { n: today.waiting })}
          </div>
        )}
      </div>
      <RunningVisitCard />
      {!running && (
        <Button
          block
          color="primary"
          size="large"
          className="m-big-btn"
          data-testid="visit-start"
          onClick={() => setPicking(true)}
        >
          {t('startVisit')}
        </Button>
      )}
      <List header={t('todayVisits')} style={{ marginTop: 12 }}>
        {sorted.map((v) => (
          <List.Item
            key={v.id}
            data-testid="visit-item"
            description={v.note || undefined}
            extra={`${v.minutes} 分`}
          >
            {v.person?.name ?? visitLabel({ houseId: v.houseId }) ?? t('visitItem')}{' '}
            <span className="m-muted">
              {hhmm(v.startedAt)}–{hhmm(v.endedAt)}
            </span>
          </List.Item>
        ))}
      </List>
      {sorted.length === 0 && <ErrorBlock status="empty" title={t('visitNone')} description="" />}
      <Popup
        visible={picking}
        onMaskClick={() => setPicking(false)}
        bodyStyle={{ padding: 12, height: '70vh', overflowY: 'auto' }}
      >
        <h3 style={{ margin: '4px 0 8px' }}>{t('pickHousehold')}</h3>
        <div className="m-muted" style={{ marginBottom: 8 }}>
          {t('pickHint')}
        </div>
        <RegisterSearch
          testId="visit-pick"
          types={['person', 'house']}
          placeholder={t('searchPlaceholder')}
          onPick={(hit) => {
            const label = hit.type === 'person' ? (hit.name ?? '') : (hit.address ?? hit.fullName ?? '');
            if (
              beginVisit({
                ...(hit.type === 'person' ? { personId: hit.id } : { houseId: hit.id }),
                label,
              })
            ) {
              setPicking(false);
            }
          }}
        />
        <Button block fill="outline" style={{ marginTop: 12 }} onClick={() => navigate('/lookup')}>
          {t('buildings')}
        </Button>
      </Popup>
    </div>
  );
}
