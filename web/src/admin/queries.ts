import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api, type RequestOptions } from '../api/client';

/** Query keys of the admin console; a change refreshes the lists it touches. */
export const adminKeys = {
  organisation: ['admin', 'organisation'] as const,
  users: ['admin', 'users'] as const,
  teams: ['admin', 'teams'] as const,
  tokens: ['admin', 'tokens'] as const,
  calendars: ['admin', 'sla', 'calendars'] as const,
  policies: ['admin', 'sla', 'policies'] as const,
  casePolicy: ['admin', 'case-policy'] as const,
  channelSettings: ['admin', 'channels', 'settings'] as const,
  mailboxes: ['admin', 'channels', 'mailboxes'] as const,
  feeds: ['admin', 'channels', 'feeds'] as const,
};

/** One admin resource, read from the API as it is now. */
export function useAdminQuery<T>(key: QueryKey, path: string) {
  return useQuery({ queryKey: key, queryFn: ({ signal }) => api<T>(path, { signal }) });
}

/**
 * A change through the API: `send` builds the request from what the form holds, and the lists in
 * `refreshes` are loaded again once it succeeds. Errors stay on the mutation for the form to show.
 */
export function useAdminChange<TInput, TResult = unknown>(
  send: (input: TInput) => { path: string } & Pick<RequestOptions, 'method' | 'body' | 'query'>,
  refreshes: QueryKey[],
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TInput) => {
      const { path, ...options } = send(input);
      return api<TResult>(path, options);
    },
    onSuccess: async () => {
      await Promise.all(refreshes.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}
