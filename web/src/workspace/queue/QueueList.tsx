import { Box, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useMemo, useRef } from 'react';
import { useMatch, useNavigate } from 'react-router';
import { Empty, ErrorState } from '../../components/states';
import { useQueueItems, useQueues } from '../queries';
import type { QueueKey } from '../queue-types';
import { LoadMoreFooter } from '../../components/LoadMoreFooter';
import { afterPaint, useTopDrawnFirst } from '../../components/useAfterFirstPaint';
import { unlessDialogOpen } from '../../components/shortcuts';
import { useQueueKey, withQueue } from '../useQueueKey';
import { QueueRow } from './QueueRow';

/** The rows a first screen holds (ten or so at 800 px), drawn at once; the rest a frame later. */
const FIRST_DRAWN = 12;

const EMPTY: Record<QueueKey, { title: string; hint: string }> = {
  mine: { title: 'Nothing waiting for you', hint: 'Cases you own appear here as soon as they need you.' },
  team: { title: "Your team's queue is clear", hint: 'Open cases held by your team appear here.' },
  unassigned: { title: 'Every case has an owner', hint: 'New cases nobody has taken appear here.' },
  transfers: {
    title: 'No transfers offered to you',
    hint: 'When a colleague offers you or your team a case, it waits here for you to accept.',
  },
  escalated: {
    title: 'No escalations waiting for you',
    hint: 'Cases escalated to you or your team wait here until accepted.',
  },
  callbacks: { title: 'No callbacks due', hint: 'Calls you promised a customer appear here when their window opens.' },
  'sla-at-risk': {
    title: 'No case is close to its deadline',
    hint: 'Cases whose SLA is about to be missed, or was missed, appear here.',
  },
};

/**
 * The cases of the chosen queue. In the main area with no case open; folded into the left column
 * (compact) beside an open case. J and K walk the list and open each case; Enter opens the focused one.
 */
export function QueueList({ compact = false }: { compact?: boolean }) {
  const key = useQueueKey();
  const queues = useQueues();
  const items = useQueueItems(key);
  const navigate = useNavigate();
  const openCaseId = useMatch('/work/cases/:caseId')?.params.caseId;
  const rowRefs = useRef(new Map<string, HTMLAnchorElement>());
  const label = queues.data?.queues.find((q) => q.key === key)?.label ?? 'Queue';
  const count = queues.data?.queues.find((q) => q.key === key)?.count;

  const list = useMemo(() => items.data?.pages.flatMap((p) => p.items) ?? [], [items.data]);
  const selectedIndex = list.findIndex((i) => i.caseId === openCaseId);
  const { drawn, complete } = useTopDrawnFirst(list, FIRST_DRAWN);

  const step = (delta: 1 | -1) => {
    if (list.length === 0) return;
    const next =
      selectedIndex < 0
        ? delta === 1
          ? 0
          : list.length - 1
        : Math.min(list.length - 1, Math.max(0, selectedIndex + delta));
    const item = list[next];
    if (!item) return;
    navigate(withQueue(`/work/cases/${item.caseId}`, key));
    // At the end of what is loaded, fetch the next page so J keeps going.
    if (next >= list.length - 3 && items.hasNextPage && !items.isFetchingNextPage) void items.fetchNextPage();
  };
  useHotkeys([
    ['j', unlessDialogOpen(() => step(1))],
    ['k', unlessDialogOpen(() => step(-1))],
  ]);

  // Keep the open case's row in sight as J/K move through the list; once the case is painted, as
  // scrolling measures the page. Again when its row is first drawn (a frame later, or with its
  // page), but not whenever more rows are: that would pull the column back while someone scrolls it.
  const openRowDrawn = drawn.some((item) => item.caseId === openCaseId);
  useEffect(() => {
    if (!openCaseId) return;
    return afterPaint(() => rowRefs.current.get(openCaseId)?.scrollIntoView({ block: 'nearest' }));
  }, [openCaseId, openRowDrawn]);

  return (
    <Box
      component="section"
      aria-label={`Queue: ${label}`}
      pb="md"
      style={compact ? { borderTop: '1px solid var(--mantine-color-gray-3)' } : undefined}
    >
      <Group justify="space-between" px={compact ? 'sm' : 'lg'} pt={compact ? 'sm' : 'lg'} pb="xs" wrap="nowrap">
        <Title order={compact ? 2 : 1} size={compact ? 'h5' : 'h3'}>
          {label}
          {count !== undefined ? (
            <Text span c="gray.7" fw={500} inherit>
              {' '}
              ({count})
            </Text>
          ) : null}
        </Title>
        {!compact && list.length > 0 ? (
          <Text size="xs" c="gray.7">
            J / K to walk the queue
          </Text>
        ) : null}
      </Group>
      {items.isPending ? (
        <Stack gap="xs" px="sm" aria-hidden>
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} h={compact ? 84 : 72} />
          ))}
        </Stack>
      ) : items.isError ? (
        <Box px="sm">
          <ErrorState error={items.error} onRetry={() => void items.refetch()} title="This queue could not be loaded" />
        </Box>
      ) : list.length === 0 ? (
        <Empty title={EMPTY[key].title}>{EMPTY[key].hint}</Empty>
      ) : (
        <Box
          style={compact ? undefined : { maxWidth: 960 }}
          mx={compact ? 0 : 'lg'}
          bd={compact ? undefined : '1px solid var(--mantine-color-gray-3)'}
          bdrs={compact ? undefined : 'md'}
          bg="white"
        >
          {drawn.map((item) => (
            <QueueRow
              key={item.caseId}
              ref={(el) => {
                if (el) rowRefs.current.set(item.caseId, el);
                else rowRefs.current.delete(item.caseId);
              }}
              item={item}
              to={withQueue(`/work/cases/${item.caseId}`, key)}
              selected={item.caseId === openCaseId}
              compact={compact}
            />
          ))}
          {complete ? <LoadMoreFooter pages={items} label="Load more" /> : null}
        </Box>
      )}
    </Box>
  );
}
