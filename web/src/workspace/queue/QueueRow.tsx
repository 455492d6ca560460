import { Box, Group, Text, UnstyledButton } from '@mantine/core';
import { IconStairsUp, IconUser } from '@tabler/icons-react';
import { forwardRef } from 'react';
import { Link } from 'react-router';
import { DueBadge, PriorityBadge, StatusBadge } from '../badges';
import { ChannelIcon } from '../channels';
import { RelativeTime } from '../format';
import type { QueueItem } from '../queue-types';
import { useAskAheadOnPress } from './useAskAheadOnPress';

interface Props {
  item: QueueItem;
  to: string;
  selected: boolean;
  compact: boolean;
}

/** One case waiting in a queue: what it is, whose it is, and what falls due next. The whole row is the link. */
export const QueueRow = forwardRef<HTMLAnchorElement, Props>(function QueueRow({ item, to, selected, compact }, ref) {
  const owner = item.ownerName ?? (item.teamName ? `${item.teamName}, no owner` : 'No owner');
  const askAhead = useAskAheadOnPress(item, selected);
  return (
    <UnstyledButton
      ref={ref}
      component={Link}
      to={to}
      {...askAhead}
      aria-current={selected ? 'true' : undefined}
      display="block"
      px="sm"
      py={8}
      style={{
        borderLeft: `3px solid ${selected ? 'var(--mantine-color-hearken-7)' : 'transparent'}`,
        background: selected ? 'var(--mantine-color-hearken-0)' : undefined,
        borderBottom: '1px solid var(--mantine-color-gray-2)',
      }}
    >
      {compact ? <CompactRow item={item} owner={owner} /> : <WideRow item={item} owner={owner} />}
    </UnstyledButton>
  );
});

function Reference({ item }: { item: QueueItem }) {
  return (
    <Group gap={6} wrap="nowrap">
      <ChannelIcon channel={item.lastChannel} size={15} />
      <Text size="xs" ff="monospace" c="gray.7" fw={600} style={{ whiteSpace: 'nowrap' }}>
        {item.reference}
      </Text>
      {item.escalationLevel > 0 ? (
        <Group gap={2} wrap="nowrap" c="red.9">
          <IconStairsUp size={13} aria-hidden />
          <Text size="xs" fw={600} style={{ whiteSpace: 'nowrap' }}>
            Level {item.escalationLevel}
          </Text>
        </Group>
      ) : null}
    </Group>
  );
}

/** Beside an open case: stacked to fit the left column. */
function CompactRow({ item, owner }: { item: QueueItem; owner: string }) {
  return (
    <>
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Reference item={item} />
        <Text size="xs" c="gray.7" style={{ whiteSpace: 'nowrap' }}>
          <RelativeTime iso={item.updatedAt} />
        </Text>
      </Group>
      <Text size="sm" fw={600} lineClamp={2} mt={2}>
        {item.subject}
      </Text>
      <Text size="xs" c="gray.7" truncate="end">
        {item.customerName ?? 'Unknown customer'} · {owner}
      </Text>
      <Group gap={4} mt={4} wrap="wrap">
        <PriorityBadge priority={item.priority} />
        <StatusBadge status={item.status} />
        {item.due ? <DueBadge due={item.due} /> : null}
      </Group>
    </>
  );
}

/** The queue as the main area: one dense line of what, and one of who and how urgent. */
function WideRow({ item, owner }: { item: QueueItem; owner: string }) {
  return (
    <>
      <Group gap="sm" wrap="nowrap" justify="space-between">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <Reference item={item} />
          <Text size="sm" fw={650} truncate="end">
            {item.subject}
          </Text>
        </Group>
        <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
          {item.due ? <DueBadge due={item.due} /> : null}
          <Text size="xs" c="gray.7" style={{ whiteSpace: 'nowrap' }} w={72} ta="right">
            <RelativeTime iso={item.updatedAt} />
          </Text>
        </Group>
      </Group>
      <Group gap="xs" wrap="nowrap" mt={4} style={{ minWidth: 0 }}>
        <PriorityBadge priority={item.priority} />
        <StatusBadge status={item.status} />
        <Text size="xs" c="gray.8" fw={600} style={{ whiteSpace: 'nowrap' }}>
          {item.customerName ?? 'Unknown customer'}
        </Text>
        <Group gap={3} wrap="nowrap" c="gray.7">
          <IconUser size={12} aria-hidden />
          <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
            {owner}
          </Text>
        </Group>
        {item.note ? (
          <Box style={{ minWidth: 0 }}>
            <Text size="xs" c="gray.7" fs="italic" truncate="end">
              “{item.note}”
            </Text>
          </Box>
        ) : null}
      </Group>
    </>
  );
}
