import { Badge, Box, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { Loading, ErrorState } from '../components/states';
import { useNow } from '../components/use-now';
import { EscalationsSection } from './EscalationsSection';
import { LiveAlertsSection } from './LiveAlertsSection';
import { SlaSection } from './SlaSection';
import { SummaryStats } from './SummaryStats';
import { TeamQueuesSection } from './TeamQueuesSection';
import { formatClock } from './time';
import { useLiveSupervision, useSupervisorOverview } from './useSupervision';

/**
 * The supervisor's view of right now: what is escalated, which targets are missed or about to
 * be, what turns sour in live conversations, and how long each team's queue is.
 */
export function SupervisorPage() {
  const overview = useSupervisorOverview();
  const live = useLiveSupervision();
  const now = useNow();

  return (
    <Box p="lg" maw={1600} mx="auto">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={1} size="h2">
              Supervisor overview
            </Title>
            <Text size="sm" c="dimmed">
              Escalations, service targets, live conversations and queues, as they are now.
            </Text>
          </div>
          {overview.dataUpdatedAt ? (
            <Badge variant="light" color="gray" c="dark.5" tt="none" fw={500} role="status">
              {overview.isFetching ? 'Refreshing…' : `Updated ${formatClock(overview.dataUpdatedAt)}`}
            </Badge>
          ) : null}
        </Group>

        {overview.isPending ? (
          <Loading label="Loading the overview…" />
        ) : overview.isError && !overview.data ? (
          <ErrorState
            error={overview.error}
            onRetry={() => void overview.refetch()}
            title="The overview could not be loaded"
          />
        ) : (
          <>
            {overview.isError ? (
              <ErrorState
                error={overview.error}
                onRetry={() => void overview.refetch()}
                title="The overview could not be refreshed; showing the last figures"
              />
            ) : null}
            <SummaryStats totals={overview.data.totals} />
            <Grid gap="md" align="flex-start">
              <Grid.Col span={{ base: 12, lg: 8 }}>
                <Stack gap="md">
                  <EscalationsSection
                    escalations={overview.data.escalations}
                    total={overview.data.totals.escalationsWaiting}
                    now={now}
                  />
                  <SlaSection alerts={overview.data.slaAlerts} totals={overview.data.totals} now={now} />
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 4 }}>
                <LiveAlertsSection live={live} now={now} />
              </Grid.Col>
            </Grid>
            <TeamQueuesSection teams={overview.data.teams} now={now} />
          </>
        )}
      </Stack>
    </Box>
  );
}
