import { BarsList } from '@mantine/charts';
import { Card, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { channelLabel } from '../channels';
import { useTimeline } from '../queries';

const CHANNEL_COLOR: Record<string, string> = {
  email: 'blue.2',
  chat: 'teal.2',
  phone: 'grape.2',
  sms: 'cyan.2',
  portal: 'indigo.2',
  forum: 'orange.2',
  social: 'pink.2',
};

/**
 * How the customer has been reaching us, per channel, from the timeline loaded so far. With a
 * case, only that case's contacts count.
 */
export function ContactsChart({ customerId, caseId }: { customerId: string; caseId?: string }) {
  const timeline = useTimeline(customerId);
  const { bars, total } = useMemo(() => {
    const counts = new Map<string, number>();
    let total = 0;
    for (const item of timeline.data?.pages.flatMap((p) => p.items) ?? []) {
      if (item.type !== 'contact' || item.direction !== 'inbound' || (caseId && item.caseId !== caseId)) continue;
      const channel = item.channel ?? 'unknown';
      counts.set(channel, (counts.get(channel) ?? 0) + 1);
      total++;
    }
    const bars = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([channel, value]) => ({ name: channelLabel(channel), value, color: CHANNEL_COLOR[channel] ?? 'gray.2' }));
    return { bars, total };
  }, [timeline.data, caseId]);

  if (timeline.isPending) return null;
  if (bars.length === 0) {
    return (
      <Text size="xs" c="gray.7">
        No messages from the customer {caseId ? 'on this case ' : ''}in the timeline loaded so far.
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <BarsList
        data={bars}
        barHeight={22}
        barGap={4}
        barTextColor="dark.8"
        barsLabel="Channel"
        valueLabel="From the customer"
        aria-label="Contacts from the customer by channel"
      />
      <Text size="xs" c="gray.7">
        {total} {total === 1 ? 'message' : 'messages'} in the{' '}
        {timeline.hasNextPage ? 'latest part of the timeline' : 'whole timeline'}
      </Text>
    </Stack>
  );
}

/** The chart as a card of its own, for a customer seen without a case. */
export function ContactsByChannel({ customerId }: { customerId: string }) {
  return (
    <Card withBorder padding="md">
      <Text fw={650} size="sm" mb="xs">
        Contacts by channel
      </Text>
      <ContactsChart customerId={customerId} />
    </Card>
  );
}
