import { type CaseAction, label, missingInputs } from '@wangge/rules';
import { Button, List, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { type CasePhoto, CasePhotos } from '../components/CasePhotos';
import { PageBar } from '../components/PageBar';
import { currentPosition, hhmm, useGet } from '../hooks';
import { currentLang } from '../i18n/lang';
import { t } from '../i18n/zh';
import { PhotoPicker } from '../PhotoPicker';
import { enqueue } from '../queue';
import type { CaseSummary } from './TasksPage';

interface CaseDetail extends CaseSummary {
  description: string;
  version: number;
  actions: string[];
  lon: number;
  lat: number;
  photos: CasePhoto[];
  steps: {
    seq: number;
    action: string;
    actorName: string;
    systemActor: string | null;
    at: string;
    note: string | null;
  }[];
}

/** The actions a grid worker takes in the field; others stay in the console. */
const FIELD_ACTIONS = ['acceptTask', 'handle', 'verifyPass', 'verifyFail'] as const satisfies CaseAction[];
const NEEDS_PHOTOS = new Set<CaseAction>(['handle']);

export function TaskPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const lang = currentLang();
  const detail = useGet<CaseDetail>(`/api/cases/${id}`, { keep: true });
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const c = detail.data;
  const actions = FIELD_ACTIONS.filter((a) => c?.actions.includes(a));

  const act = async (action: CaseAction) => {
    if (!c) return;
    if (NEEDS_PHOTOS.has(action) && !photos.length) return Toast.show({ content: t('needAfter') });
    // One text box: it is the reason of an action that needs one, else its note.
    const text = note.trim();
    const missing = missingInputs(action, { note: text, reason: text });
    if (missing.includes('reason')) return Toast.show({ content: t('reasonNeeded') });
    if (missing.includes('note')) return Toast.show({ content: t('noteNeeded') });
    setBusy(action);
    try {
      const here = await currentPosition(5_000).catch(() => null);
      const needsReason = missingInputs(action, {}).includes('reason');
      await enqueue({
        kind: 'action',
        lon: here?.lon,
        lat: here?.lat,
        payload: {
          caseId: c.id,
          caseCode: c.code,
          action,
          version: c.version,
          note: !needsReason && text ? text : undefined,
          reason: needsReason ? text : undefined,
          lon: here?.lon,
          lat: here?.lat,
          photos: NEEDS_PHOTOS.has(action)
            ? photos.map((f) => ({ blob: f as Blob, name: f.name || 'photo.jpg' }))
            : [],
        },
      });
      Toast.show({ icon: 'success', content: navigator.onLine ? t('actionDone') : t('actionQueued') });
      navigate('/tasks');
    } finally {
      setBusy(null);
    }
  };

  return (
    <div data-testid="task">
      <PageBar back="/tasks">{c?.code ?? ''}</PageBar>
      {c && (
        <>
          <div className="m-card">
            <h3>{c.title || c.categoryName}</h3>
            <div>{c.description}</div>
            <div className="m-muted" style={{ marginTop: 6 }}>
              <span data-testid="task-state">{label('caseState', c.state, lang)}</span> ·{' '}
              {c.address ?? `${c.lon.toFixed(5)}, ${c.lat.toFixed(5)}`}
            </div>
          </div>
          <CasePhotos photos={c.photos ?? []} />
          {actions.length > 0 && (
            <div className="m-card">
              <TextArea placeholder={t('note')} value={note} onChange={setNote} rows={2} />
              {actions.some((a) => NEEDS_PHOTOS.has(a)) && (
                <div style={{ marginTop: 10 }}>
                  <div className="m-muted" style={{ marginBottom: 6 }}>
                    {t('afterPhotos')}
                  </div>
                  <PhotoPicker files={photos} onChange={setPhotos} />
                </div>
              )}
              <div style={{ display: 'grid', gap: 8, marginTop: 12 }}>
                {actions.map((a) => (
                  <Button
                    key={a}
                    block
                    size="large"
                    className="m-big-btn"
                    color={a === 'verifyFail' ? 'danger' : 'primary'}
                    loading={busy === a}
                    onClick={() => void act(a)}
                    data-testid={`action-${a}`}
                  >
                    {label('caseAction', a, lang)}
                  </Button>
                ))}
              </div>
            </div>
          )}
          <List header={t('steps')}>
            {c.steps.map((s) => (
              <List.Item key={s.seq} description={s.note ?? undefined} extra={hhmm(s.at)}>
                {label('caseStep', s.action, lang)} ·{' '}
                {s.systemActor ? label('systemActor', s.systemActor, lang) : s.actorName}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </div>
  );
}
