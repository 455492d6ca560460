import { Badge, Box, NavLink, Skeleton, Stack, Text } from '@mantine/core';
import {
  IconAlarm,
  IconArrowsExchange,
  IconInbox,
  IconPhoneCall,
  IconStairsUp,
  IconUser,
  IconUsers,
  IconUserQuestion,
  type Icon,
} from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import { ErrorState } from '../../components/states';
import { useQueues } from '../queries';
import type { QueueKey } from '../queue-types';
import { useQueueKey } from '../useQueueKey';

const ICONS: Record<QueueKey, Icon> = {
  mine: IconUser,
  team: IconUsers,
  unassigned: IconUserQuestion,
  transfers: IconArrowsExchange,
  escalated: IconStairsUp,
  callbacks: IconPhoneCall,
  'sla-at-risk': IconAlarm,
};

/** Queues that hold work needing someone now: their counts should read as a call to act. */
const URGENT: ReadonlySet<QueueKey> = new Set(['transfers', 'escalated', 'callbacks', 'sla-at-risk']);

/** One link per queue with how many cases wait in it; the chosen queue stays open beside any case. */
export function QueueNav() {
  const queues = useQueues();
  const current = useQueueKey();
  const location = useLocation();

  return (
    <Box component="nav" aria-label="Queues" p="xs">
      <Text size="xs" fw={700} c="gray.7" tt="uppercase" px="sm" py={6}>
        Queues
      </Text>
      {queues.isPending ? (
        <Stack gap={6} px="sm" aria-hidden>
          {Array.from({ length: 7 }, (_, i) => (
            <Skeleton key={i} h={28} />
          ))}
        </Stack>
      ) : queues.isError ? (
        <ErrorState error={queues.error} onRetry={() => void queues.refetch()} title="Queues could not be loaded" />
      ) : (
        queues.data.queues.map((queue) => {
          const Icon = ICONS[queue.key] ?? IconInbox;
          const params = new URLSearchParams(location.search);
          params.set('queue', queue.key);
          const active = queue.key === current;
          const urgent = URGENT.has(queue.key) && queue.count > 0;
          return (
            <NavLink
              key={queue.key}
              component={Link}
              to={{ pathname: location.pathname, search: params.toString() }}
              active={active}
              aria-current={active ? 'page' : undefined}
              label={queue.label}
              leftSection={<Icon size={18} aria-hidden />}
              rightSection={
                <Badge
                  size="sm"
                  circle={queue.count < 10}
                  variant={urgent ? 'filled' : 'light'}
                  color={urgent ? 'red.9' : 'gray'}
                >
                  {queue.count}
                </Badge>
              }
              py={6}
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
            />
          );
        })
      )}
    </Box>
  );
}
