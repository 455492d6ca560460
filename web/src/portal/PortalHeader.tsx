import { Box, Button, Container, Divider, Group, Text, UnstyledButton } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconLogout } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Me } from '../api/types';
import { Brand } from '../layout/Brand';
import { useSession } from '../session/session';
import { portalKeys } from './portal-api';

/** The portal's own light header: whose portal this is, and who is signed in. */
export function PortalHeader({ organisation, me }: { organisation: string; me: Me | null | undefined }) {
  const { signOut } = useSession();
  const queryClient = useQueryClient();
  const [leaving, setLeaving] = useState(false);

  async function leave() {
    setLeaving(true);
    try {
      await signOut();
      // The next person on this computer must not see this customer's cases from the cache.
      queryClient.removeQueries({ queryKey: portalKeys.all });
    } finally {
      setLeaving(false);
    }
  }

  return (
    <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
      <Container size={880} py="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <UnstyledButton component={Link} to={`/portal/${organisation}`} aria-label="Customer portal home">
              <Brand />
            </UnstyledButton>
            <Divider orientation="vertical" />
            <div>
              <Text size="sm" fw={600} lh={1.2}>
                Customer portal
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {organisation}
              </Text>
            </div>
          </Group>
          {me ? (
            <Group gap="md" wrap="nowrap">
              <Text size="sm" c="dark.5" visibleFrom="xs">
                Signed in as <strong>{me.name}</strong>
              </Text>
              <Button
                variant="default"
                size="sm"
                leftSection={<IconLogout size={16} aria-hidden />}
                onClick={() => void leave()}
                loading={leaving}
              >
                Sign out
              </Button>
            </Group>
          ) : null}
        </Group>
      </Container>
    </Box>
  );
}
