import { Box, Chip, Group, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Empty, ErrorState, Loading } from '../../components/states';
import { channelLabel, ChannelIcon } from '../channels';
import { usePeopleNames, useTimeline } from '../queries';
import { LoadMoreFooter } from '../../components/LoadMoreFooter';
import { useTopDrawnFirst } from '../../components/useAfterFirstPaint';
import { useQueueKey, withQueue } from '../useQueueKey';
import { TimelineItem } from './TimelineItem';

const EVENTS = 'events';
/** What fits on the first screen: drawn at once, the rest of the page a frame later. */
const FIRST_DRAWN = 8;

/**
 * Everything the customer has said to us and we to them, on every channel, newest first, with
 * what happened to their cases in between — so nobody asks them to repeat themselves.
 */
export function Timeline({
  customerId,
  customerName,
  openCaseId,
}: {
  customerId: string;
  customerName: string | null | undefined;
  openCaseId?: string;
}) {
  const timeline = useTimeline(customerId);
  const names = usePeopleNames();
  const queue = useQueueKey();
  const [filter, setFilter] = useState<string[]>([]);
  const all = useMemo(() => timeline.data?.pages.flatMap((p) => p.items) ?? [], [timeline.data]);
  const channels = useMemo(
    () => [...new Set(all.filter((i) => i.type === 'contact' && i.channel).map((i) => i.channel!))].sort(),
    [all],
  );
  const shown =
    filter.length === 0
      ? all
      : all.filter((i) => (i.type === 'contact' ? filter.includes(i.channel ?? '') : filter.includes(EVENTS)));
  const { drawn, complete } = useTopDrawnFirst(shown, FIRST_DRAWN);
  const caseLink = (caseId: string) => withQueue(`/work/cases/${caseId}`, queue);

  return (
    <Box component="section" aria-labelledby="timeline-heading">
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Title order={2} size="h4" id="timeline-heading">
          Timeline
        </Title>
        {channels.length > 0 ? (
          <Group gap={6} role="group" aria-label="Filter the timeline by channel">
            <Chip.Group multiple value={filter} onChange={setFilter}>
              {channels.map((channel) => (
                <Chip
                  key={channel}
                  value={channel}
                  size="xs"
                  variant="outline"
                  icon={<ChannelIcon channel={channel} size={12} labelled={false} />}
                >
                  {channelLabel(channel)}
                </Chip>
              ))}
              <Chip value={EVENTS} size="xs" variant="outline">
                Case events
              </Chip>
            </Chip.Group>
          </Group>
        ) : null}
      </Group>
      {timeline.isPending ? (
        <Loading label="Loading the timeline…" />
      ) : timeline.isError ? (
        <ErrorState
          error={timeline.error}
          onRetry={() => void timeline.refetch()}
          title="The timeline could not be loaded"
        />
      ) : all.length === 0 ? (
        <Empty title="Nothing on the timeline yet">
          Contacts on every channel and what happens to the customer's cases appear here.
        </Empty>
      ) : (
        <>
          <Stack gap={8} role="feed" aria-label="Timeline" aria-busy={timeline.isFetchingNextPage}>
            {drawn.map((item, index) => (
              <TimelineItem
                key={`${item.type}-${item.id}`}
                item={item}
                position={index + 1}
                setSize={timeline.hasNextPage ? -1 : shown.length}
                openCaseId={openCaseId}
                customerName={customerName}
                names={names}
                caseLink={caseLink}
              />
            ))}
          </Stack>
          {shown.length === 0 ? (
            <Text size="sm" c="gray.7" ta="center" py="md">
              Nothing on {filter.map((f) => (f === EVENTS ? 'case events' : channelLabel(f))).join(' or ')} in what is
              loaded.
            </Text>
          ) : null}
          {/* Not before the whole page is drawn: with only its top drawn, the footer would be in view and load the next. */}
          {complete ? (
            <LoadMoreFooter
              pages={timeline}
              label="Load older"
              variant="light"
              end={
                <Text size="xs" c="gray.7" ta="center" py="sm">
                  The beginning of this customer's history.
                </Text>
              }
            />
          ) : null}
        </>
      )}
    </Box>
  );
}
