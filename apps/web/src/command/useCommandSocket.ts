import { useEffect, useRef } from 'react';
import type { FeedItem } from '../api/command';

type Message =
  | { type: 'feed'; item: FeedItem }
  | { type: 'position'; userId: string; lon: number; lat: number; at: string; gridId: string | null };

/** The big screen's own socket on /api/ws: feed lines and moving dots, pushed (no polling). */
export function useCommandSocket(on: {
  feed: (item: FeedItem) => void;
  position: (m: Extract<Message, { type: 'position' }>) => void;
}) {
  const handlers = useRef(on);
  handlers.current = on;
  useEffect(() => {
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let attempts = 0;
    let stopped = false;
    const open = () => {
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
      socket = new WebSocket(`${scheme}://${window.location.host}/api/ws`);
      socket.onopen = () => {
        attempts = 0;
      };
      socket.onmessage = (event) => {
        let message: Message;
        try {
          message = JSON.parse(String(event.data)) as Message;
        } catch {
          return;
        }
        if (message.type === 'feed') handlers.current.feed(message.item);
        else if (message.type === 'position') handlers.current.position(message);
      };
      socket.onclose = () => {
        if (stopped) return;
        attempts++;
        timer = setTimeout(open, Math.min(30_000, 1000 * 2 ** attempts));
      };
    };
    open();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      socket?.close();
    };
  }, []);
}
