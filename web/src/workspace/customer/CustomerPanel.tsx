import { Anchor, Box, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconGitMerge, IconMapPin } from '@tabler/icons-react';
import { Link } from 'react-router';
import { ErrorState } from '../../components/states';
import { PriorityBadge, StatusBadge } from '../badges';
import { EffortCard } from './EffortCard';
import { ContactsByChannel } from './ContactsByChannel';
import { SentimentTrend } from './SentimentTrend';
import { IdentityList } from './IdentityList';
import type { Customer } from '../../api/types';
import { useCustomer, useOpenCases } from '../queries';
import { useQueueKey, withQueue } from '../useQueueKey';

/**
 * Who the agent is talking to, before they say a word: identities, where they are, what else is
 * open for them, what this case has cost them, and how they have been feeling.
 */
export function CustomerPanel({ customerId, caseId }: { customerId: string; caseId?: string }) {
  const customer = useCustomer(customerId);

  return (
    <Box component="section" aria-label="Customer">
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <Card withBorder padding="md">
          {customer.isPending ? (
            <Stack gap="xs" aria-hidden>
              <Skeleton h={24} w="60%" />
              <Skeleton h={14} />
              <Skeleton h={14} w="80%" />
            </Stack>
          ) : customer.isError ? (
            <ErrorState
              error={customer.error}
              onRetry={() => void customer.refetch()}
              title="The customer could not be loaded"
            />
          ) : (
            <CustomerCard customer={customer.data} caseId={caseId} />
          )}
        </Card>
        {caseId ? (
          <EffortCard caseId={caseId} customerId={customerId} />
        ) : (
          <ContactsByChannel customerId={customerId} />
        )}
        <SentimentTrend customerId={customerId} />
      </SimpleGrid>
    </Box>
  );
}

function CustomerCard({ customer, caseId }: { customer: Customer; caseId?: string }) {
  const address = customer.addressWithheld
    ? 'Verify to see the address'
    : customer.address
      ? [
          customer.address.line1,
          customer.address.line2,
          customer.address.city,
          customer.address.postcode,
          customer.address.country,
        ]
          .filter(Boolean)
          .join(', ')
      : '';
  return (
    <Stack gap="sm">
      <div>
        <Title order={2} size="h3">
          {customer.name ?? 'Unknown customer'}
        </Title>
        <Text size="xs" c="gray.7">
          Customer since{' '}
          {new Date(customer.createdAt).toLocaleDateString(undefined, { month: 'short', year: 'numeric' })}
          {customer.mergedFrom ? ' · merged record' : ''}
        </Text>
        {customer.mergedFrom ? (
          <Group gap={4} mt={4} c="gray.7">
            <IconGitMerge size={13} aria-hidden />
            <Text size="xs">The record you opened was merged into this one.</Text>
          </Group>
        ) : null}
      </div>
      <IdentityList customer={customer} />
      {customer.region || address ? (
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconMapPin
            size={14}
            aria-hidden
            style={{ marginTop: 3, flexShrink: 0 }}
            color="var(--mantine-color-gray-7)"
          />
          <Text size="sm">
            {customer.region ? <strong>{customer.region}</strong> : null}
            {customer.region && address ? ' · ' : null}
            {address}
          </Text>
        </Group>
      ) : (
        <Text size="sm" c="gray.7">
          No region or address on record.
        </Text>
      )}
      <OtherOpenCases customerId={customer.id} caseId={caseId} />
    </Stack>
  );
}

function OtherOpenCases({ customerId, caseId }: { customerId: string; caseId?: string }) {
  const cases = useOpenCases(customerId);
  const queue = useQueueKey();
  const others = cases.data?.items.filter((c) => c.id !== caseId) ?? [];
  return (
    <div>
      <Text size="xs" fw={700} c="gray.7" tt="uppercase" mb={4}>
        {caseId ? 'Other open cases' : 'Open cases'}
      </Text>
      {cases.isPending ? (
        <Skeleton h={14} aria-hidden />
      ) : cases.isError ? (
        <Text size="sm" c="red.8">
          Open cases could not be loaded.
        </Text>
      ) : others.length === 0 ? (
        <Text size="sm" c="gray.7">
          None.
        </Text>
      ) : (
        <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {others.map((c) => (
            <Group key={c.id} component="li" gap={6} wrap="nowrap">
              <Anchor
                component={Link}
                to={withQueue(`/work/cases/${c.id}`, queue)}
                size="sm"
                truncate="end"
                style={{ minWidth: 0, flex: 1 }}
              >
                {c.reference} {c.subject}
              </Anchor>
              <StatusBadge status={c.status} />
              {c.priority === 'high' || c.priority === 'urgent' ? <PriorityBadge priority={c.priority} /> : null}
            </Group>
          ))}
        </Stack>
      )}
    </div>
  );
}
