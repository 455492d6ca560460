import { Badge, Group, Paper, Skeleton, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconClock, IconPlayerPause } from '@tabler/icons-react';
import type { CaseSla } from '../../api/types';
import { RelativeTime } from '../format';
import { useCaseSla } from '../queries';
import { DARK_GREEN, DARK_ORANGE } from '../../components/readable';

type Metric = CaseSla['metrics'][number];

const METRIC_LABEL: Record<Metric['metric'], string> = {
  first_response: 'First response',
  next_update: 'Next update',
  resolution: 'Resolution',
};
const LOOK: Record<Metric['status'], { color: string; word: string; icon: typeof IconClock }> = {
  ok: { color: 'gray', word: 'On track', icon: IconClock },
  warning: { color: 'orange', word: 'At risk', icon: IconAlertTriangle },
  breached: { color: 'red.9', word: 'Breached', icon: IconAlertTriangle },
  satisfied: { color: 'green', word: 'Met', icon: IconCheck },
  paused: { color: 'gray', word: 'Paused', icon: IconPlayerPause },
};

/** The case's promises (SLA) and when each falls due, in words as well as colour. */
export function SlaClocks({ caseId }: { caseId: string }) {
  const sla = useCaseSla(caseId);
  if (sla.isPending) return <Skeleton h={48} aria-hidden />;
  if (sla.isError) {
    return (
      <Text size="xs" c="red.8">
        SLA clocks could not be loaded.
      </Text>
    );
  }
  if (sla.data.metrics.length === 0) {
    return (
      <Text size="xs" c="gray.7">
        No SLA applies to this case.
      </Text>
    );
  }
  return (
    <Group gap="xs" wrap="wrap" role="list" aria-label="SLA clocks">
      {sla.data.metrics.map((m) => {
        const look = LOOK[m.status];
        const Icon = look.icon;
        return (
          <Paper
            key={m.metric}
            role="listitem"
            withBorder
            px="sm"
            py={6}
            style={{
              borderColor:
                m.status === 'breached'
                  ? 'var(--mantine-color-red-5)'
                  : m.status === 'warning'
                    ? 'var(--mantine-color-orange-5)'
                    : undefined,
            }}
          >
            <Group gap={6} wrap="nowrap">
              <Text size="xs" fw={650}>
                {METRIC_LABEL[m.metric]}
              </Text>
              <Badge
                size="xs"
                color={look.color}
                c={m.status === 'warning' ? DARK_ORANGE : m.status === 'satisfied' ? DARK_GREEN : undefined}
                variant={m.status === 'breached' ? 'filled' : 'light'}
                leftSection={<Icon size={11} aria-hidden />}
              >
                {look.word}
              </Badge>
            </Group>
            <Text size="xs" c="gray.7">
              {m.status === 'satisfied' && m.satisfiedAt ? (
                <>
                  Met <RelativeTime iso={m.satisfiedAt} />
                </>
              ) : m.dueAt ? (
                <>
                  {m.status === 'breached' ? 'Was due' : 'Due'} <RelativeTime iso={m.dueAt} />
                </>
              ) : (
                'Clock paused while pending'
              )}
              {m.breaches > 0 && m.status !== 'breached' ? ` · breached ${m.breaches}×` : ''}
            </Text>
          </Paper>
        );
      })}
    </Group>
  );
}
