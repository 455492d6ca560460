import { Anchor, Badge, Box, Group, Modal, Paper, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { Success } from '../api/types';
import { LoadMoreFooter } from '../components/LoadMoreFooter';
import { DARK_GREEN, DARK_ORANGE, READABLE_DIMMED } from '../components/readable';
import { Empty, ErrorState, Loading } from '../components/states';

type OutboxPage = Success<'/api/v1/channels/mail-outbox'>;
type OutboxMessage = OutboxPage['items'][number];

const PAGE_SIZE = 50;

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** Where the message is now, in words: sent, caught by the demo's catcher, waiting, or given up. */
function DeliveryBadge({ message }: { message: OutboxMessage }) {
  if (message.status === 'failed')
    return (
      <Badge color="red" variant="light">
        Failed
      </Badge>
    );
  if (message.status === 'queued')
    return (
      <Badge color="orange" variant="light" styles={{ label: { color: DARK_ORANGE } }}>
        Waiting
      </Badge>
    );
  return message.deliveredTo === 'catcher' ? (
    <Badge color="gray" variant="light" title="Kept here by the mail catcher, not sent on">
      Caught
    </Badge>
  ) : (
    <Badge color="green" variant="light" styles={{ label: { color: DARK_GREEN } }}>
      Sent
    </Badge>
  );
}

/**
 * The mail the organisation sent, newest first: every email reply and notice. In the demo,
 * with no relay, mail is caught here instead of leaving the machine, so a reply can be read as
 * the customer would get it.
 */
export function OutboxPage() {
  const outbox = useInfiniteQuery({
    queryKey: ['outbox'],
    queryFn: ({ signal, pageParam }) =>
      api<OutboxPage>('/channels/mail-outbox', { signal, query: { limit: PAGE_SIZE, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 15_000,
  });
  const [open, setOpen] = useState<OutboxMessage | null>(null);
  const messages = outbox.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Box p="lg" maw={1100} mx="auto" style={READABLE_DIMMED}>
      <Stack gap="md">
        <div>
          <Title order={1} size="h2">
            Outbox
          </Title>
          <Text c="dimmed" size="sm">
            Mail sent to customers, newest first. Without an SMTP relay the demo keeps its mail here instead of sending
            it.
          </Text>
        </div>
        {outbox.isPending ? (
          <Loading label="Loading the outbox…" />
        ) : outbox.isError ? (
          <ErrorState error={outbox.error} onRetry={() => void outbox.refetch()} />
        ) : messages.length === 0 ? (
          <Empty title="No mail sent yet" icon={<IconMail size={22} aria-hidden />}>
            Reply to a customer who wrote by email and the reply appears here.
          </Empty>
        ) : (
          <Paper withBorder radius="md">
            <Table highlightOnHover verticalSpacing="sm" aria-label="Sent mail">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>To</Table.Th>
                  <Table.Th>Subject</Table.Th>
                  <Table.Th>Case</Table.Th>
                  <Table.Th>Sent</Table.Th>
                  <Table.Th>Delivery</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {messages.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <Text size="sm">{m.to}</Text>
                    </Table.Td>
                    <Table.Td>
                      <UnstyledButton onClick={() => setOpen(m)} aria-label={`Open the mail "${m.subject}" to ${m.to}`}>
                        <Text size="sm" fw={600} c="hearken.8" lineClamp={1}>
                          {m.subject || '(no subject)'}
                        </Text>
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {m.text}
                        </Text>
                      </UnstyledButton>
                    </Table.Td>
                    <Table.Td>
                      {m.caseId && m.caseReference ? (
                        <Anchor component={Link} to={`/work/cases/${m.caseId}`} size="sm">
                          {m.caseReference}
                        </Anchor>
                      ) : (
                        <Text size="sm" c="dimmed">
                          none
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{when(m.sentAt ?? m.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <DeliveryBadge message={m} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Box p="sm">
              <LoadMoreFooter pages={outbox} label="Older mail" />
            </Box>
          </Paper>
        )}
      </Stack>
      <Modal opened={open !== null} onClose={() => setOpen(null)} title={open?.subject || '(no subject)'} size="lg">
        {open ? (
          <Stack gap="sm" style={READABLE_DIMMED}>
            <Group gap="xs">
              <DeliveryBadge message={open} />
              <Text size="sm" c="dimmed">
                {when(open.sentAt ?? open.createdAt)}
              </Text>
            </Group>
            <Text size="sm">
              <b>From:</b> {open.from}
              <br />
              <b>To:</b> {open.to}
              {open.caseReference ? (
                <>
                  <br />
                  <b>Case:</b>{' '}
                  <Anchor component={Link} to={`/work/cases/${open.caseId}`} onClick={() => setOpen(null)}>
                    {open.caseReference}
                  </Anchor>
                </>
              ) : null}
            </Text>
            {open.lastError ? (
              <Text size="sm" c="red.8">
                Last error: {open.lastError}
              </Text>
            ) : null}
            <Paper withBorder p="md" radius="sm">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {open.text}
              </Text>
            </Paper>
          </Stack>
        ) : null}
      </Modal>
    </Box>
  );
}
