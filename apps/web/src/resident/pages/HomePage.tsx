import { useQuery } from '@tanstack/react-query';
import { label } from '@wangge/rules';
import { Badge, Button, List, Tag } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { api, type MyReport } from '../api';
import { categoryText, getLang, t } from '../i18n';
import { resend, unsentDraft } from '../send-report';
import { useUnreadCount } from './MessagesPage';

export const PHASE_COLOR: Record<string, string> = {
  received: '#1677ff',
  handling: 'warning',
  handled: 'success',
  closed: 'default',
  voided: 'danger',
};

export function HomePage() {
  const navigate = useNavigate();
  const lang = getLang();
  const reports = useQuery({
    queryKey: ['resident', 'reports'],
    queryFn: () => api.get<{ items: MyReport[] }>('/api/residents/reports'),
  });
  const items = reports.data?.items ?? [];
  const draft = unsentDraft();
  const unread = useUnreadCount();
  return (
    <div className="r-page" data-testid="home">
      <Button block color="primary" size="large" onClick={() => navigate('/report')}>
        {t('newReport')}
      </Button>
      <Button block size="large" onClick={() => navigate('/grid')} style={{ marginTop: 8 }}>
        {t('myGrid')}
      </Button>
      <Button block size="large" onClick={() => navigate('/errands')} style={{ marginTop: 8 }}>
        {t('errandRequests')}
      </Button>
      <Badge
        content={unread > 0 ? unread : null}
        data-testid="unread-badge"
        wrapperStyle={{ display: 'block', marginTop: 8 }}
        style={{ '--right': '32px', '--top': '50%' }}
      >
        <Button block size="large" onClick={() => navigate('/messages')}>
          {t('messages')}
        </Button>
      </Badge>
      {draft && (
        <Button block onClick={() => void resend(draft).then((id) => navigate(`/reports/${id}`))}>
          {t('sendDraft')}
        </Button>
      )}
      <h2 className="r-heading">{t('myReports')}</h2>
      {!reports.isLoading && items.length === 0 && <p className="r-empty">{t('noReports')}</p>}
      <List>
        {items.map((r) => (
          <List.Item
            key={r.id}
            onClick={() => navigate(`/reports/${r.id}`)}
            description={`${r.address} · ${new Date(r.reportedAt).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en')}`}
            extra={<Tag color={PHASE_COLOR[r.phase]}>{label('publicPhase', r.phase, lang)}</Tag>}
          >
            {categoryText(r.categoryCode, r.categoryName)}
          </List.Item>
        ))}
      </List>
    </div>
  );
}
