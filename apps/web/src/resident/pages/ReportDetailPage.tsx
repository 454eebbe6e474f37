import { useQuery, useQueryClient } from '@tanstack/react-query';
import { label } from '@wangge/rules';
import { Button, NavBar, Rate, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, type MyReport } from '../api';
import { PublicTimeline } from '../components/PublicTimeline';
import { categoryText, getLang, t } from '../i18n';
import { PHASE_COLOR } from './HomePage';

export function ReportDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const lang = getLang();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const report = useQuery({
    queryKey: ['resident', 'report', id],
    queryFn: () => api.get<MyReport>(`/api/residents/reports/${id}`),
  });
  const r = report.data;

  const rate = async () => {
    try {
      await api.post(`/api/residents/reports/${id}/rating`, { score, comment });
      Toast.show(t('rated'));
      await queryClient.invalidateQueries({ queryKey: ['resident'] });
    } catch (e) {
      Toast.show((e as Error).message);
    }
  };

  const [reason, setReason] = useState('');
  const [photoId, setPhotoId] = useState<string | null>(null);
  const addPhoto = async (file: File | undefined) => {
    if (!file) return;
    try {
      setPhotoId(await api.upload(file));
    } catch (e) {
      Toast.show((e as Error).message);
    }
  };
  const reopen = async () => {
    try {
      await api.post(`/api/residents/reports/${id}/reopen`, { reason, photoIds: [photoId] });
      Toast.show(t('reopened'));
      await queryClient.invalidateQueries({ queryKey: ['resident'] });
    } catch (e) {
      Toast.show((e as Error).message);
    }
  };

  return (
    <div data-testid="report-detail">
      <NavBar onBack={() => navigate('/')}>{t('myReports')}</NavBar>
      {r && (
        <div className="r-page">
          <h1 className="r-title">
            {categoryText(r.categoryCode, r.categoryName)}{' '}
            <Tag color={PHASE_COLOR[r.phase]}>{label('publicPhase', r.phase, lang)}</Tag>
          </h1>
          <p>{r.address}</p>
          <p>{r.description}</p>
          <p>
            {r.code}
            {r.plusOnes > 0 && ` · ${r.plusOnes} ${t('plusOnes')}`}
          </p>
          <h2 className="r-heading">{t('timeline')}</h2>
          <PublicTimeline entries={r.timeline ?? []} />
          {r.rating && (
            <p data-testid="my-rating">
              {t('myRating')}: <Rate readOnly value={r.rating.score} /> {r.rating.comment}
            </p>
          )}
          {r.actions.includes('rate') && (
            <div data-testid="rate">
              <h2 className="r-heading">{t('rate')}</h2>
              <Rate value={score} onChange={setScore} />
              <TextArea
                placeholder={t('rateComment')}
                value={comment}
                onChange={setComment}
                maxLength={500}
                rows={2}
              />
              <Button block color="primary" disabled={!score} onClick={() => void rate()}>
                {t('sendRating')}
              </Button>
            </div>
          )}
          {r.actions.includes('reopen') && (
            <div data-testid="reopen">
              <h2 className="r-heading">{t('reopen')}</h2>
              <TextArea
                placeholder={t('reopenReason')}
                value={reason}
                onChange={setReason}
                maxLength={500}
                rows={2}
              />
              <label className="r-photo">
                <input
                  type="file"
                  accept="image/*"
                  capture="environment"
                  onChange={(e) => void addPhoto(e.target.files?.[0])}
                />
                {photoId ? t('photoAdded') : t('addPhoto')}
              </label>
              <Button
                block
                color="warning"
                disabled={!reason.trim() || !photoId}
                onClick={() => void reopen()}
                style={{ marginTop: 8 }}
              >
                {t('sendReopen')}
              </Button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
