import { Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { FailedAction } from '../components/states';
import { BackToRequests } from './BackToRequests';
import { newClientId } from './client-id';
import { useSendMessage } from './portal-api';

const SUBJECT_MAX = 200;

/** Writing to customer service about something new; it becomes a request the customer can follow. */
export function NewRequestPage({ organisation }: { organisation: string }) {
  const navigate = useNavigate();
  const send = useSendMessage();
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  // One id per draft: pressing "Send request" twice, or retrying after a timeout, sends once.
  const [clientId] = useState(newClientId);
  // Set at once, unlike the mutation's state, so a double click's second press does nothing.
  const sending = useRef(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!subject.trim() || !text.trim() || sending.current) return;
    sending.current = true;
    try {
      const sent = await send.mutateAsync({ subject: subject.trim(), text: text.trim(), clientId });
      notifications.show({
        color: 'green',
        title: 'Request sent',
        message: sent.caseReference
          ? `Thank you. Your reference is ${sent.caseReference}; we'll answer here and by email.`
          : "Thank you. We'll answer here and by email.",
      });
      navigate(sent.caseId ? `/portal/${organisation}/cases/${sent.caseId}` : `/portal/${organisation}`);
    } catch {
      // Shown below the form from the mutation's error; the same clientId makes a retry safe.
    } finally {
      sending.current = false;
    }
  }

  return (
    <Stack gap="lg">
      <BackToRequests organisation={organisation} />
      <Paper withBorder radius="lg" p="xl" shadow="xs">
        <form onSubmit={submit} noValidate aria-labelledby="new-request-title">
          <Stack gap="md">
            <div>
              <Title order={1} size="h2" id="new-request-title">
                New request
              </Title>
              <Text c="dimmed" size="sm">
                Tell us what you need. We'll answer here and by email.
              </Text>
            </div>
            <TextInput
              label="Subject"
              description="A few words, e.g. “Roaming not working in Spain”"
              required
              maxLength={SUBJECT_MAX}
              value={subject}
              onChange={(e) => setSubject(e.currentTarget.value)}
              autoFocus
            />
            <Textarea
              label="Message"
              required
              autosize
              minRows={6}
              maxRows={16}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            {send.isError ? <FailedAction title="Your request was not sent" error={send.error} /> : null}
            <Group justify="flex-end">
              <Button variant="default" component={Link} to={`/portal/${organisation}`}>
                Cancel
              </Button>
              <Button
                type="submit"
                loading={send.isPending}
                disabled={!subject.trim() || !text.trim()}
                leftSection={<IconSend size={16} aria-hidden />}
              >
                Send request
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
