import { Group, Text } from '@mantine/core';
import { IconPlugConnected, IconPlugConnectedX } from '@tabler/icons-react';
import type { LiveState } from './useLiveUpdates';

const WORDS: Record<LiveState, string> = {
  connecting: 'Connecting to live updates…',
  live: 'Live: updates arrive as they happen',
  reconnecting: 'Live updates lost; reconnecting (refreshing every 30 s)',
};

/** Whether the screen is live, so an agent knows when to trust it without reloading. */
export function LiveIndicator({ state }: { state: LiveState }) {
  const Icon = state === 'live' ? IconPlugConnected : IconPlugConnectedX;
  return (
    <Group
      gap={6}
      px="md"
      py={6}
      wrap="nowrap"
      role="status"
      style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Icon
        size={14}
        aria-hidden
        color={state === 'live' ? 'var(--mantine-color-green-8)' : 'var(--mantine-color-orange-8)'}
      />
      <Text size="xs" c="gray.8">
        {WORDS[state]}
      </Text>
    </Group>
  );
}
