import { Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { Me } from '../api/types';

/** A staff member who opens the portal: it is not for them, their workspace is. */
export function StaffVisitorNote({ me }: { me: Me }) {
  return (
    <Paper withBorder radius="lg" p="xl" maw={520} mx="auto" mt="xl">
      <Stack gap="sm" align="flex-start">
        <Title order={1} size="h3">
          The portal is for customers
        </Title>
        <Text size="sm">
          You are signed in as {me.name}, a member of staff. Customers sign in here to follow their requests; you answer
          them in the workspace.
        </Text>
        <Button component={Link} to="/work">
          Go to the workspace
        </Button>
      </Stack>
    </Paper>
  );
}

/** A customer signed in to another organisation's portal in this browser. */
export function OtherOrganisationNote({ me, organisation }: { me: Me; organisation: string }) {
  return (
    <Paper withBorder radius="lg" p="xl" maw={520} mx="auto" mt="xl">
      <Stack gap="sm" align="flex-start">
        <Title order={1} size="h3">
          You are signed in to another portal
        </Title>
        <Text size="sm">
          You are signed in to the portal of {me.tenant}, not {organisation}. Sign out above to sign in here, or{' '}
          <Anchor component={Link} to={`/portal/${me.tenant}`}>
            go back to your portal
          </Anchor>
          .
        </Text>
      </Stack>
    </Paper>
  );
}
