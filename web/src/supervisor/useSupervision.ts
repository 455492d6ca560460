import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { SupervisorOverview } from '../api/types';
import { useLiveFeed, type LiveFeedEvent, type LiveFeedStatus } from './live-feed';

export const OVERVIEW_KEY = ['supervisor', 'overview'] as const;
const REFRESH_MS = 15_000;
/** Live events come in bursts (a chat is many messages): refetch once per burst, not per event. */
const REFETCH_AFTER_EVENT_MS = 2_000;
/** How far back the activity count looks. */
export const ACTIVITY_WINDOW_MS = 5 * 60_000;
const MAX_ALERTS = 50;

export function useSupervisorOverview() {
  return useQuery({
    queryKey: OVERVIEW_KEY,
    queryFn: ({ signal }) => api<SupervisorOverview>('/supervisor/overview', { signal }),
    refetchInterval: REFRESH_MS,
    staleTime: 5_000,
  });
}

/** A conversation that turned negative or shows churn intent, as it arrived on this screen. */
export interface LiveAlert {
  key: string;
  receivedAt: number;
  caseId: string | null;
  caseReference: string | null;
  customerId: string | null;
  customerName: string | null;
  channel: string | null;
  reason: string | null;
  cues: string[];
  sentiment: number | string | null;
}

export interface LiveSupervision {
  status: LiveFeedStatus;
  alerts: LiveAlert[];
  /** When new contacts and customers' chat messages arrived, newest last, within ACTIVITY_WINDOW_MS. */
  arrivals: number[];
}

function toAlert(event: LiveFeedEvent, receivedAt: number): LiveAlert {
  return {
    key: `${event.contactId ?? event.caseId ?? 'alert'}:${receivedAt}:${Math.random().toString(36).slice(2, 8)}`,
    receivedAt,
    caseId: event.caseId ?? null,
    caseReference: event.caseReference ?? null,
    customerId: event.customerId ?? null,
    customerName: event.customerName ?? null,
    channel: event.channel ?? null,
    reason: event.reason ?? null,
    cues: Array.isArray(event.cues) ? event.cues.filter((c): c is string => typeof c === 'string') : [],
    sentiment: event.sentiment ?? null,
  };
}

const isArrival = (event: LiveFeedEvent) => event.kind === 'contact' || (event.kind === 'chat_message' && event.message?.speakerRole === 'customer');

/**
 * What happens live while the supervisor watches: alerts as they arrive (newest first), how
 * many contacts came in lately, and a refetch of the overview when something changed.
 */
export function useLiveSupervision(): LiveSupervision {
  const queryClient = useQueryClient();
  const [alerts, setAlerts] = useState<LiveAlert[]>([]);
  const [arrivals, setArrivals] = useState<number[]>([]);
  const refetchTimer = useRef<number | undefined>(undefined);

  const onEvent = useCallback(
    (event: LiveFeedEvent) => {
      const now = Date.now();
      if (event.kind === 'alert') setAlerts((current) => [toAlert(event, now), ...current].slice(0, MAX_ALERTS));
      if (isArrival(event)) setArrivals((current) => [...current.filter((t) => now - t < ACTIVITY_WINDOW_MS), now]);
      if (refetchTimer.current === undefined) {
        refetchTimer.current = window.setTimeout(() => {
          refetchTimer.current = undefined;
          void queryClient.invalidateQueries({ queryKey: OVERVIEW_KEY });
        }, REFETCH_AFTER_EVENT_MS);
      }
    },
    [queryClient],
  );

  useEffect(() => () => window.clearTimeout(refetchTimer.current), []);

  const status = useLiveFeed(onEvent);
  return { status, alerts, arrivals };
}
