import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ALERT_EVENT, type AlertItem, alertKeys } from './alerts';
import { caseKeys } from './cases';
import { api } from './client';
import type { Id, NotificationPage, UserNotification } from './types';

export const notificationKeys = {
  all: ['notifications'] as const,
  list: ['notifications', 'list'] as const,
};

export function useNotifications(enabled = true) {
  return useQuery({
    queryKey: notificationKeys.list,
    queryFn: () => api.get<NotificationPage>('/api/notifications', { page: 1 }),
    enabled,
    staleTime: 10_000,
    // The WebSocket pushes news; polling only covers a socket that could not connect.
    refetchInterval: 120_000,
  });
}

export const markNotificationRead = (id: Id) => api.post<void>(`/api/notifications/${id}/read`);
export const markAllNotificationsRead = () => api.post<void>('/api/notifications/read-all');

/** Marks one notification read in the cache at once (the server is told separately). */
export function markReadInCache(queryClient: QueryClient, id: Id): void {
  queryClient.setQueryData<NotificationPage>(notificationKeys.list, (page) => {
    if (!page) return page;
    const target = page.items.find((item) => item.id === id);
    if (!target || target.readAt) return page;
    return {
      items: page.items.map((item) =>
        item.id === id ? { ...item, readAt: new Date().toISOString() } : item,
      ),
      unread: Math.max(0, page.unread - 1),
    };
  });
}

type ServerMessage =
  | { type: 'notification'; item: UserNotification }
  | { type: 'case'; caseId: Id; state: string; version: number }
  | { type: 'alert'; item: AlertItem };

function socketUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/api/ws`;
}

/**
 * Live updates over WebSocket /api/ws (same cookie): a notification is put on top of the list
 * and counted as unread; a case change refreshes that case and the lists. Reconnects with backoff.
 */
export function useLiveUpdates(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof WebSocket === 'undefined') return;
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let attempts = 0;
    let stopped = false;

    const onMessage = (event: MessageEvent) => {
      let message: ServerMessage;
      try {
        message = JSON.parse(String(event.data)) as ServerMessage;
      } catch {
        return;
      }
      if (message.type === 'notification' && message.item) {
        const item = message.item;
        queryClient.setQueryData<NotificationPage>(notificationKeys.list, (page) => {
          if (!page) return { items: [item], unread: item.readAt ? 0 : 1 };
          if (page.items.some((existing) => existing.id === item.id)) return page;
          return { items: [item, ...page.items], unread: page.unread + (item.readAt ? 0 : 1) };
        });
        queryClient.invalidateQueries({ queryKey: caseKeys.lists });
      } else if (message.type === 'case') {
        const cached = queryClient.getQueryData<{ version: number }>(caseKeys.detail(String(message.caseId)));
        if (cached && cached.version !== message.version)
          queryClient.invalidateQueries({ queryKey: caseKeys.detail(String(message.caseId)) });
        queryClient.invalidateQueries({ queryKey: caseKeys.lists });
      } else if (message.type === 'alert' && message.item) {
        queryClient.invalidateQueries({ queryKey: alertKeys.all });
        window.dispatchEvent(new CustomEvent(ALERT_EVENT, { detail: message.item }));
      }
    };

    const connect = () => {
      if (stopped) return;
      socket = new WebSocket(socketUrl());
      socket.addEventListener('open', () => {
        attempts = 0;
        // Whatever happened while disconnected: fetch the list once.
        queryClient.invalidateQueries({ queryKey: notificationKeys.all });
      });
      socket.addEventListener('message', onMessage);
      socket.addEventListener('close', () => {
        socket = null;
        if (stopped) return;
        attempts += 1;
        timer = setTimeout(connect, Math.min(30_000, 1_000 * 2 ** Math.min(attempts, 5)));
      });
    };
    connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      socket?.close();
    };
  }, [enabled, queryClient]);
}
