import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { api } from '../api/client';
import type {
  CaseDetail,
  CaseEffort,
  CaseSla,
  CaseSummary,
  Customer,
  Escalation,
  Problem,
  Success,
  Team,
  TimelinePage,
  TransferOffer,
  User,
} from '../api/types';
import type { QueueKey, QueuePage, QueuesResponse } from './queue-types';

/** Query keys in one place, so live updates and actions refresh exactly what they change. */
export const keys = {
  queues: ['workspace', 'queues'] as const,
  queue: (key: QueueKey) => ['workspace', 'queue', key] as const,
  customer: (id: string) => ['customer', id] as const,
  timeline: (id: string) => ['customer', id, 'timeline'] as const,
  openCases: (id: string) => ['customer', id, 'open-cases'] as const,
  case: (id: string) => ['case', id] as const,
  effort: (id: string) => ['case', id, 'effort'] as const,
  sla: (id: string) => ['case', id, 'sla'] as const,
  outbound: (id: string) => ['case', id, 'outbound'] as const,
  transfersToMe: ['transfers', 'offered-to-me'] as const,
  escalationsForMe: ['escalations', 'waiting-for-me'] as const,
  users: ['users'] as const,
  teams: ['teams'] as const,
  openProblems: ['problems', 'open'] as const,
  contact: (id: string) => ['contact', id] as const,
  chatSession: (id: string) => ['chat-session', id] as const,
};

const QUEUE_PAGE = 30;
const TIMELINE_PAGE = 30;

/** Every queue's count, for the queue list. */
export const queuesQuery = queryOptions({
  queryKey: keys.queues,
  queryFn: ({ signal }) => api<QueuesResponse>('/workspace/queues', { signal }),
  // Live events refresh sooner; this is the fallback when the socket is down.
  refetchInterval: 30_000,
});

