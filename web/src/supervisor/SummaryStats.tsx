import { Paper, SimpleGrid, Text, ThemeIcon, Group } from '@mantine/core';
import { IconAlarm, IconAlertTriangle, IconArrowUpRight, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { SLA_ALERT_CAP, type SupervisorOverview } from './overview-types';

interface Stat {
  label: string;
  value: number | string;
  note?: string;
  icon: ReactNode;
  /** The colour says "needs attention" only when there is something; the number says it always. */
  color: string;
}

export function SummaryStats({ overview }: { overview: SupervisorOverview }) {
  const breached = overview.slaAlerts.filter((a) => a.state === 'breached').length;
  const warnings = overview.slaAlerts.length - breached;
  // Breaches are listed first, so at the cap the breach count is exact unless the list is all breaches.
  const capped = overview.slaAlerts.length >= SLA_ALERT_CAP;
  const breachedShown = capped && warnings === 0 ? `${breached}+` : breached;
  const warningsUncounted = capped && warnings === 0;
  const warningsShown = warningsUncounted ? '—' : capped ? `${warnings}+` : warnings;
  const waiting = overview.teams.reduce((sum, team) => sum + team.waiting, 0);
  const stats: Stat[] = [
    { label: 'Escalations waiting', value: overview.escalations.length, icon: <IconArrowUpRight size={20} aria-hidden />, color: overview.escalations.length ? 'orange' : 'gray' },
    { label: 'SLA breached', value: breachedShown, icon: <IconAlarm size={20} aria-hidden />, color: breached ? 'red' : 'gray' },
    {
      label: 'SLA warnings',
      value: warningsShown,
      note: warningsUncounted ? `Not counted past ${SLA_ALERT_CAP} breaches` : undefined,
      icon: <IconAlertTriangle size={20} aria-hidden />,
      color: warnings ? 'yellow' : 'gray',
    },
    { label: 'Customers waiting', value: waiting, icon: <IconUsers size={20} aria-hidden />, color: 'hearken' },
  ];
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Summary">
      {stats.map((stat) => (
        <Paper key={stat.label} component="li" withBorder radius="md" p="md">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <div>
              <Text size="sm" c="dimmed" fw={500}>
                {stat.label}
              </Text>
              <Text fz={30} fw={700} lh={1.2}>
                {stat.value}
              </Text>
              {stat.note ? (
                <Text size="xs" c="dimmed">
                  {stat.note}
                </Text>
              ) : null}
            </div>
            <ThemeIcon variant="light" color={stat.color} size="lg" radius="md">
              {stat.icon}
            </ThemeIcon>
          </Group>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
