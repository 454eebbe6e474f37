import { Button, ErrorBlock, List, ProgressBar, PullToRefresh, Tag } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Grade, Ranking, Score } from '../../api/assessment';
import { session } from '../api';
import { PageBar } from '../components/PageBar';
import { useGet } from '../hooks';
import { pick, useLang } from '../i18n/lang';
import { t } from '../i18n/zh';

const GRADE_COLOR: Record<Grade, string> = {
  A: '#52c41a',
  B: '#1677ff',
  C: '#d4b106',
  D: '#fa8c16',
  E: '#ff4d4f',
};

const fmt = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : (Math.round(v * 10) / 10).toFixed(1);

function month(offset: number, now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth() + offset, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

function GradeBadge({ grade }: { grade: Grade | null }) {
  if (!grade) return <span>—</span>;
  return (
    <span
      data-testid="my-grade"
      style={{
        background: GRADE_COLOR[grade],
        color: '#fff',
        borderRadius: 6,
        padding: '0 10px',
        fontSize: 22,
        fontWeight: 700,
      }}
    >
      {grade}
    </span>
  );
}

/** 我的考核: the worker's own scorecard for a month, grade, rank and the ones around them. */
export function MyAssessmentPage() {
  useLang();
  const me = session.me();
  const navigate = useNavigate();
  // The current month is still running: start on the month before, like the console.
  const [offset, setOffset] = useState(-1);
  const period = month(offset);
  const score = useGet<Score>(me ? `/api/assessment/scores/worker/${me.id}?period=${period}` : null);
  const ranking = useGet<Ranking>(`/api/assessment/rankings?period=${period}&subject=worker`);
  const s = score.data;
  return (
    <div data-testid="my-assessment">
      <PageBar
        right={
          <Button
            size="mini"
            fill="none"
            color="primary"
            onClick={() => navigate('/career')}
            data-testid="my-career-link"
          >
            {t('myCareer')} ›
          </Button>
        }
      >
        {t('myAssessment')}
      </PageBar>
      <div
        className="m-card"
        style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}
      >
        <Button size="small" onClick={() => setOffset((o) => o - 1)} data-testid="my-assessment-prev">
          ‹ {t('assessPrev')}
        </Button>
        <b data-testid="my-assessment-period">{period}</b>
        <Button size="small" disabled={offset >= 0} onClick={() => setOffset((o) => o + 1)}>
          {t('assessNext')} ›
        </Button>
      </div>
      <PullToRefresh
        onRefresh={async () => {
          score.reload();
          ranking.reload();
        }}
      >
        {score.error && <ErrorBlock status="default" title={score.error.message} description="" />}
        {s && (
          <>
            <div className="m-card">
              <div className="m-stats">
                <div className="m-stat">
                  <b data-testid="my-composite">{fmt(s.composite)}</b>
                  <span>{t('assessComposite')}</span>
                </div>
                <div className="m-stat">
                  <b>
                    <GradeBadge grade={s.grade} />
                  </b>
                  <span>{t('assessGrade')}</span>
                </div>
                <div className="m-stat">
                  <b data-testid="my-rank">
                    {s.rank !== null && s.rankOf !== null ? `${s.rank}/${s.rankOf}` : '—'}
                  </b>
                  <span>{t('assessRank')}</span>
                </div>
              </div>
              <div className="m-muted" style={{ marginTop: 8 }}>
                {s.frozen ? t('assessFrozen') : t('assessOpen')}
              </div>
            </div>
            {s.composite === null && <ErrorBlock status="empty" title={t('assessNoData')} description="" />}
            <List header={t('assessIndicators')} data-testid="my-indicators">
              {(s.indicators.some((i) => i.weight > 0)
                ? s.indicators.filter((i) => i.weight > 0)
                : s.indicators
              ).map((i) => (
                <List.Item
                  key={i.code}
                  data-testid="my-indicator"
                  description={
                    <>
                      <div>
                        {i.numerator.count}
                        {i.denominator ? ` / ${i.denominator.count}` : ''} · {t('assessTarget')}{' '}
                        {fmt(i.adjustedTarget)}
                        {i.weight > 0 ? ` · ${i.weight}%` : ''}
                      </div>
                      <ProgressBar
                        percent={i.score ?? 0}
                        style={{
                          '--fill-color':
                            i.score === null
                              ? '#d9d9d9'
                              : i.score >= 90
                                ? '#52c41a'
                                : i.score >= 60
                                  ? '#faad14'
                                  : '#ff4d4f',
                        }}
                      />
                    </>
                  }
                  extra={
                    <div style={{ textAlign: 'right' }}>
                      <div style={{ fontWeight: 600, color: '#000' }}>{fmt(i.value)}</div>
                      <div className="m-muted">
                        {t('assessScore')} {fmt(i.score)}
                      </div>
                    </div>
                  }
                >
                  {pick(i.name, i.nameEn)}
                </List.Item>
              ))}
            </List>
          </>
        )}
        {ranking.data && ranking.data.items.length > 0 && (
          <List header={t('assessAround')} data-testid="my-ranking" style={{ marginTop: 12 }}>
            {ranking.data.items.map((item) => (
              <List.Item
                key={item.subject.id}
                data-testid={item.self ? 'my-ranking-self' : 'my-ranking-item'}
                style={item.self ? { background: '#e6f4ff' } : undefined}
                prefix={<b style={{ display: 'inline-block', width: 28 }}>{item.rank ?? '—'}</b>}
                description={item.subject.unitName ?? undefined}
                extra={
                  <span>
                    {fmt(item.composite)} <GradeBadgeSmall grade={item.grade} />
                  </span>
                }
              >
                {item.subject.name}
                {item.self && (
                  <Tag color="primary" style={{ marginLeft: 6 }}>
                    {t('assessMe')}
                  </Tag>
                )}
                {ranking.data?.topTen.some((x) => x.subject.id === item.subject.id) && (
                  <Tag color="warning" style={{ marginLeft: 6 }}>
                    {t('assessTopTen')}
                  </Tag>
                )}
                {item.flaggedForTalk && (
                  <Tag color="danger" style={{ marginLeft: 6 }}>
                    {t('assessTalk')}
                  </Tag>
                )}
              </List.Item>
            ))}
          </List>
        )}
      </PullToRefresh>
    </div>
  );
}

function GradeBadgeSmall({ grade }: { grade: Grade | null }) {
  return grade ? <Tag color={GRADE_COLOR[grade]}>{grade}</Tag> : <span>—</span>;
}
