import { Badge, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { PortalCase } from '../api/types';
import './portal.css';
import { sinceWords, STATUS_WORDS } from './words';

export function StatusBadge({ status }: { status: PortalCase['status'] }) {
  const words = STATUS_WORDS[status];
  return (
    <Badge component="span" color={words.color} variant="light" c={`${words.color}.9`} tt="none" size="md" radius="sm">
      {words.label}
    </Badge>
  );
}

/** The customer's requests, most recently active first, each opening its conversation. */
export function RequestList({ organisation, cases, now }: { organisation: string; cases: PortalCase[]; now: number }) {
  return (
    <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label="My requests">
      {cases.map((c) => (
        <li key={c.id}>
          <UnstyledButton
            component={Link}
            to={`/portal/${organisation}/cases/${c.id}`}
            w="100%"
            className="hk-portal-request"
          >
            <Paper withBorder radius="lg" p="md" shadow="xs">
              <Group justify="space-between" wrap="nowrap" gap="md">
                <Stack gap={4} style={{ minWidth: 0 }}>
                  <Text fw={600} truncate>
                    {c.subject}
                  </Text>
                  <Group gap="xs">
                    <Text size="sm" c="dimmed">
                      {c.reference}
                    </Text>
                    <Text size="sm" c="dimmed" aria-hidden>
                      ·
                    </Text>
                    <Text size="sm" c="dimmed">
                      Last activity {sinceWords(c.updatedAt, now)}
                    </Text>
                  </Group>
                </Stack>
                <Group gap="sm" wrap="nowrap">
                  <StatusBadge status={c.status} />
                  <IconChevronRight size={18} aria-hidden color="var(--mantine-color-gray-6)" />
                </Group>
              </Group>
            </Paper>
          </UnstyledButton>
        </li>
      ))}
    </Stack>
  );
}
