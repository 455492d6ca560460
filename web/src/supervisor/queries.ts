import { queryOptions } from '@tanstack/react-query';
import { api } from '../api/client';
import type { RecentAlert, SupervisorOverview } from '../api/types';

export const OVERVIEW_KEY = ['supervisor', 'overview'] as const;
export const ALERTS_KEY = ['supervisor', 'alerts'] as const;
/** How many earlier alerts the panel shows when the screen opens. */
const RECENT_ALERTS = 20;

export const overviewQuery = queryOptions({
  queryKey: OVERVIEW_KEY,
  queryFn: ({ signal }) => api<SupervisorOverview>('/supervisor/overview', { signal }),
  refetchInterval: 15_000,
  staleTime: 5_000,
});

/** The alerts raised before the screen opened (and while its live feed was down). */
export const recentAlertsQuery = queryOptions({
  queryKey: ALERTS_KEY,
  queryFn: ({ signal }) =>
    api<{ items: RecentAlert[] }>('/analysis/alerts', { signal, query: { limit: RECENT_ALERTS } }),
  staleTime: 60_000,
});
