import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { FormEvent, ReactNode } from 'react';
import { errorMessage } from '../../api/client';
import { READABLE_DIMMED } from '../../components/readable';

interface Props {
  opened: boolean;
  onClose: () => void;
  title: string;
  submitLabel: string;
  submitting: boolean;
  error: unknown;
  onSubmit: () => void;
  children: ReactNode;
  submitColor?: string;
}

/** A case action's dialog: its fields, the server's refusal in its own words, and one submit button. */
export function ActionModal({
  opened,
  onClose,
  title,
  submitLabel,
  submitting,
  error,
  onSubmit,
  children,
  submitColor,
}: Props) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!submitting) onSubmit();
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size="lg"
      styles={{ content: READABLE_DIMMED }}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {children}
          {error ? (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title="Not done">
              {errorMessage(error)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={submitting} color={submitColor}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
