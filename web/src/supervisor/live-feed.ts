import { useEffect, useRef, useState } from 'react';

/**
 * One event from the staff live feed (GET /api/v1/chat/live), as the server frames it:
 * `{ type: 'event', kind, caseId, customerId, contactId, ... }`. Kinds grow over time
 * ('contact', 'chat_message', 'case_changed', 'alert'), so unknown fields stay optional.
 */
export interface LiveFeedEvent {
  kind: string;
  /** An alert's own id (kind 'alert'). */
  id?: string | null;
  caseId?: string | null;
  caseReference?: string | null;
  customerId?: string | null;
  customerName?: string | null;
  contactId?: string | null;
  channel?: string | null;
  reason?: string | null;
  cues?: string[] | null;
  sentiment?: number | string | null;
  at?: string | null;
  message?: { speakerRole?: string | null; at?: string; text?: string } | null;
}

export type LiveFeedStatus = 'connecting' | 'live' | 'reconnecting';

const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 30_000;

function liveFeedUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/api/v1/chat/live`;
}

/**
 * Listens to the organisation's live events while the screen is open. A dropped connection is
 * retried with growing, jittered delays (so a restarted server is not hit by every screen at
 * once); the delay starts over once the server says it is ready.
 */
export function useLiveFeed(onEvent: (event: LiveFeedEvent) => void): LiveFeedStatus {
  const [status, setStatus] = useState<LiveFeedStatus>('connecting');
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  }, [onEvent]);

  useEffect(() => {
    let socket: WebSocket | null = null;
    let retryTimer: number | undefined;
    let delay = FIRST_RETRY_MS;
    let stopped = false;

    const connect = () => {
      socket = new WebSocket(liveFeedUrl());
      socket.onmessage = (message) => {
        let frame: { type?: unknown } & Partial<LiveFeedEvent>;
        try {
          frame = JSON.parse(String(message.data)) as typeof frame;
        } catch {
          return;
        }
        if (frame.type === 'ready') {
          delay = FIRST_RETRY_MS;
          setStatus('live');
        } else if (frame.type === 'event' && typeof frame.kind === 'string') {
          handler.current(frame as LiveFeedEvent);
        }
      };
      socket.onclose = () => {
        socket = null;
        if (stopped) return;
        setStatus('reconnecting');
        const wait = delay * (0.75 + Math.random() * 0.5);
        delay = Math.min(delay * 2, LONGEST_RETRY_MS);
        retryTimer = window.setTimeout(connect, wait);
      };
    };

    connect();
    return () => {
      stopped = true;
      window.clearTimeout(retryTimer);
      socket?.close(1000, 'Screen closed');
    };
  }, []);

  return status;
}
