import './cases.css';
import { BellOutlined } from '@ant-design/icons';
import { Badge, Popover } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useLiveUpdates, useNotifications } from '../../api/notifications';
import { useI18n } from '../../i18n/useI18n';
import { NotificationItems } from './NotificationList';

/**
 * Header bell: unread count (data-testid="notification-bell", data-unread), kept live by the
 * WebSocket; the popover lists the latest notifications.
 */
export function NotificationBell() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const { data } = useNotifications();
  useLiveUpdates(true);
  const unread = data?.unread ?? 0;
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={t('notice.title')}
      content={
        <div className="notice-popover">
          <NotificationItems items={data?.items ?? []} max={8} onPick={() => setOpen(false)} />
          <div className="notice-more">
            <Link to="/cases/inbox" onClick={() => setOpen(false)}>
              {t('notice.openInbox')}
            </Link>
          </div>
        </div>
      }
    >
      <button
        type="button"
        className="app-bell"
        data-testid="notification-bell"
        data-unread={unread}
        aria-label={t('notice.title')}
      >
        <Badge count={unread} overflowCount={99} size="small">
          <BellOutlined className="app-bell-icon" />
        </Badge>
      </button>
    </Popover>
  );
}
