import { Paper, SimpleGrid, Text, ThemeIcon, Group } from '@mantine/core';
import { IconAlarm, IconAlertTriangle, IconArrowUpRight, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { SupervisorTotals } from '../api/types';

interface Stat {
  label: string;
  value: number;
  icon: ReactNode;
  /** The colour says "needs attention" only when there is something; the number says it always. */
  color: string;
}

/** The organisation's figures, counted whole by the server (the lists below are capped). */
export function SummaryStats({ totals }: { totals: SupervisorTotals }) {
  const stats: Stat[] = [
    {
      label: 'Escalations waiting',
      value: totals.escalationsWaiting,
      icon: <IconArrowUpRight size={20} aria-hidden />,
      color: totals.escalationsWaiting ? 'orange' : 'gray',
    },
    {
      label: 'SLA breached',
      value: totals.slaBreached,
      icon: <IconAlarm size={20} aria-hidden />,
      color: totals.slaBreached ? 'red' : 'gray',
    },
    {
      label: 'SLA warnings',
      value: totals.slaWarnings,
      icon: <IconAlertTriangle size={20} aria-hidden />,
      color: totals.slaWarnings ? 'yellow' : 'gray',
    },
    {
      label: 'Customers waiting',
      value: totals.customersWaiting,
      icon: <IconUsers size={20} aria-hidden />,
      color: 'hearken',
    },
  ];
  return (
    <SimpleGrid
      cols={{ base: 2, md: 4 }}
      spacing="md"
      component="ul"
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
      aria-label="Summary"
    >
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
