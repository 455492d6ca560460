import { Box, Button, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { useId, useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { Success } from '../../api/types';
import { Loading, ErrorState } from '../../components/states';
import { keys } from '../queries';
import { isCustomerSpeaker, parseTurns, type Turn } from './transcript-turns';

type Contact = Success<'/api/v1/contacts/{id}'>;
type ChatSession = Success<'/api/v1/chat/sessions/{id}'>;

const PREVIEW_TURNS = 3;

interface Props {
  contactId: string;
  text: string;
  kind: 'call' | 'chat';
  chatSessionId: string | null;
  customerName: string | null | undefined;
}

/**
 * A call transcript or a chat, as turns grouped by speaker. Collapsed it shows the first turns;
 * expanded it fetches the whole record (the contact, or the chat session's messages).
 */
export function Conversation({ contactId, text, kind, chatSessionId, customerName }: Props) {
  const [open, setOpen] = useState(false);
  const regionId = useId();
  const preview = useMemo(() => parseTurns(text), [text]);
  const full = useQuery({
    queryKey: chatSessionId ? keys.chatSession(chatSessionId) : keys.contact(contactId),
    queryFn: async ({ signal }): Promise<Turn[]> => {
      if (chatSessionId) {
        const session = await api<ChatSession>(`/chat/sessions/${chatSessionId}`, { signal });
        return session.messages.map((m) => ({
          speaker:
            m.from === 'customer' ? (m.name ?? 'Customer') : (m.name ?? (m.from === 'agent' ? 'Agent' : 'Hearken')),
          at: null,
          lines: [m.text],
        }));
      }
      const contact = await api<Contact>(`/contacts/${contactId}`, { signal });
      return parseTurns(contact.text);
    },
    enabled: open,
  });

  const turns = open ? (full.data ?? preview) : preview.slice(0, PREVIEW_TURNS);
  const noun = kind === 'call' ? 'transcript' : 'conversation';
  const hidden = preview.length - PREVIEW_TURNS;

  return (
    <Stack gap={4} mt={6}>
      <Stack
        gap={4}
        id={regionId}
        component="ol"
        m={0}
        p={0}
        style={{ listStyle: 'none' }}
        aria-label={kind === 'call' ? 'Call transcript' : 'Chat messages'}
      >
        {turns.map((turn, i) => (
          <TurnView key={i} turn={turn} customer={isCustomerSpeaker(turn.speaker, customerName)} />
        ))}
      </Stack>
      {open && full.isPending ? <Loading label={`Loading the whole ${noun}…`} /> : null}
      {open && full.isError ? (
        <ErrorState error={full.error} onRetry={() => void full.refetch()} title={`The ${noun} could not be loaded`} />
      ) : null}
      {hidden > 0 || open ? (
        <Group>
          <Button
            variant="subtle"
            size="compact-xs"
            aria-expanded={open}
            aria-controls={regionId}
            leftSection={open ? <IconChevronUp size={14} aria-hidden /> : <IconChevronDown size={14} aria-hidden />}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? `Collapse ${noun}` : `Show whole ${noun} (${hidden} more ${hidden === 1 ? 'turn' : 'turns'})`}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

function TurnView({ turn, customer }: { turn: Turn; customer: boolean }) {
  if (!turn.speaker) {
    return (
      <Box component="li">
        <Text size="xs" c="gray.7" fs="italic" style={{ whiteSpace: 'pre-wrap' }}>
          {turn.at ? `[${turn.at}] ` : ''}
          {turn.lines.join('\n')}
        </Text>
      </Box>
    );
  }
  return (
    <Box
      component="li"
      px={8}
      py={4}
      bdrs="sm"
      ml={customer ? 0 : 24}
      mr={customer ? 24 : 0}
      style={{ background: customer ? 'var(--mantine-color-gray-1)' : 'var(--mantine-color-hearken-0)' }}
    >
      <Text size="xs" fw={700} c={customer ? 'gray.8' : 'hearken.8'}>
        {turn.speaker}
        {turn.at ? (
          <Text span size="xs" c="gray.7" fw={400}>
            {' '}
            {turn.at}
          </Text>
        ) : null}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {turn.lines.join('\n')}
      </Text>
    </Box>
  );
}
