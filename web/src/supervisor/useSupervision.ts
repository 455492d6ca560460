import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RecentAlert } from '../api/types';
import { useLiveFeed, type LiveFeedEvent, type LiveFeedStatus } from './live-feed';
import { ALERTS_KEY, OVERVIEW_KEY, overviewQuery, recentAlertsQuery } from './queries';

/** Live events come in bursts (a chat is many messages): refetch once per burst, not per event. */
const REFETCH_AFTER_EVENT_MS = 2_000;
/** How far back the activity count looks. */
export const ACTIVITY_WINDOW_MS = 5 * 60_000;
const MAX_ALERTS = 50;

export const useSupervisorOverview = () => useQuery(overviewQuery);

/** A conversation that turned negative or shows churn intent: loaded with the page or arrived live since. */
export interface LiveAlert {
  key: string;
  /** When the alert was raised (ms). */
  raisedAt: number;
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

const timeOf = (iso: string | null | undefined, fallback: number) => {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? ms : fallback;
};

function toAlert(event: LiveFeedEvent, receivedAt: number): LiveAlert {
  return {
    key:
      event.contactId && event.reason
        ? `${event.contactId}:${event.reason}`
        : (event.id ?? `alert:${receivedAt}:${Math.random().toString(36).slice(2, 8)}`),
    raisedAt: timeOf(event.at, receivedAt),
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

const fromRecent = (alert: RecentAlert): LiveAlert =>
  toAlert({ kind: 'alert', ...alert, at: alert.raisedAt }, Date.now());
// Stable, so the query keeps its converted list between renders.
const toAlerts = (data: { items: RecentAlert[] }) => data.items.map(fromRecent);

/** The alerts raised before the screen opened (and while its live feed was down). */
function useRecentAlerts() {
  return useQuery({ ...recentAlertsQuery, select: toAlerts });
}

/** Live and loaded alerts as one list, newest first: the same alert (contact and reason) shows once. */
export function mergeAlerts(live: LiveAlert[], loaded: LiveAlert[]): LiveAlert[] {
  const byKey = new Map<string, LiveAlert>();
  for (const alert of [...live, ...loaded]) if (!byKey.has(alert.key)) byKey.set(alert.key, alert);
  return [...byKey.values()].sort((a, b) => b.raisedAt - a.raisedAt).slice(0, MAX_ALERTS);
}

const isArrival = (event: LiveFeedEvent) =>
  event.kind === 'contact' || (event.kind === 'chat_message' && event.message?.speakerRole === 'customer');

/**
 * What happens live while the supervisor watches: the latest alerts, then each new one as it
 * arrives (newest first), how
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

  // Alerts raised while the feed was down are not replayed: after a reconnect, load them.
  const wasDown = useRef(false);
  useEffect(() => {
    if (status === 'reconnecting') wasDown.current = true;
    else if (status === 'live' && wasDown.current) {
      wasDown.current = false;
      void queryClient.invalidateQueries({ queryKey: ALERTS_KEY });
    }
  }, [status, queryClient]);

  const recent = useRecentAlerts();
  const merged = useMemo(() => mergeAlerts(alerts, recent.data ?? []), [alerts, recent.data]);
  return { status, alerts: merged, arrivals };
}
