import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ReviewQuery } from '../api/types';
import { CUE_KINDS, SENTIMENTS } from '../components/analysis';
import { CHANNEL_KEYS } from '../workspace/channels';

/** What the review queue is narrowed to; kept in the address so a filtered queue can be shared and reloaded. */
export type ReviewFilters = Omit<ReviewQuery, 'limit' | 'cursor'>;
export type FilterName = keyof ReviewFilters;

export const FILTER_NAMES: readonly FilterName[] = [
  'topic',
  'cue',
  'channel',
  'direction',
  'teamId',
  'vendor',
  'sentiment',
  'reviewed',
];

const oneOf = <T extends string>(allowed: readonly T[], value: string | null): T | undefined =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
const text = (value: string | null) => (value && value.trim() ? value.trim() : undefined);

/** Reads the filters from the address; a value the API would refuse (a hand-edited link) is left out. */
export function parseFilters(params: URLSearchParams): ReviewFilters {
  const reviewed = params.get('reviewed');
  const filters: ReviewFilters = {
    topic: text(params.get('topic')),
    cue: oneOf(CUE_KINDS, params.get('cue')),
    channel: oneOf(CHANNEL_KEYS as NonNullable<ReviewQuery['channel']>[], params.get('channel')),
    direction: oneOf(['inbound', 'outbound'] as const, params.get('direction')),
    teamId: text(params.get('teamId')),
    vendor: text(params.get('vendor')),
    sentiment: oneOf(
      SENTIMENTS.map((s) => s.value),
      params.get('sentiment'),
    ),
    reviewed: reviewed === 'true' ? true : reviewed === 'false' ? false : undefined,
  };
  // Undefined keys would still make two equal filter sets look different to a reader of the query key.
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) as ReviewFilters;
}

export function useReviewFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);

  const setFilter = useCallback(
    (name: FilterName, value: string | null) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value === null || value === '') next.delete(name);
          else next.set(name, value);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  const active = FILTER_NAMES.filter((name) => filters[name] !== undefined).length;
  return { filters, setFilter, clear, active };
}
