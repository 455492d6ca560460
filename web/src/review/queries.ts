import {
  infiniteQueryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
} from '@tanstack/react-query';
import { api } from '../api/client';
import type {
  AnalysisAudit,
  AnalysisModel,
  ContactLabel,
  ContactLabelInput,
  ModelTrained,
  ModelTrainingRequest,
  ReviewFacets,
  ReviewPage,
} from '../api/types';
import type { ReviewFilters } from './filters';

const PAGE_SIZE = 25;

/** Query keys of the review screen, so a saved label refreshes exactly what it changes. */
export const reviewKeys = {
  all: ['review'] as const,
  queue: (filters: ReviewFilters) => ['review', 'queue', filters] as const,
  queues: ['review', 'queue'] as const,
  facets: ['review', 'facets'] as const,
  audit: ['review', 'audit'] as const,
  models: ['review', 'models'] as const,
  labels: (contactId: string) => ['review', 'labels', contactId] as const,
};

/** The review queue, most to learn from first, one page of PAGE_SIZE at a time. */
export const reviewQueueQuery = (filters: ReviewFilters) =>
  infiniteQueryOptions({
    queryKey: reviewKeys.queue(filters),
    queryFn: ({ signal, pageParam }) =>
      api<ReviewPage>('/analysis/review', { signal, query: { ...filters, limit: PAGE_SIZE, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useReviewQueue = (filters: ReviewFilters) => useInfiniteQuery(reviewQueueQuery(filters));

export function useReviewFacets(enabled = true) {
  return useQuery({
    queryKey: reviewKeys.facets,
    queryFn: ({ signal }) => api<ReviewFacets>('/analysis/review/facets', { signal }),
    staleTime: 60_000,
    enabled,
  });
}

export function useAnalysisAudit() {
  return useQuery({
    queryKey: reviewKeys.audit,
    queryFn: ({ signal }) => api<AnalysisAudit>('/analysis/audit', { signal }),
  });
}

export function useTopicModels() {
  return useQuery({
    queryKey: reviewKeys.models,
    queryFn: ({ signal }) => api<AnalysisModel[]>('/analysis/models', { signal }),
  });
}

export function useContactLabels(contactId: string | null) {
  return useQuery({
    queryKey: reviewKeys.labels(contactId ?? ''),
    queryFn: ({ signal }) => api<ContactLabel[]>(`/contacts/${contactId}/labels`, { signal }),
    enabled: contactId !== null,
  });
}

/**
 * Saves an expert's label. The queue is not refetched (the reviewer keeps their place, even
 * when the filter is "not reviewed"); the row's label count goes up in place instead.
 */
export function useSaveLabel(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (label: ContactLabelInput) =>
      api<ContactLabel>(`/contacts/${contactId}/labels`, { method: 'POST', body: label }),
    onSuccess: (label) => {
      queryClient.setQueryData<ContactLabel[]>(reviewKeys.labels(contactId), (history) => [label, ...(history ?? [])]);
      queryClient.setQueriesData<InfiniteData<ReviewPage>>({ queryKey: reviewKeys.queues }, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                items: page.items.map((item) =>
                  item.contactId === contactId ? { ...item, labelCount: item.labelCount + 1 } : item,
                ),
              })),
            }
          : data,
      );
      void queryClient.invalidateQueries({ queryKey: reviewKeys.labels(contactId) });
      void queryClient.invalidateQueries({ queryKey: reviewKeys.audit });
    },
  });
}

/** Trains a topic model on the experts' labels and makes it the active one. */
export function useTrainTopicModel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: Partial<ModelTrainingRequest>) =>
      api<ModelTrained>('/analysis/models', { method: 'POST', body: request }),
    onSuccess: ({ model }) => {
      // Show the new version at once; the refetch below confirms it.
      queryClient.setQueryData<AnalysisModel[]>(reviewKeys.models, (models) => [
        model,
        ...(models ?? [])
          .filter((m) => m.id !== model.id)
          .map((m) => (model.active && m.name === model.name ? { ...m, active: false } : m)),
      ]);
      void queryClient.invalidateQueries({ queryKey: reviewKeys.models });
      void queryClient.invalidateQueries({ queryKey: reviewKeys.facets });
    },
  });
}
