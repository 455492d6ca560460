import { Box, Group, Paper, Text } from '@mantine/core';
import type { PortalCaseDetail } from '../api/types';
import { Empty } from '../components/states';
import { channelWords, formatDateTime } from './words';

type Message = PortalCaseDetail['messages'][number];

const sameSubject = (a: string, b: string) =>
  a
    .replace(/^(re|fwd?):\s*/i, '')
    .trim()
    .toLowerCase() === b.trim().toLowerCase();

/** The conversation on one request, oldest first: the customer on the right, us on the left. */
export function Conversation({ messages, caseSubject }: { messages: Message[]; caseSubject: string }) {
  return (
    <div role="log" aria-label="Conversation">
      {messages.length === 0 ? (
        <Empty title="No messages yet">Your messages and our answers will show here.</Empty>
      ) : (
        messages.map((message) => <Bubble key={message.id} message={message} caseSubject={caseSubject} />)
      )}
    </div>
  );
}

function Bubble({ message, caseSubject }: { message: Message; caseSubject: string }) {
  const mine = message.from === 'you';
  return (
    <Box mb="md" style={{ display: 'flex', justifyContent: mine ? 'flex-end' : 'flex-start' }}>
      <Box maw="82%" style={{ minWidth: 220 }}>
        <Group gap={6} justify={mine ? 'flex-end' : 'flex-start'} mb={4} px={4}>
          <Text size="sm" fw={600}>
            {mine ? 'You' : 'Customer service'}
          </Text>
          <Text size="xs" c="dimmed" component="time" dateTime={message.at}>
            {formatDateTime(message.at)}
          </Text>
          <Text size="xs" c="dimmed">
            {channelWords(message.channel)}
          </Text>
        </Group>
        <Paper
          radius="lg"
          p="md"
          withBorder
          bg={mine ? 'hearken.0' : 'white'}
          style={{
            borderColor: mine ? 'var(--mantine-color-hearken-1)' : undefined,
            borderTopRightRadius: mine ? 4 : undefined,
            borderTopLeftRadius: mine ? undefined : 4,
          }}
        >
          {message.subject && !sameSubject(message.subject, caseSubject) ? (
            <Text size="sm" fw={600} mb={4}>
              {message.subject}
            </Text>
          ) : null}
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {message.text}
          </Text>
        </Paper>
      </Box>
    </Box>
  );
}
