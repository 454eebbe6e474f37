import { useQuery } from '@tanstack/react-query';
import { label } from '@wangge/rules';
import { Button, Input, List, NavBar, Tag } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, type TrackedReport } from '../api';
import { PublicTimeline } from '../components/PublicTimeline';
import { categoryText, getLang, t } from '../i18n';
import { trackedOnDevice } from '../tracking';
import { PHASE_COLOR } from './HomePage';

/** Following a report by its tracking code: no account needed, the public timeline only. */
export function TrackPage() {
  const { code } = useParams();
  const navigate = useNavigate();
  const lang = getLang();
  const [typed, setTyped] = useState(code ?? '');
  const report = useQuery({
    queryKey: ['resident', 'track', code],
    queryFn: () => api.get<TrackedReport>(`/api/residents/track/${encodeURIComponent(code!)}`),
    enabled: Boolean(code),
    retry: false,
  });
  const r = report.data;
  const onDevice = trackedOnDevice();
  const day = (at: string) => new Date(at).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en');

  return (
    <div data-testid="track">
      <NavBar onBack={() => navigate('/')}>{t('trackProgress')}</NavBar>
      <div className="r-page">
        <Input
          id="tracking-code"
          className="r-code-input"
          placeholder={t('enterTrackingCode')}
          value={typed}
          onChange={setTyped}
          maxLength={16}
        />
        <Button
          block
          color="primary"
          disabled={typed.replace(/[\s-]/g, '').length < 11}
          onClick={() => navigate(`/track/${encodeURIComponent(typed.trim())}`, { replace: true })}
        >
          {t('track')}
        </Button>
        {report.isError && <p className="r-error">{(report.error as Error).message}</p>}
        {r && (
          <div data-testid="tracked-report">
            <p className="r-code" data-testid="tracking-code">
              {t('trackingCode')} <strong>{code}</strong>
            </p>
            <p className="r-hint">{t('trackingCodeHint')}</p>
            <h1 className="r-title">
              {categoryText(r.categoryCode, r.categoryName)}{' '}
              <Tag color={PHASE_COLOR[r.phase]}>{label('publicPhase', r.phase, lang)}</Tag>
            </h1>
            <p>{r.address}</p>
            <p>{r.description}</p>
            <p>{r.code}</p>
            <h2 className="r-heading">{t('timeline')}</h2>
            <PublicTimeline entries={r.timeline} />
          </div>
        )}
        {!code && onDevice.length > 0 && (
          <>
            <h2 className="r-heading">{t('trackedOnDevice')}</h2>
            <List>
              {onDevice.map((e) => (
                <List.Item
                  key={e.code}
                  onClick={() => navigate(`/track/${e.code}`)}
                  description={`${e.code} · ${day(e.reportedAt)}`}
                >
                  {label('residentCategory', e.categoryCode, lang)}
                </List.Item>
              ))}
            </List>
          </>
        )}
      </div>
    </div>
  );
}
