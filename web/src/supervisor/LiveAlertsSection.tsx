import { Anchor, Badge, Group, Paper, ScrollArea, Stack, Text, ThemeIcon } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconActivity, IconMoodSad } from '@tabler/icons-react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { Customer } from '../api/types';
import { cueLabel, formatScore } from '../components/analysis';
import { Empty } from '../components/states';
import type { LiveFeedStatus } from './live-feed';
import { SectionCard } from '../components/SectionCard';
import { formatClock, formatWhen } from './time';
import { ACTIVITY_WINDOW_MS, type LiveAlert, type LiveSupervision } from './useSupervision';

const STATUS: Record<LiveFeedStatus, { label: string; color: string }> = {
  live: { label: 'Live', color: 'green' },
  connecting: { label: 'Connecting…', color: 'gray' },
  reconnecting: { label: 'Reconnecting…', color: 'yellow' },
};

export function LiveAlertsSection({ live, now }: { live: LiveSupervision; now: number }) {
  const status = STATUS[live.status];
  return (
    <SectionCard
      title="Live alerts"
      id="supervisor-live-alerts"
      aside={
        <Badge variant="dot" color={status.color} c="dark.6" role="status">
          {status.label}
        </Badge>
      }
    >
      <Stack gap="sm">
        <LiveActivity arrivals={live.arrivals} now={now} />
        {live.alerts.length === 0 ? (
          <Empty title="No alerts right now" icon={<IconMoodSad size={22} aria-hidden />}>
            Alerts appear here when a live chat or SMS turns negative or shows churn intent.
          </Empty>
        ) : (
          <ScrollArea.Autosize mah={420} type="auto" offsetScrollbars>
            {/* The log role goes on a wrapper: on the list itself it would hide that its items are a list. */}
            <div role="log" aria-label="Live alerts" aria-live="polite">
              <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                {live.alerts.map((alert) => (
                  <AlertItem key={alert.key} alert={alert} />
                ))}
              </Stack>
            </div>
          </ScrollArea.Autosize>
        )}
      </Stack>
    </SectionCard>
  );
}

/** How many customers wrote or started a conversation lately, counted since this screen opened. */
function LiveActivity({ arrivals, now }: { arrivals: number[]; now: number }) {
  const lastFive = arrivals.filter((t) => now - t < ACTIVITY_WINDOW_MS).length;
  const lastMinute = arrivals.filter((t) => now - t < 60_000).length;
  return (
    <Paper bg="gray.0" radius="md" p="sm" aria-label="Live activity" component="section">
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon variant="light" radius="xl" size="lg" aria-hidden>
          <IconActivity size={18} />
        </ThemeIcon>
        <div>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            Live activity
          </Text>
          <Text size="sm">
            <Text span fw={700}>
              {lastFive}
            </Text>{' '}
            {lastFive === 1 ? 'contact' : 'contacts'} in the last 5 minutes
            {lastMinute ? ` (${lastMinute} in the last minute)` : ''}
          </Text>
        </div>
      </Group>
    </Paper>
  );
}

/** Today's alerts to the second; earlier ones (loaded with the page) with their day. */
function raisedWhen(ms: number): string {
  return new Date(ms).toDateString() === new Date().toDateString()
    ? formatClock(ms)
    : formatWhen(new Date(ms).toISOString());
}

function AlertItem({ alert }: { alert: LiveAlert }) {
  return (
    <Paper component="li" withBorder radius="md" p="sm" style={{ borderLeft: '4px solid var(--mantine-color-red-7)' }}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={600}>
          <CustomerName customerId={alert.customerId} known={alert.customerName} />
        </Text>
        <Text
          size="xs"
          c="dimmed"
          component="time"
          dateTime={new Date(alert.raisedAt).toISOString()}
          style={{ whiteSpace: 'nowrap' }}
        >
          {raisedWhen(alert.raisedAt)}
        </Text>
      </Group>
      <Text size="sm" mt={2}>
        {alert.reason ?? 'The conversation turned negative'}
      </Text>
      <Group gap={6} mt={6}>
        {alert.caseId ? (
          <Anchor component={Link} to={`/work/cases/${alert.caseId}`} size="sm" fw={600}>
            {alert.caseReference ? `Open ${alert.caseReference}` : 'Open the case'}
          </Anchor>
        ) : null}
        {alert.channel ? (
          <Badge size="xs" variant="light" color="gray" tt="none">
            {alert.channel}
          </Badge>
        ) : null}
        {alert.sentiment !== null ? (
          <Badge size="xs" variant="light" color="red" c="red.9" tt="none">
            Sentiment {typeof alert.sentiment === 'number' ? formatScore(alert.sentiment) : alert.sentiment}
          </Badge>
        ) : null}
        {alert.cues.map((cue) => (
          <Badge key={cue} size="xs" variant="outline" color="gray" tt="none">
            {cueLabel(cue)}
          </Badge>
        ))}
      </Group>
    </Paper>
  );
}

/** The alert names the customer when it can; otherwise their record says who they are. */
function CustomerName({ customerId, known }: { customerId: string | null; known: string | null }) {
  const customer = useQuery({
    queryKey: ['supervisor', 'customer', customerId],
    queryFn: ({ signal }) => api<Customer>(`/customers/${customerId}`, { signal }),
    enabled: !known && customerId !== null,
    staleTime: 5 * 60_000,
  });
  return <>{known ?? customer.data?.name ?? (customer.isPending && customerId ? 'Customer…' : 'Unknown customer')}</>;
}
