import { BarChart } from '@mantine/charts';
import { Badge, Box, Table, Text } from '@mantine/core';
import { IconPhoneCall, IconUsersGroup } from '@tabler/icons-react';
import type { TeamWait } from '../api/types';
import { Empty } from '../components/states';
import { SectionCard } from '../components/SectionCard';
import { useAfterFirstPaint } from '../components/useAfterFirstPaint';
import { SectionTable } from './SectionTable';
import { formatSpan } from './time';

const CHART_HEIGHT = 220;

/** Each team's queue: a chart to compare at a glance, and the table with the figures. */
export function TeamQueuesSection({ teams, now }: { teams: TeamWait[]; now: number }) {
  // The chart is the costliest part of the screen to draw: the figures show first, it a frame later.
  const painted = useAfterFirstPaint();
  const chartData = teams.map((t) => ({ team: t.name, waiting: t.waiting, open: t.open }));
  const described = teams.map((t) => `${t.name}: ${t.waiting} waiting, ${t.open} open`).join('; ');
  return (
    <SectionCard title="Team queues" id="supervisor-teams">
      {teams.length === 0 ? (
        <Empty title="No teams yet" icon={<IconUsersGroup size={22} aria-hidden />}>
          Once an administrator sets up teams, each team's queue shows here.
        </Empty>
      ) : (
        <>
          <Box role="img" aria-label={`Waiting and open cases per team. ${described}`} mb="md" mih={CHART_HEIGHT}>
            {painted ? (
              <BarChart
                h={CHART_HEIGHT}
                data={chartData}
                dataKey="team"
                series={[
                  { name: 'waiting', label: 'Waiting', color: 'orange.6' },
                  { name: 'open', label: 'Open', color: 'hearken.5' },
                ]}
                withLegend
                legendProps={{ verticalAlign: 'top', height: 36 }}
                tickLine="y"
                maxBarWidth={40}
                yAxisProps={{ allowDecimals: false }}
              />
            ) : null}
          </Box>
          <SectionTable
            columns={[
              'Team',
              { label: 'Agents', align: 'right' },
              { label: 'Waiting', align: 'right' },
              { label: 'Open', align: 'right' },
              'Oldest wait',
              'Estimated wait',
              'Callbacks',
            ]}
          >
            {teams.map((t) => (
              <Table.Tr key={t.teamId}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {t.name}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{t.agents}</Table.Td>
                <Table.Td ta="right">{t.waiting}</Table.Td>
                <Table.Td ta="right">{t.open}</Table.Td>
                <Table.Td>
                  {t.oldestWaitingSince ? (
                    formatSpan(now - new Date(t.oldestWaitingSince).getTime())
                  ) : (
                    <Text span size="sm" c="dimmed">
                      Nobody waiting
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <EstimatedWait minutes={t.estimatedWaitMinutes} />
                </Table.Td>
                <Table.Td>
                  {t.offerCallback ? (
                    <Badge
                      color="orange"
                      variant="light"
                      c="#8a2f06"
                      tt="none"
                      style={{ minWidth: 'max-content' }}
                      leftSection={<IconPhoneCall size={12} aria-hidden />}
                    >
                      Offer callbacks
                    </Badge>
                  ) : (
                    <Text span size="sm" c="dimmed">
                      Not needed
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </SectionTable>
        </>
      )}
    </SectionCard>
  );
}

function EstimatedWait({ minutes }: { minutes: number }) {
  if (minutes < 1) {
    return (
      <Text span size="sm" c="dimmed">
        No wait
      </Text>
    );
  }
  return <>about {formatSpan(minutes * 60_000)}</>;
}
