import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { label } from '@wangge/rules';
import { Badge, Button, Card, Empty, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import {
  markAllNotificationsRead,
  markNotificationRead,
  markReadInCache,
  notificationKeys,
  useNotifications,
} from '../../api/notifications';
import type { UserNotification } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { useShowError } from '../useShowError';

/** Opening a notification marks it read and opens its case or errand, or its link (a report, an appeal). */
export function useOpenNotification() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const showError = useShowError();
  return (item: UserNotification) => {
    if (!item.readAt) {
      markReadInCache(queryClient, item.id);
      markNotificationRead(item.id).catch((error) => {
        showError(error);
        queryClient.invalidateQueries({ queryKey: notificationKeys.all });
      });
    }
    if (item.caseId) navigate(`/cases/${item.caseId}`);
    else if (item.errandId) navigate(`/errands/${item.errandId}`);
    else if (item.link) navigate(item.link);
  };
}

export function NotificationItems({
  items,
  max,
  onPick,
}: {
  items: UserNotification[];
  max?: number;
  onPick?: () => void;
}) {
  const { t, dateTime } = useI18n();
  const open = useOpenNotification();
  const shown = max ? items.slice(0, max) : items;
  if (shown.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notice.empty')} />;
  return (
    <div className="notice-list" data-testid="notification-list">
      {shown.map((item) => (
        <button
          type="button"
          key={item.id}
          className={`notice-item${item.readAt ? '' : ' notice-unread'}`}
          onClick={() => {
            onPick?.();
            open(item);
          }}
          data-testid={`notification-${item.id}`}
          data-read={item.readAt ? 'true' : 'false'}
        >
          <span className="notice-head">
            {!item.readAt && <Badge status="processing" />}
            <NoticeTitle item={item} />
          </span>
          {item.body && (
            <span className="notice-body" data-user-content>
              {item.body}
            </span>
          )}
          <span className="notice-time">{dateTime(item.createdAt)}</span>
        </button>
      ))}
    </div>
  );
}

/**
 * The title in the reader's language; its subject (often a case title someone typed) is marked as
 * user content. A notification older than title keys shows its stored title.
 */
function NoticeTitle({ item }: { item: UserNotification }) {
  const { lang } = useI18n();
  if (!item.titleKey) return <span className="notice-title">{item.title}</span>;
  return (
    <span className="notice-title">
      {label('notification', item.titleKey, lang)}
      {item.subject && (
        <>
          {lang === 'zh' ? '：' : ': '}
          <span data-user-content>{item.subject[lang]}</span>
        </>
      )}
    </span>
  );
}

/** Side list of the inbox: the caller's notifications, newest first. */
export function NotificationList() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { data, isPending, error } = useNotifications();
  const readAll = async () => {
    try {
      await markAllNotificationsRead();
    } catch (cause) {
      showError(cause);
    }
    queryClient.invalidateQueries({ queryKey: notificationKeys.all });
  };
  return (
    <Card
      title={
        <span>
          <BellOutlined /> {t('notice.title')}{' '}
          {data && data.unread > 0 && <Badge count={data.unread} overflowCount={99} />}
        </span>
      }
      extra={
        <Button size="small" icon={<CheckOutlined />} onClick={readAll} disabled={!data || data.unread === 0}>
          {t('notice.readAll')}
        </Button>
      }
      data-testid="notifications-card"
    >
      {error ? (
        <Typography.Text type="danger">{error.message}</Typography.Text>
      ) : isPending ? (
        <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
      ) : (
        <NotificationItems items={data?.items ?? []} />
      )}
    </Card>
  );
}
