import { label } from '@wangge/rules';
import { Badge, Button, Empty, List, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { post } from '../api';
import { PageBar } from '../components/PageBar';
import { currentLang } from '../i18n/lang';
import { t } from '../i18n/zh';
import { type PhoneNotification, targetOf, useNotifications } from '../notifications';

/** The title in the reader's language: the label of its key and its subject; older rows their stored title. */
function titleOf(item: PhoneNotification): string {
  const lang = currentLang();
  if (!item.titleKey) return item.title;
  const head = label('notification', item.titleKey, lang);
  return item.subject ? `${head}${lang === 'zh' ? '：' : ': '}${item.subject[lang]}` : head;
}

const when = (iso: string) =>
  new Intl.DateTimeFormat(currentLang() === 'zh' ? 'zh-CN' : 'en-GB', {
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));

/** 消息: newest first; a tap marks it read and opens its task or errand. */
export function NotificationsPage() {
  const navigate = useNavigate();
  const list = useNotifications();
  const items = list.data?.items ?? [];
  const open = async (item: PhoneNotification) => {
    if (!item.readAt) await post(`/api/notifications/${item.id}/read`).catch(() => undefined);
    const target = targetOf(item);
    if (target) navigate(target);
    else list.reload();
  };
  const readAll = async () => {
    try {
      await post('/api/notifications/read-all');
      list.reload();
    } catch (error) {
      Toast.show({ icon: 'fail', content: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <div data-testid="notifications">
      <PageBar
        right={
          (list.data?.unread ?? 0) > 0 && (
            <Button size="mini" fill="none" color="primary" onClick={readAll} data-testid="read-all">
              {t('readAll')}
            </Button>
          )
        }
      >
        {t('notifications')}
      </PageBar>
      {items.length === 0 && !list.loading ? (
        <Empty description={t('noNotifications')} />
      ) : (
        <List>
          {items.map((item) => (
            <List.Item
              key={item.id}
              data-testid="notification"
              data-read={item.readAt ? 'true' : 'false'}
              prefix={item.readAt ? null : <Badge content={Badge.dot} />}
              description={item.body || when(item.createdAt)}
              onClick={() => open(item)}
              arrow={Boolean(targetOf(item))}
            >
              {titleOf(item)}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
