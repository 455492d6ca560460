import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconMessagePlus } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import type { Me } from '../api/types';
import { Empty, ErrorState, Loading } from '../components/states';
import { useNow } from '../components/use-now';
import { OutageBanner } from './OutageBanner';
import { usePortalCases, usePortalOutages } from './portal-api';
import { RequestList } from './RequestList';

/** The portal's home: known problems that may affect me, and my requests. */
export function PortalHome({ organisation, me }: { organisation: string; me: Me }) {
  const cases = usePortalCases();
  const outages = usePortalOutages();
  const navigate = useNavigate();
  const now = useNow(60_000);
  const toNewRequest = () => navigate(`/portal/${organisation}/new`);
  const firstName = me.name.split(' ')[0] ?? me.name;
  const empty = cases.isSuccess && cases.data.length === 0;

  // One "New request" button at a time: in the header, or in the empty state when there is nothing else.
  const newRequest = (
    <Button leftSection={<IconMessagePlus size={18} aria-hidden />} onClick={toNewRequest} size="md">
      New request
    </Button>
  );

  return (
    <Stack gap="lg">
      {outages.data ? <OutageBanner outages={outages.data} /> : null}
      <Group justify="space-between" align="flex-end">
        <div>
          <Text c="dimmed" size="sm">
            Hello {firstName}
          </Text>
          <Title order={1} size="h2">
            My requests
          </Title>
        </div>
        {empty ? null : newRequest}
      </Group>
      {cases.isPending ? (
        <Loading label="Loading your requests…" />
      ) : cases.isError ? (
        <ErrorState
          error={cases.error}
          onRetry={() => void cases.refetch()}
          title="Your requests could not be loaded"
        />
      ) : empty ? (
        <Paper withBorder radius="lg" p="xl" shadow="xs">
          <Stack align="center" gap="md">
            <Empty title="You have no requests yet">
              Write to us about anything: a question, a problem, a change to your account. We'll answer here and by
              email.
            </Empty>
            {newRequest}
          </Stack>
        </Paper>
      ) : (
        <RequestList organisation={organisation} cases={cases.data} now={now} />
      )}
    </Stack>
  );
}
