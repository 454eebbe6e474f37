import { Button, Selector, Switch, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { PageBar } from '../components/PageBar';
import { currentPosition, useGet } from '../hooks';
import { pick } from '../i18n/lang';
import { t } from '../i18n/zh';
import { type Checklist, useDue } from '../inspections';
import { PhotoPicker } from '../PhotoPicker';
import { enqueue } from '../queue';
import type { InspectionResult } from '../queue-items';

interface Answer {
  result?: InspectionResult;
  note: string;
  photos: File[];
}

const resultOptions = (): { label: string; value: InspectionResult }[] => [
  { label: t('pass'), value: 'pass' },
  { label: t('fail'), value: 'fail' },
  { label: t('na'), value: 'na' },
];

/** One venue against its checklist: each item 合格/不合格/不适用, failed items with a photo and a note. */
export function InspectionFormPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const unitId = params.get('unitId') ?? '';
  const code = params.get('checklist') ?? '';
  const checklists = useGet<{ items: Checklist[] }>('/api/inspections/checklists', { keep: true });
  const entry = useDue().data?.items.find((e) => e.unit.id === unitId && e.checklistCode === code);
  const checklist = checklists.data?.items.find((c) => c.code === code);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [reportCase, setReportCase] = useState(true);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const answer = (key: string): Answer => answers[key] ?? { note: '', photos: [] };
  const set = (key: string, change: Partial<Answer>) =>
    setAnswers({ ...answers, [key]: { ...answer(key), ...change } });

  const submit = async (): Promise<void> => {
    if (!checklist) return;
    const open = checklist.items.filter((i) => !answer(i.key).result).length;
    if (open) return void Toast.show({ content: t('answerAll', { n: open }) });
    const bare = checklist.items.find((i) => answer(i.key).result === 'fail' && !answer(i.key).photos.length);
    if (bare)
      return void Toast.show({ content: t('failNeedsPhoto', { label: pick(bare.labelZh, bare.labelEn) }) });
    setBusy(true);
    try {
      const here = await currentPosition(5_000).catch(() => null);
      const offline = !navigator.onLine;
      await enqueue({
        kind: 'inspection',
        lon: here?.lon,
        lat: here?.lat,
        payload: {
          unitId,
          unitName: entry?.unit.name ?? unitId,
          checklistCode: checklist.code,
          checklistName: checklist.nameZh,
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(here ? { lon: here.lon, lat: here.lat } : {}),
          reportCase,
          results: checklist.items.map((i) => {
            const a = answer(i.key);
            return {
              key: i.key,
              label: i.labelZh,
              result: a.result!,
              ...(a.result === 'fail' && a.note.trim() ? { note: a.note.trim() } : {}),
              photos:
                a.result === 'fail'
                  ? a.photos.map((f) => ({ blob: f as Blob, name: f.name || 'photo.jpg' }))
                  : [],
            };
          }),
        },
      });
      Toast.show({ icon: 'success', content: offline ? t('inspectionQueued') : t('inspectionSent') });
      navigate('/inspections');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="inspection-form">
      <PageBar back="/inspections">{entry?.unit.name ?? ''}</PageBar>
      {entry && (
        <div className="m-muted" style={{ marginBottom: 8 }}>
          {entry.unit.address} · {checklist ? pick(checklist.nameZh, checklist.nameEn) : entry.checklistName}{' '}
          · {t('dueOn')} {entry.dueOn}
        </div>
      )}
      {checklists.error && !checklist && (
        <div className="m-card" style={{ color: '#ff4d4f' }}>
          {t('inspectionsUnavailable', { msg: checklists.error.message })}
        </div>
      )}
      {checklist && (
        <div className="m-card">
          <h3>{t('checklist')}</h3>
          {checklist.items.map((item, n) => {
            const a = answer(item.key);
            return (
              <div key={item.key} className="m-check-item" data-testid={`check-${item.key}`}>
                <div style={{ marginBottom: 6 }}>
                  {n + 1}. {pick(item.labelZh, item.labelEn)}
                </div>
                <Selector
                  columns={3}
                  options={resultOptions()}
                  value={a.result ? [a.result] : []}
                  onChange={(v) => set(item.key, { result: v[0] })}
                  style={
                    a.result === 'fail'
                      ? { '--checked-color': '#fff1f0', '--checked-text-color': '#cf1322' }
                      : undefined
                  }
                />
                {a.result === 'fail' && (
                  <div style={{ marginTop: 8 }}>
                    <PhotoPicker
                      files={a.photos}
                      onChange={(photos) => set(item.key, { photos })}
                      testId={`check-photo-${item.key}`}
                    />
                    <TextArea
                      placeholder={t('failNote')}
                      value={a.note}
                      onChange={(v) => set(item.key, { note: v })}
                      rows={2}
                      maxLength={500}
                      style={{ marginTop: 6 }}
                    />
                  </div>
                )}
              </div>
            );
          })}
          <div
            style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginTop: 12 }}
          >
            <span>{t('autoReport')}</span>
            <Switch checked={reportCase} onChange={setReportCase} data-testid="inspection-report-case" />
          </div>
          <TextArea
            placeholder={t('inspectionNote')}
            value={note}
            onChange={setNote}
            rows={2}
            maxLength={2000}
            style={{ marginTop: 10 }}
          />
        </div>
      )}
      <Button
        block
        color="primary"
        size="large"
        className="m-big-btn"
        loading={busy}
        disabled={!checklist}
        onClick={submit}
        data-testid="inspection-submit"
      >
        {t('submit')}
      </Button>
    </div>
  );
}
