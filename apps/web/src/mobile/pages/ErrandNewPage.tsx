import { missingDocuments, validateExtraFields } from '@wangge/rules';
import { Button, Selector, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { type FieldDraft, FieldsForm } from '../components/FieldsForm';
import { PageBar } from '../components/PageBar';
import { RegisterSearch } from '../components/RegisterSearch';
import type { ErrandType } from '../errands';
import { useGet } from '../hooks';
import { pick } from '../i18n/lang';
import { t } from '../i18n/zh';
import { PhotoPicker } from '../PhotoPicker';
import { enqueue } from '../queue';

const slot = (f: File) => ({ blob: f as Blob, name: f.name || 'photo.jpg' });

export function ErrandNewPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const types = useGet<{ items: ErrandType[] }>('/api/errand-types', { keep: true });
  const [person, setPerson] = useState<{ id: string; name: string } | null>(() => {
    const id = params.get('personId');
    return id ? { id, name: params.get('name') ?? '' } : null;
  });
  // Taking a resident's request (居民申请): its type is fixed and their number filled in.
  const requestId = params.get('request');
  const [code, setCode] = useState<string | null>(() => params.get('type'));
  const [values, setValues] = useState<FieldDraft>(() => {
    const draft: FieldDraft = {};
    const phone = params.get('phone');
    if (phone) draft.applicant_phone = phone;
    return draft;
  });
  const [docs, setDocs] = useState<Record<string, File[]>>({});
  const [note, setNote] = useState('');
  const [error, setError] = useState<{ field: string; reason: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const active = (types.data?.items ?? []).filter((ty) => ty.active);
  const type = active.find((ty) => ty.code === code);

  const submit = async (): Promise<void> => {
    if (!person) return void Toast.show({ content: t('needResident') });
    if (!type) return void Toast.show({ content: t('needType') });
    const checked = validateExtraFields(type.requiredFields, values);
    if (!checked.ok) {
      setError({ field: checked.field, reason: checked.reason });
      return void Toast.show({ content: checked.reason });
    }
    setError(null);
    const missing = missingDocuments(
      type.requiredDocuments,
      Object.keys(docs).filter((k) => docs[k]?.length),
    );
    if (missing.length)
      return void Toast.show({
        content: t('needDocument', { label: pick(missing[0]!.labelZh, missing[0]!.labelEn) }),
      });
    setBusy(true);
    try {
      const offline = !navigator.onLine;
      await enqueue({
        kind: 'errand',
        payload: {
          personId: person.id,
          personName: person.name,
          typeCode: type.code,
          typeName: type.nameZh,
          fields: checked.values,
          note: note.trim(),
          ...(requestId ? { requestId, requestVersion: Number(params.get('version') ?? 1) } : {}),
          documents: type.requiredDocuments.map((d) => ({
            key: d.key,
            label: d.labelZh,
            photos: (docs[d.key] ?? []).map(slot),
          })),
        },
      });
      Toast.show({ icon: 'success', content: offline ? t('errandQueued') : t('errandSent') });
      navigate('/errands');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="errand-form">
      <PageBar back="/errands">{t('newErrand')}</PageBar>
      {requestId && (
        <div className="m-card" data-testid="errand-from-request">
          <b>{t('fromResident', { name: params.get('applicant') ?? '' })}</b>
          {params.get('note') && <div>{params.get('note')}</div>}
        </div>
      )}
      <div className="m-card">
        <h3>{t('pickResident')}</h3>
        {person ? (
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <b data-testid="errand-person">{person.name}</b>
            <Button size="small" onClick={() => setPerson(null)}>
              {t('change')}
            </Button>
          </div>
        ) : (
          <RegisterSearch
            testId="errand-pick"
            types={['person']}
            placeholder={t('pickResidentHint')}
            onPick={(hit) => setPerson({ id: hit.id, name: hit.name ?? '' })}
          />
        )}
      </div>
      <div className="m-card" data-testid="errand-types">
        <h3>{t('errandType')}</h3>
        <Selector
          columns={2}
          disabled={Boolean(requestId)}
          options={active.map((ty) => ({ label: pick(ty.nameZh, ty.nameEn), value: ty.code }))}
          value={code ? [code] : []}
          onChange={(v) => {
            setCode(v[0] ?? null);
            setValues({});
            setDocs({});
            setError(null);
          }}
        />
      </div>
      {type && (
        <>
          <div className="m-card">
            <h3>{t('errandFields')}</h3>
            <FieldsForm specs={type.requiredFields} values={values} onChange={setValues} error={error} />
          </div>
          <div className="m-card">
            <h3>{t('documents')}</h3>
            {type.requiredDocuments.map((d) => (
              <div key={d.key} style={{ marginBottom: 10 }}>
                <div className="m-field-label">
                  <span style={{ color: '#ff4d4f' }}>* </span>
                  {pick(d.labelZh, d.labelEn)}
                </div>
                <PhotoPicker
                  files={docs[d.key] ?? []}
                  onChange={(files) => setDocs({ ...docs, [d.key]: files })}
                  testId={`doc-${d.key}`}
                />
              </div>
            ))}
          </div>
          <div className="m-card">
            <TextArea
              placeholder={t('errandNote')}
              value={note}
              onChange={setNote}
              rows={2}
              maxLength={2000}
            />
          </div>
        </>
      )}
      <Button
        block
        color="primary"
        size="large"
        className="m-big-btn"
        loading={busy}
        onClick={submit}
        data-testid="errand-submit"
      >
        {t('errandSubmit')}
      </Button>
    </div>
  );
}
