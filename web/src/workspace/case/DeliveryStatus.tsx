import { Group, Text } from '@mantine/core';
import { IconCheck, IconClock, IconX } from '@tabler/icons-react';
import { channelLabel } from '../channels';
import { RelativeTime } from '../format';
import { useCaseOutbound } from '../queries';

/** Whether the last reply on the case actually reached the customer's channel. */
export function DeliveryStatus({ caseId }: { caseId: string }) {
  const outbound = useCaseOutbound(caseId);
  const last = outbound.data?.items.reduce<(typeof outbound.data.items)[number] | undefined>(
    (latest, m) => (!latest || m.createdAt > latest.createdAt ? m : latest),
    undefined,
  );
  if (!last) return <span />;
  const Icon = last.status === 'sent' ? IconCheck : last.status === 'failed' ? IconX : IconClock;
  const colour = last.status === 'sent' ? '#1f6e30' : last.status === 'failed' ? 'red.8' : 'gray.7';
  return (
    <Group gap={4} wrap="nowrap" c={colour} style={{ minWidth: 0 }}>
      <Icon size={14} aria-hidden />
      <Text size="xs" truncate="end">
        Last reply ({channelLabel(last.channel).toLowerCase()} to {last.recipient}):{' '}
        {last.status === 'sent'
          ? 'delivered to the channel'
          : last.status === 'failed'
            ? `failed${last.lastError ? ` — ${last.lastError}` : ''}`
            : `on its way (attempt ${last.attempts})`}{' '}
        · <RelativeTime iso={last.sentAt ?? last.createdAt} />
      </Text>
    </Group>
  );
}
