import { useQuery, useQueryClient } from '@tanstack/react-query';
import { notificationTitle } from '@wangge/rules';
import { Button, List, NavBar, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import type { NotificationPage, UserNotification } from '../../api/generated';
import { api } from '../api';
import { getLang, t } from '../i18n';

// The resident's messages: news of the reports they follow. The resident app has no socket, so
// the unread count is asked for again when the page shows and every minute.
const KEY = ['resident', 'notifications'] as const;

/** Unread messages, for the badge on the home page's entry. */
export function useUnreadCount(): number {
  const query = useQuery({
    queryKey: [...KEY, 'unread'],
    queryFn: () => api.get<NotificationPage>('/api/notifications?unread=true&pageSize=1'),
    refetchInterval: 60_000,
    refetchOnWindowFocus: 'always',
  });
  return query.data?.unread ?? 0;
}

export function MessagesPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const lang = getLang();
  const page = useQuery({
    queryKey: [...KEY, 'list'],
    queryFn: () => api.get<NotificationPage>('/api/notifications?pageSize=100'),
    refetchInterval: 60_000,
    refetchOnWindowFocus: 'always',
  });
  const items = page.data?.items ?? [];

  const open = async (n: UserNotification) => {
    try {
      if (!n.readAt) await api.post(`/api/notifications/${n.id}/read`);
    } catch (e) {
      Toast.show((e as Error).message);
    }
    void queryClient.invalidateQueries({ queryKey: KEY });
    if (n.caseId) navigate(`/reports/${n.caseId}`);
    else if (n.kind.startsWith('errand_request')) navigate('/errands');
  };
  const readAll = async () => {
    try {
      await api.post('/api/notifications/read-all');
      await queryClient.invalidateQueries({ queryKey: KEY });
    } catch (e) {
      Toast.show((e as Error).message);
    }
  };

  return (
    <div data-testid="messages">
      <NavBar
        onBack={() => navigate('/')}
        right={
          (page.data?.unread ?? 0) > 0 && (
            <Button size="mini" fill="none" onClick={() => void readAll()}>
              {t('readAll')}
            </Button>
          )
        }
      >
        {t('messages')}
      </NavBar>
      {!page.isLoading && items.length === 0 && <p className="r-page r-empty">{t('noMessages')}</p>}
      <List>
        {items.map((n) => (
          <List.Item
            key={n.id}
            data-testid="message"
            data-unread={n.readAt ? undefined : 'true'}
            onClick={() => void open(n)}
            description={[n.body, new Date(n.createdAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')]
              .filter(Boolean)
              .join(' · ')}
          >
            <span style={{ fontWeight: n.readAt ? 'normal' : 'bold' }}>
              {notificationTitle(n, lang, n.title)}
            </span>
          </List.Item>
        ))}
      </List>
    </div>
  );
}
