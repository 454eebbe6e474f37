import { useQuery, useQueryClient } from '@tanstack/react-query';
import { label } from '@wangge/rules';
import { Button, Card, Dialog, Input, NavBar, Selector, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { ErrandRequest, ErrandRequestList, ResidentErrandTypes } from '../../api/generated';
import { newKey } from '../../mobile/api';
import { api } from '../api';
import { getLang, t } from '../i18n';

const STATE_COLOR: Record<string, string> = {
  requested: 'primary',
  taken: 'success',
  declined: 'warning',
  withdrawn: 'default',
};

interface DocumentSpec {
  key: string;
  labelZh: string;
  labelEn?: string;
}

/** 代办申请: ask the grid worker to run an errand (elderly card, disability certificate …) and follow it. */
export function ErrandRequestsPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const lang = getLang();
  const types = useQuery({
    queryKey: ['resident', 'errand-types'],
    queryFn: () => api.get<ResidentErrandTypes>('/api/residents/errand-types'),
  });
  const mine = useQuery({
    queryKey: ['resident', 'errand-requests'],
    queryFn: () => api.get<ErrandRequestList>('/api/residents/errand-requests'),
  });
  const [typeCode, setTypeCode] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  // One key per form: a resend after a lost answer returns the request already made.
  const [key, setKey] = useState(newKey);
  const [busy, setBusy] = useState(false);
  const type = types.data?.items.find((x) => x.code === typeCode);
  const documents = (type?.requiredDocuments ?? []) as DocumentSpec[];

  const send = async () => {
    setBusy(true);
    try {
      await api.post(
        '/api/residents/errand-requests',
        { typeCode, applicantName: name.trim(), note },
        {
          'idempotency-key': key,
        },
      );
      Toast.show(t('errandRequested'));
      setTypeCode(null);
      setNote('');
      setKey(newKey());
      await queryClient.invalidateQueries({ queryKey: ['resident', 'errand-requests'] });
    } catch (e) {
      const err = e as Error & { code?: string };
      if (err.code === 'no_home_grid') {
        Dialog.confirm({ content: t('needHomeGrid'), onConfirm: () => navigate('/grid') });
      } else Toast.show(err.message);
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async (r: ErrandRequest) => {
    try {
      await api.post(`/api/errand-requests/${r.id}/actions/withdraw`, { version: r.version });
      await queryClient.invalidateQueries({ queryKey: ['resident', 'errand-requests'] });
    } catch (e) {
      Toast.show((e as Error).message);
    }
  };

  return (
    <div data-testid="errand-requests">
      <NavBar onBack={() => navigate('/')}>{t('errandRequests')}</NavBar>
      <div className="r-page">
        <p className="r-hint">{t('errandIntro')}</p>
        <h2 className="r-heading">{t('errandWhich')}</h2>
        <Selector
          columns={2}
          options={(types.data?.items ?? []).map((x) => ({ value: x.code, label: x.name[lang] }))}
          value={typeCode ? [typeCode] : []}
          onChange={(v) => setTypeCode(v[0] ?? null)}
        />
        {type && (
          <div data-testid="errand-documents">
            <h2 className="r-heading">{t('errandPrepare')}</h2>
            <ul className="r-list">
              {documents.map((d) => (
                <li key={d.key}>{lang === 'zh' ? d.labelZh : (d.labelEn ?? d.labelZh)}</li>
              ))}
            </ul>
            <p className="r-hint">{t('errandDays').replace('{days}', String(type.timeLimitDays))}</p>
          </div>
        )}
        <Input
          id="applicant-name"
          className="r-code-input"
          placeholder={t('errandApplicant')}
          value={name}
          onChange={setName}
          maxLength={50}
        />
        <TextArea placeholder={t('errandNote')} value={note} onChange={setNote} rows={3} maxLength={500} />
        <Button
          block
          color="primary"
          size="large"
          loading={busy}
          disabled={!typeCode || !name.trim()}
          onClick={() => void send()}
          style={{ marginTop: 12 }}
        >
          {t('errandSend')}
        </Button>

        <h2 className="r-heading">{t('myErrandRequests')}</h2>
        {mine.data?.items.length === 0 && <p className="r-empty">{t('noErrandRequests')}</p>}
        {mine.data?.items.map((r) => (
          <Card
            key={r.id}
            data-testid="errand-request"
            title={r.type.name[lang]}
            extra={<Tag color={STATE_COLOR[r.state]}>{label('errandRequestState', r.state, lang)}</Tag>}
            style={{ marginBottom: 8 }}
          >
            <p>
              {r.applicantName} · {new Date(r.createdAt).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en')}
            </p>
            {r.note && <p>{r.note}</p>}
            {r.errand && (
              <p>
                {t('errandNumber')} {r.errand.code} · {label('errandState', r.errand.state, lang)}
              </p>
            )}
            {r.reason && (
              <p className="r-error">
                {t('errandDeclinedWhy')}
                {r.reason}
              </p>
            )}
            {r.actions.includes('withdraw') && (
              <Button size="small" onClick={() => void withdraw(r)}>
                {label('errandRequestAction', 'withdraw', lang)}
              </Button>
            )}
          </Card>
        ))}
      </div>
    </div>
  );
}