/** One queue's cases, a page at a time. */
export const queueItemsQuery = (key: QueueKey) =>
  infiniteQueryOptions({
    queryKey: keys.queue(key),
    queryFn: ({ signal, pageParam }) =>
      api<QueuePage>(`/workspace/queues/${key}`, { signal, query: { limit: QUEUE_PAGE, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useQueues = () => useQuery(queuesQuery);
export const useQueueItems = (key: QueueKey) => useInfiniteQuery(queueItemsQuery(key));

export function useCustomer(id: string | undefined) {
  return useQuery({
    queryKey: keys.customer(id ?? ''),
    queryFn: ({ signal }) => api<Customer>(`/customers/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useTimeline(customerId: string | undefined) {
  return useInfiniteQuery({
    queryKey: keys.timeline(customerId ?? ''),
    queryFn: ({ signal, pageParam }) =>
      api<TimelinePage>(`/customers/${customerId}/timeline`, {
        signal,
        query: { limit: TIMELINE_PAGE, cursor: pageParam },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: Boolean(customerId),
  });
}

export function useOpenCases(customerId: string | undefined) {
  return useQuery({
    queryKey: keys.openCases(customerId ?? ''),
    queryFn: ({ signal }) =>
      api<{ items: CaseSummary[] }>('/cases', { signal, query: { customerId, status: 'new,open,pending', limit: 50 } }),
    enabled: Boolean(customerId),
  });
}

/** The case alone; on opening, useCaseScreen has usually put it in the cache already. */
export function useCase(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.case(id),
    queryFn: ({ signal }) => api<CaseDetail>(`/cases/${id}`, { signal }),
    enabled,
  });
}

type CaseScreen = Success<'/api/v1/workspace/cases/{id}'>;

/** Case screens asked for the moment a row was pressed, before the router drew the new screen. */
const askedAhead = new Map<string, { answer: Promise<CaseScreen>; at: number }>();
const ASKED_AHEAD_MS = 5_000;

/**
 * Starts a case screen's one request as the agent presses its row: the queue redraws beside the
 * case before the screen mounts and asks, and those tens of milliseconds were spent waiting.
 */
export function askForCaseScreen(id: string): void {
  const held = askedAhead.get(id);
  if (held && Date.now() - held.at < ASKED_AHEAD_MS) return;
  const answer = api<CaseScreen>(`/workspace/cases/${id}`, { query: { timelineLimit: TIMELINE_PAGE } });
  answer.catch(() => askedAhead.delete(id));
  askedAhead.set(id, { answer, at: Date.now() });
}

function takeCaseScreenAskedAhead(id: string): Promise<CaseScreen> | undefined {
  const held = askedAhead.get(id);
  askedAhead.delete(id);
  return held && Date.now() - held.at < ASKED_AHEAD_MS ? held.answer : undefined;
}

/**
 * Opens a case with one request instead of eleven queueing on the server: its answer fills the
 * cache of every part of the case screen (case, customer, open cases, timeline, SLA, effort,
 * replies), which then refresh on their own as before. Dropped when the screen closes, so the
 * next opening asks again.
 */
export function useCaseScreen(id: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: ['case-screen', id],
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    queryFn: async ({ signal }) => {
      const screen = await (takeCaseScreenAskedAhead(id) ??
        api<CaseScreen>(`/workspace/cases/${id}`, { signal, query: { timelineLimit: TIMELINE_PAGE } }));
      const customerId = screen.case.customerId;
      client.setQueryData(keys.case(id), screen.case);
      client.setQueryData(keys.customer(customerId), screen.customer);
      client.setQueryData(keys.openCases(customerId), { items: screen.openCases });
      client.setQueryData(keys.timeline(customerId), { pages: [screen.timeline], pageParams: [undefined] });
      client.setQueryData(keys.sla(id), screen.sla);
      client.setQueryData(keys.effort(id), screen.effort);
      client.setQueryData(keys.outbound(id), { items: screen.outbound });
      return true;
    },
  });
}

export function useCaseEffort(id: string) {
  return useQuery({
    queryKey: keys.effort(id),
    queryFn: ({ signal }) => api<CaseEffort>(`/cases/${id}/effort`, { signal }),
  });
}

export function useCaseSla(id: string) {
  return useQuery({ queryKey: keys.sla(id), queryFn: ({ signal }) => api<CaseSla>(`/cases/${id}/sla`, { signal }) });
}

export type OutboundMessage = Success<'/api/v1/cases/{id}/outbound'>['items'][number];

export function useCaseOutbound(id: string) {
  return useQuery({
    queryKey: keys.outbound(id),
    queryFn: ({ signal }) => api<{ items: OutboundMessage[] }>(`/cases/${id}/outbound`, { signal }),
  });
}

const transfersToMe = queryOptions({
  queryKey: keys.transfersToMe,
  queryFn: ({ signal }) => api<{ items: TransferOffer[] }>('/transfers/offered-to-me', { signal }),
});

const escalationsForMe = queryOptions({
  queryKey: keys.escalationsForMe,
  queryFn: ({ signal }) => api<{ items: Escalation[] }>('/escalations/waiting-for-me', { signal }),
});

/** Staff and teams change rarely: fetched once a minute at most, for names and pickers. */
const users = queryOptions({
  queryKey: keys.users,
  queryFn: ({ signal }) => api<{ items: User[] }>('/users', { signal }),
  staleTime: 60_000,
});

const teams = queryOptions({
  queryKey: keys.teams,
  queryFn: ({ signal }) => api<{ items: Team[] }>('/teams', { signal }),
  staleTime: 60_000,
});

export const useTransfersToMe = () => useQuery(transfersToMe);
export const useEscalationsForMe = () => useQuery(escalationsForMe);
export const useUsers = () => useQuery(users);
export const useTeams = () => useQuery(teams);

/**
 * What every case screen needs besides the case (names for ids, hand-offs waiting for me), asked
 * for once when the workspace opens rather than when the first case does.
 */
export function usePrefetchWorkspaceLists() {
  const client = useQueryClient();
  useEffect(
    // After the queue is in: asked beside it, these four delayed its answer on the one connection.
    () =>
      whenNothingLoads(client, () => {
        void client.prefetchQuery(users);
        void client.prefetchQuery(teams);
        void client.prefetchQuery(transfersToMe);
        void client.prefetchQuery(escalationsForMe);
      }),
    [client],
  );
}

/** Runs `work` once no query is loading (at the latest after `maxWaitMs`); the returned function cancels. */
function whenNothingLoads(client: QueryClient, work: () => void, maxWaitMs = 3_000): () => void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    stop();
    window.clearTimeout(timer);
    work();
  };
  const stop = client.getQueryCache().subscribe(() => {
    if (client.isFetching() === 0) run();
  });
  const timer = window.setTimeout(run, maxWaitMs);
  if (client.isFetching() === 0) run();
  return () => {
    done = true;
    stop();
    window.clearTimeout(timer);
  };
}

export function useOpenProblems(enabled: boolean) {
  return useQuery({
    queryKey: keys.openProblems,
    queryFn: ({ signal }) =>
      api<{ items: Problem[] }>('/problems', {
        signal,
        query: { status: 'new,investigating,known_error', limit: 100 },
      }),
    enabled,
  });
}

/** Names for the ids on cases and events. */
export function usePeopleNames() {
  const users = useUsers();
  const teams = useTeams();
  const userName = useCallback(
    (id: string | null | undefined) => (id ? (users.data?.items.find((u) => u.id === id)?.name ?? null) : null),
    [users.data],
  );
  const teamName = useCallback(
    (id: string | null | undefined) => (id ? (teams.data?.items.find((t) => t.id === id)?.name ?? null) : null),
    [teams.data],
  );
  return { userName, teamName };
}

/** After anything changes a case: the case, its customer's picture, the queues and the hand-offs. */
export function useRefreshAfterChange() {
  const client = useQueryClient();
  return useCallback(
    (caseId?: string, customerId?: string) => {
      void client.invalidateQueries({ queryKey: ['workspace'] });
      void client.invalidateQueries({ queryKey: ['transfers'] });
      void client.invalidateQueries({ queryKey: ['escalations'] });
      if (caseId) void client.invalidateQueries({ queryKey: ['case', caseId] });
      if (customerId) void client.invalidateQueries({ queryKey: ['customer', customerId] });
    },
    [client],
  );
}
