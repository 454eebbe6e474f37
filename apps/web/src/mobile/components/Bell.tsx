import { Badge } from 'antd-mobile';
import { BellOutline } from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import { t } from '../i18n/zh';
import { useNotifications } from '../notifications';

/** The bell on every page: the unread count, a tap opens the list. */
export function Bell() {
  const navigate = useNavigate();
  const unread = useNotifications().data?.unread ?? 0;
  return (
    <button
      type="button"
      className="m-bell"
      aria-label={t('notifications')}
      data-testid="bell"
      data-unread={unread}
      onClick={() => navigate('/notifications')}
    >
      <Badge content={unread > 0 ? (unread > 99 ? '99+' : unread) : null}>
        <BellOutline fontSize={24} />
      </Badge>
    </button>
  );
}
