import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconPhoneCall } from '@tabler/icons-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../api/client';
import type { PortalCallback } from '../api/types';
import { Empty, ErrorState, Loading } from '../components/states';
import { BackToRequests } from './BackToRequests';
import { CallbackModal } from './CallbackModal';
import { Conversation } from './Conversation';
import { usePortalCase } from './portal-api';
import { ReplyForm } from './ReplyForm';
import { StatusBadge } from './RequestList';
import { windowWords } from './words';

/** One request: where it stands, the conversation, and ways to add to it. */
export function CasePage({ organisation }: { organisation: string }) {
  const { caseId = '' } = useParams();
  const request = usePortalCase(caseId);
  const [booking, setBooking] = useState(false);
  const back = <BackToRequests organisation={organisation} />;

  if (request.isPending) return <Loading label="Loading your request…" />;
  if (request.isError && !request.data) {
    return (
      <Stack gap="lg">
        {back}
        {request.error instanceof ApiError && request.error.status === 404 ? (
          <Empty title="This request cannot be found">
            It may have been merged into another of your requests. Your requests are listed on the portal's home page.
          </Empty>
        ) : (
          <ErrorState
            error={request.error}
            onRetry={() => void request.refetch()}
            title="This request could not be loaded"
          />
        )}
      </Stack>
    );
  }

  const c = request.data;
  const open = c.status !== 'closed';
  return (
    <Stack gap="lg">
      {back}
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
          {c.subject}
          <Group component="span" gap="xs" mt={6} display="flex">
            <Text component="span" size="sm" c="dimmed" fw={500}>
              {c.reference}
            </Text>
            <StatusBadge status={c.status} />
          </Group>
        </Title>
        {open ? (
          <Button
            variant="light"
            leftSection={<IconPhoneCall size={16} aria-hidden />}
            onClick={() => setBooking(true)}
            style={{ flexShrink: 0 }}
          >
            Book a callback
          </Button>
        ) : null}
      </Group>
      <Callbacks callbacks={c.callbacks} />
      {request.isError ? (
        <ErrorState
          error={request.error}
          onRetry={() => void request.refetch()}
          title="New messages could not be loaded; showing what we had"
        />
      ) : null}
      <Conversation messages={c.messages} caseSubject={c.subject} />
      <ReplyForm caseId={c.id} status={c.status} />
      <CallbackModal caseId={c.id} opened={booking} onClose={() => setBooking(false)} />
    </Stack>
  );
}

const CALLBACK_WORDS: Record<PortalCallback['status'], (window: string) => string> = {
  booked: (w) => `We'll call you ${w}.`,
  completed: (w) => `We called you ${w}.`,
  missed: (w) => `We tried to call you ${w} but could not reach you.`,
  cancelled: (w) => `The callback ${w} was cancelled.`,
};

/** Callbacks on this request: the booked ones stand out, the rest are history. */
function Callbacks({ callbacks }: { callbacks: PortalCallback[] }) {
  const shown = [...callbacks].sort((a, b) => a.windowStart.localeCompare(b.windowStart));
  if (shown.length === 0) return null;
  return (
    <Stack gap="xs">
      {shown.map((cb) => (
        <Alert
          key={cb.id}
          radius="lg"
          variant="light"
          color={cb.status === 'booked' ? 'hearken' : 'gray'}
          icon={<IconPhoneCall size={18} aria-hidden />}
          styles={{ message: { color: 'var(--mantine-color-dark-7)' } }}
        >
          {CALLBACK_WORDS[cb.status](windowWords(cb.windowStart, cb.windowEnd))}
        </Alert>
      ))}
    </Stack>
  );
}
