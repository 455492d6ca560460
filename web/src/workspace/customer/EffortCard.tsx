import { Box, Card, Group, SimpleGrid, Skeleton, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { CaseEffort } from '../../api/types';
import { ErrorState } from '../../components/states';
import { useCaseEffort } from '../queries';
import { ContactsChart } from './ContactsByChannel';

type Measure = 'contacts' | 'channels' | 'transfers' | 'repeatContacts' | 'daysOpen' | 'missedCallbacks';

const STATS: { key: Measure; label: string; exceededAs?: string }[] = [
  { key: 'contacts', label: 'Contacts', exceededAs: 'contacts' },
  { key: 'channels', label: 'Channels' },
  { key: 'transfers', label: 'Transfers', exceededAs: 'transfers' },
  { key: 'repeatContacts', label: 'Repeats' },
  { key: 'daysOpen', label: 'Days open', exceededAs: 'days open' },
  { key: 'missedCallbacks', label: 'Missed calls' },
];

/** What this case has cost the customer so far — the ledger the server keeps — with crossed thresholds called out. */
export function EffortCard({ caseId, customerId }: { caseId: string; customerId: string }) {
  const effort = useCaseEffort(caseId);

  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="xs">
        <Text fw={650} size="sm">
          Customer effort
        </Text>
        {effort.data ? <ScoreBadge effort={effort.data} /> : null}
      </Group>
      {effort.isPending ? (
        <Skeleton h={90} aria-hidden />
      ) : effort.isError ? (
        <ErrorState error={effort.error} onRetry={() => void effort.refetch()} title="Effort could not be loaded" />
      ) : (
        <>
          <SimpleGrid cols={3} spacing={6} verticalSpacing={6} mb="sm">
            {STATS.map((stat) => {
              const exceeded = stat.exceededAs
                ? effort.data.thresholdsExceeded.find((t) => t.startsWith(`${stat.exceededAs}:`))
                : undefined;
              return <Stat key={stat.key} label={stat.label} value={effort.data[stat.key]} exceeded={exceeded} />;
            })}
          </SimpleGrid>
          <ContactsChart customerId={customerId} caseId={caseId} />
        </>
      )}
    </Card>
  );
}

function Stat({ label, value, exceeded }: { label: string; value: number; exceeded: string | undefined }) {
  return (
    <Box
      px={8}
      py={4}
      bdrs="sm"
      style={{
        background: exceeded ? 'var(--mantine-color-red-0)' : 'var(--mantine-color-gray-0)',
        border: `1px solid ${exceeded ? 'var(--mantine-color-red-4)' : 'var(--mantine-color-gray-2)'}`,
      }}
    >
      <Group gap={4} wrap="nowrap">
        <Text size="lg" fw={700} c={exceeded ? 'red.9' : undefined} lh={1.2}>
          {value}
        </Text>
        {exceeded ? (
          <Tooltip label={`Threshold crossed — ${exceeded}`}>
            <IconAlertTriangle
              size={14}
              color="var(--mantine-color-red-8)"
              role="img"
              aria-label={`Threshold crossed: ${exceeded}`}
            />
          </Tooltip>
        ) : null}
      </Group>
      <Text size="xs" c={exceeded ? 'red.9' : 'gray.7'}>
        {label}
      </Text>
    </Box>
  );
}

function ScoreBadge({ effort }: { effort: CaseEffort }) {
  const high = effort.thresholdsExceeded.length > 0;
  return (
    <Text size="sm" fw={700} c={high ? 'red.8' : 'gray.8'}>
      Score {effort.score}
      {high
        ? ` · ${effort.thresholdsExceeded.length} threshold${effort.thresholdsExceeded.length === 1 ? '' : 's'} crossed`
        : ''}
    </Text>
  );
}
