import { label, type YearRating } from '@wangge/rules';
import { ErrorBlock, List, PullToRefresh, Tag } from 'antd-mobile';
import type { WorkerCareer, WorkerTraining } from '../../api/generated';
import { session } from '../api';
import { PageBar } from '../components/PageBar';
import { useGet } from '../hooks';
import { useLang } from '../i18n/lang';
import { t } from '../i18n/zh';

const RATING_COLOR: Record<YearRating, string> = {
  excellent: 'success',
  qualified: 'primary',
  unqualified: 'danger',
};

const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? '—' : (fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 });

const day = (iso: string) =>
  new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }).replaceAll('/', '-');

/**
 * 我的成长: the worker's own grade and pay on the ladder, a promotion awaiting a decision, the
 * yearly ratings, the grade history, and this year's training with hours and certificates.
 */
export function MyCareerPage() {
  const lang = useLang();
  const me = session.me();
  const career = useGet<WorkerCareer>(me ? `/api/careers/workers/${me.id}` : null);
  const training = useGet<WorkerTraining>(me ? `/api/training/workers/${me.id}` : null);
  const c = career.data;
  const tr = training.data;
  const pending = c?.promotions.filter((p) => p.state === 'proposed') ?? [];
  const ratings = [...(c?.ratings ?? [])].sort((a, b) => b.year - a.year);
  const certificates = tr?.records.filter((r) => r.certificateNo) ?? [];
  const error = career.error ?? training.error;

  return (
    <div data-testid="my-career">
      <PageBar>{t('myCareer')}</PageBar>
      <PullToRefresh
        onRefresh={async () => {
          career.reload();
          training.reload();
        }}
      >
        {error && <ErrorBlock status="default" title={error.message} description="" />}
        {c && (
          <div className="m-card">
            <div className="m-stats">
              <div className="m-stat">
                <b data-testid="career-grade">{c.grade ? t('careerGradeN', { n: c.grade }) : '—'}</b>
                <span>{t('careerGrade')}</span>
              </div>
              <div className="m-stat">
                <b data-testid="career-pay">{yuan(c.payFen)}</b>
                <span>{t('careerPay')}</span>
              </div>
            </div>
            <div className="m-muted" style={{ marginTop: 8 }}>
              {c.grade === null
                ? t('careerNoGrade')
                : c.nextPayFen !== null
                  ? t('careerNextPay', { pay: yuan(c.nextPayFen) })
                  : t('careerTopGrade')}
              {c.ladder && (
                <div>{t('careerLadder', { unit: c.ladder.unitName, from: c.ladder.effectiveFrom })}</div>
              )}
            </div>
          </div>
        )}
        {pending.map((p) => (
          <div
            key={p.id}
            className="m-card"
            data-testid="career-promotion"
            style={{ background: '#fffbe6', border: '1px solid #ffe58f' }}
          >
            <b>{t('careerPromotion')}</b>
            <div>{t('careerPromotionPending', { from: p.fromGrade, to: p.toGrade })}</div>
            <div className="m-muted">
              {label('promotionBasis', p.basis, lang)}（{p.years.join('、')}）
            </div>
          </div>
        ))}
        {c && (
          <List header={t('careerRatings')} data-testid="career-ratings">
            {ratings.length === 0 && <List.Item>{t('careerNone')}</List.Item>}
            {ratings.map((r) => (
              <List.Item
                key={r.year}
                data-testid="career-rating"
                description={
                  r.meanScore !== null
                    ? t('careerMeanScore', { score: r.meanScore, months: r.months })
                    : undefined
                }
                extra={
                  r.state === 'confirmed' && r.rating ? (
                    <Tag color={RATING_COLOR[r.rating]}>{label('yearRating', r.rating, lang)}</Tag>
                  ) : (
                    <Tag color="default">
                      {t('careerRatingPending', {
                        rating: r.proposed ? label('yearRating', r.proposed, lang) : '—',
                      })}
                    </Tag>
                  )
                }
              >
                {r.year}
              </List.Item>
            ))}
          </List>
        )}
        {tr && (
          <List
            header={t('careerTraining', { year: tr.year })}
            data-testid="career-training"
            style={{ marginTop: 12 }}
          >
            <List.Item>
              <div className="m-stats">
                <div className="m-stat">
                  <b data-testid="career-hours">{tr.hours}</b>
                  <span>{t('careerTrainingHours')}</span>
                </div>
                <div className="m-stat">
                  <b>{tr.count}</b>
                  <span>{t('careerTrainingCount')}</span>
                </div>
                <div className="m-stat">
                  <b>{certificates.length}</b>
                  <span>{t('careerCertificates')}</span>
                </div>
              </div>
            </List.Item>
            {tr.records.map((r) => (
              <List.Item
                key={r.sessionId}
                data-testid="career-course"
                description={
                  <>
                    <div>
                      {day(r.startsAt)} · {label('trainingKind', r.kind, lang)}
                      {r.quizScore !== null &&
                        ` · ${t('careerQuiz', { score: r.quizScore })}${
                          r.passed === null ? '' : ` ${r.passed ? t('careerPassed') : t('careerFailed')}`
                        }`}
                    </div>
                    {r.certificateNo && (
                      <div style={{ color: '#389e0d' }} data-testid="career-certificate">
                        {t('careerCertificate', { no: r.certificateNo, date: r.certificateIssuedOn ?? '' })}
                      </div>
                    )}
                  </>
                }
                extra={
                  r.attended ? (
                    <span style={{ fontWeight: 600, color: '#000' }}>{r.hours}</span>
                  ) : (
                    <Tag color="default">{t('careerAbsent')}</Tag>
                  )
                }
              >
                {r.title}
              </List.Item>
            ))}
          </List>
        )}
        {c && c.grades.length > 0 && (
          <List header={t('careerGrades')} data-testid="career-grades" style={{ marginTop: 12 }}>
            {c.grades.map((g) => (
              <List.Item
                key={`${g.effectiveOn}-${g.grade}`}
                data-testid="career-grade-entry"
                description={g.note || undefined}
                extra={label('gradeCause', g.cause, lang)}
              >
                {g.effectiveOn.slice(0, 10)} · {t('careerGradeN', { n: g.grade })}
              </List.Item>
            ))}
          </List>
        )}
      </PullToRefresh>
    </div>
  );
}
