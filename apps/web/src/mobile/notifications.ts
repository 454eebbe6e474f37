import { useEffect } from 'react';
import { useGet } from './hooks';

export interface PhoneNotification {
  id: string;
  kind: string;
  title: string;
  titleKey: string | null;
  subject: { zh: string; en: string } | null;
  body: string;
  caseId: string | null;
  errandId: string | null;
  /** A console path, for notifications about neither a case nor an errand. */
  link?: string | null;
  createdAt: string;
  readAt: string | null;
}

/** How often the phone asks for news while open: it keeps no socket, to spare old handsets. */
const EVERY_MS = 60_000;

/** The signed-in user's notifications, kept for offline, refreshed every minute and on return to the app. */
export function useNotifications() {
  const list = useGet<{ items: PhoneNotification[]; unread: number }>('/api/notifications', { keep: true });
  const { reload } = list;
  useEffect(() => {
    const timer = window.setInterval(reload, EVERY_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [reload]);
  return list;
}

/** Where a notification leads in the field app: its case's task page, its errand, or my appeals. */
export function targetOf(item: PhoneNotification): string | null {
  if (item.caseId) return `/tasks/${item.caseId}`;
  if (item.errandId) return `/errands/${item.errandId}`;
  if (item.kind === 'appeal.decided') return '/appeal';
  return null;
}
