import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { PortalCase, PortalCaseView, PortalOutage, SentMessage } from './portal-types';

/** The customer's cases and a case are refreshed this often, so agents' answers appear by themselves. */
const REFRESH_MS = 15_000;

export const portalKeys = {
  all: ['portal'] as const,
  cases: ['portal', 'cases'] as const,
  case: (id: string) => ['portal', 'case', id] as const,
  outages: ['portal', 'outages'] as const,
};

export function usePortalCases() {
  return useQuery({
    queryKey: portalKeys.cases,
    queryFn: ({ signal }) => api<{ items: PortalCase[] }>('/portal/cases', { signal }).then((r) => r.items),
    refetchInterval: REFRESH_MS,
  });
}

export function usePortalCase(caseId: string) {
  return useQuery({
    queryKey: portalKeys.case(caseId),
    queryFn: ({ signal }) => api<PortalCaseView>(`/portal/cases/${caseId}`, { signal }),
    refetchInterval: REFRESH_MS,
  });
}

export function usePortalOutages() {
  return useQuery({
    queryKey: portalKeys.outages,
    queryFn: ({ signal }) => api<{ items: PortalOutage[] }>('/portal/outages', { signal }).then((r) => r.items),
    refetchInterval: 60_000,
    // The banner is a courtesy: if outages cannot be loaded, the page works without it.
    retry: false,
  });
}

export interface MessageDraft {
  text: string;
  subject?: string;
  caseId?: string;
  /** One id per draft: the server stores a draft sent twice (a double click, a retry) once. */
  clientId: string;
}

export function useSendMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: MessageDraft) => api<SentMessage>('/portal/messages', { method: 'POST', body: draft }),
    onSuccess: (sent) => {
      void queryClient.invalidateQueries({ queryKey: portalKeys.cases });
      if (sent.caseId) void queryClient.invalidateQueries({ queryKey: portalKeys.case(sent.caseId) });
    },
  });
}

export interface CallbackRequest {
  windowStart: string;
  windowEnd: string;
  phone?: string;
}

export function useBookCallback(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CallbackRequest) => api<unknown>(`/portal/cases/${caseId}/callbacks`, { method: 'POST', body: request }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: portalKeys.case(caseId) }),
  });
}
