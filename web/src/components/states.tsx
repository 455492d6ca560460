import { Alert, Button, Center, Group, Loader, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { errorMessage } from '../api/client';

/** One loading look for every screen. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed" size="sm">
          {label}
        </Text>
      </Group>
    </Center>
  );
}

/** Nothing to show, said plainly, with what would make something appear. */
export function Empty({ title, children, icon }: { title: string; children?: ReactNode; icon?: ReactNode }) {
  return (
    <Center py="xl">
      <Stack align="center" gap={6} maw={360}>
        <ThemeIcon variant="light" size="xl" radius="xl" color="gray">
          {icon ?? <IconInbox size={22} aria-hidden />}
        </ThemeIcon>
        <Text fw={600}>{title}</Text>
        {children ? (
          <Text c="dimmed" size="sm" ta="center">
            {children}
          </Text>
        ) : null}
      </Stack>
    </Center>
  );
}

/** A failed load, with the server's own message and a way to try again. */
export function ErrorState({
  error,
  onRetry,
  title = 'This could not be loaded',
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertTriangle size={18} aria-hidden />} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry ? (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}

/** What a form's action could not do, in the server's own words; what was typed stays in the form. */
export function FailedAction({ title, error }: { title: string; error: unknown }) {
  return (
    <Alert color="red" variant="light" role="alert" title={title}>
      {errorMessage(error)}
    </Alert>
  );
}
