import { ERRAND_TRANSITIONS, isErrandAction, label } from '@wangge/rules';
import { Button, Dialog, List, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { call, post } from '../api';
import { AuthImage } from '../components/AuthImage';
import { PageBar } from '../components/PageBar';
import { type ErrandDetail, STATE_COLOR } from '../errands';
import { hhmm, useGet } from '../hooks';
import { currentLang, pick } from '../i18n/lang';
import { t } from '../i18n/zh';
import { PhotoPicker } from '../PhotoPicker';

const shown = (value: unknown, options?: { key: string; labelZh: string; labelEn?: string }[]) => {
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  const option = options?.find((o) => o.key === value);
  return option ? pick(option.labelZh, option.labelEn) : String(value ?? '—');
};

const upload = (file: File) => {
  const form = new FormData();
  form.append('file', file, file.name || 'photo.jpg');
  return call<{ id: string }>('POST', '/api/attachments', { body: form });
};

/** One errand: what was asked, its documents and history, and the buttons the server allows. */
export function ErrandPage() {
  const { id } = useParams();
  const detail = useGet<ErrandDetail>(`/api/errands/${id}`, { keep: true });
  const [note, setNote] = useState('');
  const [extra, setExtra] = useState<Record<string, File[]>>({});
  const [handover, setHandover] = useState<File[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const e = detail.data;
  const lang = currentLang();
  const actions = (e?.actions ?? []).filter(isErrandAction).filter((a) => a !== 'attachDocument');
  const mayAttach = e?.actions.includes('attachDocument') ?? false;

  const run = async (what: string, work: () => Promise<unknown>) => {
    setBusy(what);
    try {
      await work();
      detail.reload();
      setNote('');
      Toast.show({ icon: 'success', content: t('actionDone') });
    } catch (error) {
      Toast.show({ icon: 'fail', content: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(null);
    }
  };

  const act = async (action: (typeof actions)[number]) => {
    if (!e) return;
    const needsReason = ERRAND_TRANSITIONS[action].needs?.includes('reason') ?? false;
    if (needsReason && !note.trim()) return Toast.show({ content: t('reasonNeeded') });
    // A delivery says how the card was handed over (signed by whom).
    if (ERRAND_TRANSITIONS[action].needs?.includes('note') && !note.trim())
      return Toast.show({ content: t('deliveryNoteNeeded') });
    if (!(await Dialog.confirm({ content: `${label('errandAction', action, lang)}？` }))) return;
    await run(action, async () => {
      // The handover photo is uploaded first; the delivery then names it by id.
      const photo = action === 'deliver' ? handover[0] : undefined;
      const attachmentId = photo ? (await upload(photo)).id : undefined;
      await post(`/api/errands/${e.id}/actions/${action}`, {
        version: e.version,
        ...(note.trim() ? (needsReason ? { reason: note.trim() } : { note: note.trim() }) : {}),
        ...(attachmentId ? { attachmentId } : {}),
      });
      if (photo) setHandover([]);
    });
  };

  const attach = (key: string) =>
    run(`doc-${key}`, async () => {
      for (const file of extra[key] ?? []) {
        const uploaded = await upload(file);
        await post(`/api/errands/${e!.id}/documents`, { documentKey: key, attachmentId: uploaded.id });
      }
      setExtra({ ...extra, [key]: [] });
    });

  return (
    <div data-testid="errand">
      <PageBar back="/errands">{e?.code ?? ''}</PageBar>
      {e && (
        <>
          <div className="m-card">
            <h3>
              {pick(e.type.nameZh, e.type.nameEn)} · {e.person.name}{' '}
              <Tag color={STATE_COLOR[e.state] ?? 'default'} data-testid="errand-state">
                {label('errandState', e.state, lang)}
              </Tag>{' '}
              {e.overdue && <Tag color="danger">{t('statusOverdue')}</Tag>}
            </h3>
            <div className="m-muted">
              {e.person.idNumber} · {t('elapsedDays', { n: e.elapsed.days })}
              {e.dueAt ? ` · ${t('dueAt')} ${e.dueAt.slice(0, 10)}` : ''}
            </div>
            {e.fieldSpec.map((f) => (
              <div key={f.key} style={{ marginTop: 6 }}>
                <span className="m-muted">{pick(f.labelZh, f.labelEn)}：</span>
                {shown(
                  e.fields[f.key],
                  f.options as { key: string; labelZh: string; labelEn?: string }[] | undefined,
                )}
              </div>
            ))}
            {e.note && <div style={{ marginTop: 6 }}>{e.note}</div>}
          </div>
          <div className="m-card">
            <h3>{t('documents')}</h3>
            {e.requiredDocuments.map((d) => (
              <div key={d.key} style={{ marginBottom: 10 }}>
                <div className="m-field-label">
                  {pick(d.labelZh, d.labelEn)}{' '}
                  {d.present ? (
                    <Tag color="success">{t('uploaded')}</Tag>
                  ) : (
                    <Tag color="warning">{t('missing')}</Tag>
                  )}
                </div>
                {d.file && <AuthImage className="m-photo" src={d.file.thumbnailUrl} />}
                {mayAttach && (
                  <>
                    <PhotoPicker
                      files={extra[d.key] ?? []}
                      onChange={(f) => setExtra({ ...extra, [d.key]: f })}
                    />
                    {(extra[d.key]?.length ?? 0) > 0 && (
                      <Button
                        size="small"
                        color="primary"
                        loading={busy === `doc-${d.key}`}
                        onClick={() => void attach(d.key)}
                      >
                        {t('upload')}
                      </Button>
                    )}
                  </>
                )}
              </div>
            ))}
          </div>
          {actions.length > 0 && (
            <div className="m-card">
              <TextArea
                placeholder={`${t('note')} / ${t('reason')}`}
                value={note}
                onChange={setNote}
                rows={2}
              />
              {actions.includes('deliver') && (
                <>
                  <div className="m-field-label" style={{ marginTop: 8 }}>
                    {t('handoverPhoto')}
                  </div>
                  {/* One photo: the server takes a single attachmentId per delivery. */}
                  <PhotoPicker
                    files={handover}
                    onChange={(f) => setHandover(f.slice(-1))}
                    testId="errand-handover-photo"
                  />
                </>
              )}
              <div style={{ display: 'grid', gap: 8, marginTop: 12 }}>
                {actions.map((a) => (
                  <Button
                    key={a}
                    block
                    size="large"
                    className="m-big-btn"
                    color={/Return|cancel/.test(a) ? 'danger' : 'primary'}
                    loading={busy === a}
                    onClick={() => void act(a)}
                    data-testid={`errand-action-${a}`}
                  >
                    {label('errandAction', a, lang)}
                  </Button>
                ))}
              </div>
            </div>
          )}
          <List header={t('history')}>
            {e.steps.map((s) => (
              <List.Item
                key={s.seq}
                description={[s.reason, s.note].filter(Boolean).join(' · ') || undefined}
                extra={`${s.at.slice(5, 10)} ${hhmm(s.at)}`}
              >
                {label('errandStep', s.action, lang)} · {s.actorName}
                {s.photo && (
                  <div data-testid="errand-handover" style={{ marginTop: 6 }}>
                    <AuthImage className="m-photo" src={s.photo.thumbnailUrl} alt={t('handoverPhotoAlt')} />
                  </div>
                )}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </div>
  );
}
