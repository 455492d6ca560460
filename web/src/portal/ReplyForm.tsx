import { Alert, Button, Group, Kbd, Paper, Stack, Text, Textarea } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { FailedAction } from '../components/states';
import type { PortalCase } from '../api/types';
import { newClientId } from './client-id';
import { useSendMessage } from './portal-api';

/** Writing more on a request. Ctrl+Enter (⌘+Enter on a Mac) sends. */
export function ReplyForm({ caseId, status }: { caseId: string; status: PortalCase['status'] }) {
  const send = useSendMessage();
  const [text, setText] = useState('');
  const [clientId, setClientId] = useState(newClientId);
  const sending = useRef(false);

  if (status === 'closed') {
    return (
      <Alert color="gray" variant="light" radius="lg">
        This request is closed. To write to us about it again, start a new request.
      </Alert>
    );
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!text.trim() || sending.current) return;
    sending.current = true;
    try {
      await send.mutateAsync({ caseId, text: text.trim(), clientId });
      setText('');
      setClientId(newClientId());
    } catch {
      // Shown below the field from the mutation's error; the draft (and its clientId) stays to send again.
    } finally {
      sending.current = false;
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  }

  return (
    <Paper withBorder radius="lg" p="md" shadow="xs">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Textarea
            label="Your reply"
            description={status === 'solved' ? 'This request is solved; writing again reopens it.' : undefined}
            autosize
            minRows={3}
            maxRows={12}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            onKeyDown={onKeyDown}
          />
          {send.isError ? <FailedAction title="Your reply was not sent" error={send.error} /> : null}
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> sends
            </Text>
            <Button
              type="submit"
              loading={send.isPending}
              disabled={!text.trim()}
              leftSection={<IconSend size={16} aria-hidden />}
            >
              Send reply
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
