import { Badge, Box, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import { LoadMoreFooter } from '../components/LoadMoreFooter';
import { unlessDialogOpen } from '../components/shortcuts';
import { Empty, ErrorState } from '../components/states';
import { hasWorkspace, useMe } from '../session/session';
import { READABLE_DIMMED } from '../components/readable';
import { AuditStrip } from './AuditStrip';
import { useReviewFilters } from './filters';
import { LabelPanel } from './LabelPanel';
import { useReviewFacets, useReviewQueue } from './queries';
import { ReviewFiltersBar } from './ReviewFiltersBar';
import { ReviewRow } from './ReviewRow';
import { TopicModelCard } from './TopicModelCard';
import { useTopDrawnFirst } from '../components/useAfterFirstPaint';

/** What fits on the first screen (two or three rows at 800 px), drawn at once; the rest a frame later. */
const FIRST_DRAWN = 4;

/**
 * The experts' review queue: analysed contacts, most to learn from first, narrowed by topic,
 * cue, channel, team, vendor, sentiment or whether anyone reviewed them yet. Each contact can
 * be labelled; the labels audit the analysis and train the next topic model.
 */
export function ReviewPage() {
  const me = useMe();
  const { filters, setFilter, clear, active: activeFilters } = useReviewFilters();
  const queue = useReviewQueue(filters);
  // The counts only fill the filter menus: asked for once the list is in, so the list comes first.
  const facets = useReviewFacets(!queue.isPending);
  const list = useMemo(() => queue.data?.pages.flatMap((p) => p.items) ?? [], [queue.data]);
  const { drawn, complete } = useTopDrawnFirst(list, FIRST_DRAWN);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const rowRefs = useRef(new Map<string, HTMLLIElement>());

  const activeIndex = list.findIndex((i) => i.contactId === activeId);
  const openIndex = list.findIndex((i) => i.contactId === openId);
  const openItem = openIndex >= 0 ? list[openIndex]! : null;
  const nextItem = openIndex >= 0 ? list[openIndex + 1] : undefined;

  const focusRow = (contactId: string) => {
    setActiveId(contactId);
    const row = rowRefs.current.get(contactId);
    row?.focus({ preventScroll: true });
    row?.scrollIntoView({ block: 'nearest' });
  };

  const step = (delta: 1 | -1) => {
    if (list.length === 0) return;
    const next = activeIndex < 0 ? 0 : Math.min(list.length - 1, Math.max(0, activeIndex + delta));
    focusRow(list[next]!.contactId);
    // Near the end of what is loaded, fetch more so J keeps going.
    if (next >= list.length - 3 && queue.hasNextPage && !queue.isFetchingNextPage) void queue.fetchNextPage();
  };
  useHotkeys([
    ['j', unlessDialogOpen(() => step(1))],
    ['k', unlessDialogOpen(() => step(-1))],
  ]);

  const openNext = () => {
    if (!nextItem) return;
    setOpenId(nextItem.contactId);
    setActiveId(nextItem.contactId);
    rowRefs.current.get(nextItem.contactId)?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <Box p="lg" maw={1600} mx="auto" style={READABLE_DIMMED}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <div>
            <Title order={1} size="h2">
              Insight review
            </Title>
            <Text size="sm" c="dimmed">
              Analysed contacts, most to learn from first. Label what you read: your labels audit the analysis and train
              the topic model.
            </Text>
          </div>
          <Group gap="xs">
            {facets.data ? (
              <Badge variant="light" color="gray" c="dark.5" tt="none" fw={500}>
                {facets.data.total.toLocaleString()} analysed · analysis {facets.data.modelVersion}
              </Badge>
            ) : null}
          </Group>
        </Group>

        <Grid gap="md" align="flex-start">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <AuditStrip />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <TopicModelCard />
          </Grid.Col>
        </Grid>

        <ReviewFiltersBar
          filters={filters}
          facets={facets.data}
          active={activeFilters}
          onChange={setFilter}
          onClear={clear}
        />

        <Box component="section" aria-labelledby="review-queue-heading">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4" id="review-queue-heading">
              Ranked by insight
            </Title>
            {list.length > 0 ? (
              <Text size="xs" c="dimmed">
                J / K to move, Enter to label
              </Text>
            ) : null}
          </Group>
          {queue.isPending ? (
            <Stack gap="xs" aria-hidden>
              {Array.from({ length: 5 }, (_, i) => (
                <Skeleton key={i} h={120} />
              ))}
            </Stack>
          ) : queue.isError ? (
            <ErrorState
              error={queue.error}
              onRetry={() => void queue.refetch()}
              title="The review queue could not be loaded"
            />
          ) : list.length === 0 ? (
            activeFilters > 0 ? (
              <Empty title="No analysed contact matches these filters">Clear a filter or two to see more.</Empty>
            ) : (
              <Empty title="Nothing analysed yet — contacts are analysed as they arrive">
                The contacts most worth an expert’s look appear here first.
              </Empty>
            )
          ) : (
            <>
              <Stack
                component="ol"
                gap="xs"
                p={0}
                m={0}
                style={{ listStyle: 'none' }}
                aria-label="Contacts to review"
                aria-busy={queue.isFetchingNextPage}
              >
                {drawn.map((item) => (
                  <ReviewRow
                    key={item.contactId}
                    ref={(el) => {
                      if (el) rowRefs.current.set(item.contactId, el);
                      else rowRefs.current.delete(item.contactId);
                    }}
                    item={item}
                    active={item.contactId === activeId}
                    linkCases={hasWorkspace(me.role)}
                    onFocus={() => setActiveId(item.contactId)}
                    onOpen={() => {
                      setActiveId(item.contactId);
                      setOpenId(item.contactId);
                    }}
                  />
                ))}
              </Stack>
              {complete ? (
                <LoadMoreFooter
                  pages={queue}
                  label="Load more"
                  variant="light"
                  end={
                    <Text size="xs" c="dimmed" ta="center" py="sm">
                      That is every analysed contact{activeFilters > 0 ? ' matching these filters' : ''}.
                    </Text>
                  }
                />
              ) : null}
            </>
          )}
        </Box>
      </Stack>
      <LabelPanel
        item={openItem}
        topics={facets.data?.topics ?? []}
        onClose={() => setOpenId(null)}
        onNext={nextItem ? openNext : undefined}
        onClosed={() => activeId && focusRow(activeId)}
      />
    </Box>
  );
}
