import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

/** The live event kinds that change what a workspace shows. */
const REFRESHING_KINDS = new Set(['contact', 'chat_message', 'chat_ended', 'case_changed']);
const MAX_BACKOFF_MS = 30_000;

interface LiveFrame {
  type?: string;
  kind?: string;
  caseId?: string | null;
  customerId?: string | null;
}

/**
 * Keeps the workspace current: the staff live feed (GET /chat/live, a WebSocket on the session
 * cookie) says something happened, and we refetch what it touches. A dropped socket comes back
 * with growing waits, so a restarting server is not hammered.
 */
export function useLiveUpdates(): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');

  useEffect(() => {
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let stopped = false;

    const refresh = (frame: LiveFrame) => {
      void client.invalidateQueries({ queryKey: ['workspace'] });
      void client.invalidateQueries({ queryKey: ['transfers'] });
      void client.invalidateQueries({ queryKey: ['escalations'] });
      if (frame.caseId) void client.invalidateQueries({ queryKey: ['case', frame.caseId] });
      if (frame.customerId) void client.invalidateQueries({ queryKey: ['customer', frame.customerId] });
      void client.invalidateQueries({ queryKey: ['chat-session'] });
    };

    const connect = () => {
      const url = new URL('/api/v1/chat/live', window.location.href);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      socket = new WebSocket(url);
      socket.onmessage = (message) => {
        let frame: LiveFrame;
        try {
          frame = JSON.parse(String(message.data)) as LiveFrame;
        } catch {
          return;
        }
        if (frame.type === 'ready') {
          // What changed while we were away is unknown: catch up in full.
          if (attempt > 0) void client.invalidateQueries();
          attempt = 0;
          setState('live');
        } else if (frame.type === 'event' && frame.kind && REFRESHING_KINDS.has(frame.kind)) {
          refresh(frame);
        }
      };
      socket.onclose = () => {
        if (stopped) return;
        setState('reconnecting');
        // 1 s, 2 s, 4 s … up to 30 s, with jitter so many screens do not return in step.
        const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt) * (0.75 + Math.random() / 2);
        attempt++;
        retry = setTimeout(connect, wait);
      };
    };

    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      socket?.close(1000, 'Leaving the workspace');
    };
  }, [client]);

  return state;
}
