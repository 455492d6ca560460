import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type {
  PortalCallbackBooked,
  PortalCallbackRequest,
  PortalCaseDetail,
  PortalMessage,
  PortalMessageSent,
  Success,
} from '../api/types';

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
    queryFn: ({ signal }) => api<Success<'/api/v1/portal/cases'>>('/portal/cases', { signal }).then((r) => r.items),
    refetchInterval: REFRESH_MS,
  });
}

export function usePortalCase(caseId: string) {
  return useQuery({
    queryKey: portalKeys.case(caseId),
    queryFn: ({ signal }) => api<PortalCaseDetail>(`/portal/cases/${caseId}`, { signal }),
    refetchInterval: REFRESH_MS,
  });
}

export function usePortalOutages() {
  return useQuery({
    queryKey: portalKeys.outages,
    queryFn: ({ signal }) => api<Success<'/api/v1/portal/outages'>>('/portal/outages', { signal }).then((r) => r.items),
    refetchInterval: 60_000,
    // The banner is a courtesy: if outages cannot be loaded, the page works without it.
    retry: false,
  });
}

/** One clientId per draft, always: the server stores a draft sent twice (a double click, a retry) once. */
export type MessageDraft = PortalMessage & { clientId: string };

export function useSendMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: MessageDraft) => api<PortalMessageSent>('/portal/messages', { method: 'POST', body: draft }),
    onSuccess: (sent) => {
      void queryClient.invalidateQueries({ queryKey: portalKeys.cases });
      if (sent.caseId) void queryClient.invalidateQueries({ queryKey: portalKeys.case(sent.caseId) });
    },
  });
}

export function useBookCallback(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: PortalCallbackRequest) =>
      api<PortalCallbackBooked>(`/portal/cases/${caseId}/callbacks`, { method: 'POST', body: request }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: portalKeys.case(caseId) }),
  });
}
