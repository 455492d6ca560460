import { Badge, Button, Group, Paper, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconLockOpen, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { VerificationSession, VerificationStanding } from '../../api/types';
import { DARK_ORANGE } from '../../components/readable';
import { ErrorState } from '../../components/states';
import { CORRECTING_ROLES, UNLOCKING_ROLES, useMe } from '../../session/session';
import { notifyDone } from '../notify';
import { ClaimsForm } from './ClaimsForm';
import { CorrectionTask } from './CorrectionTask';
import {
  useCheckClaims,
  useStartVerification,
  useUnlockCustomer,
  useVerificationSession,
  useVerificationStanding,
  verificationProblem,
} from './queries';
import { StepUpForm } from './StepUpForm';
import { Refusal, VerificationResult } from './VerificationResult';

type CallerChannel = 'phone' | 'chat' | 'in_person';
const CALLER_CHANNELS: { value: CallerChannel; label: string }[] = [
  { value: 'phone', label: 'Phone' },
  { value: 'chat', label: 'Chat' },
  { value: 'in_person', label: 'In person' },
];

/**
 * Checking that the caller is this customer, on the case view (PRODUCT.md F1): what they claim is
 * compared by the server, which answers only pass, partial or fail and a level of assurance. A
 * partial can be raised with a one-time code to a registered channel; once a code passed, the
 * record-correction task shows the difference to those who may correct the record.
 */
export function VerificationPanel({ customerId, caseId }: { customerId: string; caseId?: string }) {
  const standing = useVerificationStanding(customerId);
  const start = useStartVerification(customerId, caseId);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [channel, setChannel] = useState<CallerChannel>('phone');
  const begin = () => start.mutate(channel, { onSuccess: (session) => setSessionId(session.id) });

  return (
    <Paper component="section" aria-labelledby="verification-heading" withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap={6} wrap="nowrap">
            <IconShieldCheck size={18} aria-hidden color="var(--mantine-color-hearken-7)" />
            <Title order={2} size="h4" id="verification-heading">
              Verify the caller
            </Title>
          </Group>
          {standing.data ? <Standing customerId={customerId} standing={standing.data} /> : null}
        </Group>
        {standing.isPending ? (
          <Skeleton h={32} aria-hidden />
        ) : standing.isError ? (
          <ErrorState
            error={standing.error}
            onRetry={() => void standing.refetch()}
            title="Verification could not be loaded"
          />
        ) : sessionId ? (
          <SessionSteps
            key={sessionId}
            sessionId={sessionId}
            customerId={customerId}
            standing={standing.data}
            onRestart={() => setSessionId(null)}
          />
        ) : standing.data.verifiableFields.length < 2 ? (
          <Text size="sm" c="gray.7">
            The record holds too little to check a caller against (at least two of name, date of birth, address,
            postcode, PIN, last payment or a phone).
          </Text>
        ) : (
          <Group gap="xs" wrap="wrap">
            <Text size="sm" style={{ flex: 1, minWidth: 220 }}>
              Before sharing or changing anything, check who is calling. The record stays hidden: you only learn whether
              what they say matches.
            </Text>
            <SegmentedControl
              size="xs"
              value={channel}
              onChange={(value) => setChannel(value as CallerChannel)}
              data={CALLER_CHANNELS}
              aria-label="The caller is on"
            />
            <Button size="xs" onClick={begin} loading={start.isPending} disabled={standing.data.locked}>
              Start verification
            </Button>
          </Group>
        )}
        {start.isError ? <Refusal title="Verification not started" message={verificationProblem(start.error)} /> : null}
      </Stack>
    </Paper>
  );
}

/** Locked or not, the failures counted so far, and the administrator's way out of a lock. */
function Standing({ customerId, standing }: { customerId: string; standing: VerificationStanding }) {
  const me = useMe();
  const unlock = useUnlockCustomer(customerId);
  return (
    <Group gap="xs" wrap="nowrap">
      {standing.locked ? (
        <Badge color="red" variant="light" c="red.9" tt="none">
          Locked after {standing.failedAttempts} failed attempts
        </Badge>
      ) : standing.failedAttempts > 0 ? (
        <Badge color="orange" variant="light" c={DARK_ORANGE} tt="none">
          {standing.failedAttempts} of {standing.lockAfter} failed attempts
        </Badge>
      ) : null}
      {standing.locked && UNLOCKING_ROLES.includes(me.role) ? (
        <Button
          size="xs"
          variant="light"
          color="red"
          leftSection={<IconLockOpen size={16} aria-hidden />}
          loading={unlock.isPending}
          onClick={() => unlock.mutate(undefined, { onSuccess: () => notifyDone('Verification unlocked') })}
        >
          Unlock
        </Button>
      ) : null}
      {unlock.isError ? (
        <Text size="xs" c="red.8" role="alert">
          Not unlocked: {verificationProblem(unlock.error)}
        </Text>
      ) : null}
    </Group>
  );
}

interface StepsProps {
  sessionId: string;
  customerId: string;
  standing: VerificationStanding;
  onRestart: () => void;
}

function SessionSteps({ sessionId, customerId, standing, onRestart }: StepsProps) {
  const session = useVerificationSession(sessionId);
  const claims = useCheckClaims(customerId, sessionId);
  if (session.isPending) return <Skeleton h={32} aria-hidden />;
  if (session.isError)
    return (
      <ErrorState error={session.error} onRetry={() => void session.refetch()} title="The verification is not found" />
    );
  const s = session.data;
  const over = s.status === 'failed' || s.status === 'expired' || s.customerLocked;
  const asking = s.status === 'open' && (s.result === null || s.result === 'fail') && s.attemptsLeft > 0;
  const stepUp = !over && (s.stepUp.offered || s.stepUp.codeSent);
  return (
    <Stack gap="sm">
      <VerificationResult session={s} />
      {asking && !s.customerLocked ? (
        <ClaimsForm fields={standing.verifiableFields} checking={claims.isPending} onCheck={(c) => claims.mutate(c)} />
      ) : null}
      {claims.isError ? (
        <Refusal title="The claims were not checked" message={verificationProblem(claims.error)} />
      ) : null}
      {stepUp ? <StepUpPrompt session={s} /> : null}
      {stepUp ? <StepUpForm customerId={customerId} session={s} channels={standing.stepUpChannels} /> : null}
      {s.status === 'passed' && s.assurance === 'medium' && s.correctionId ? (
        <CorrectionOrNotice customerId={customerId} correctionId={s.correctionId} />
      ) : null}
      {over ? <Ended session={s} /> : null}
      {over || s.status === 'passed' ? (
        <Group>
          <Button size="xs" variant="default" onClick={onRestart}>
            New verification
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

function StepUpPrompt({ session }: { session: VerificationSession }) {
  return (
    <Text size="sm">
      {session.result === 'partial'
        ? 'Almost everything matches. Send a one-time code to a channel on the record to be sure it is them.'
        : 'To correct the record or act on the account, confirm with a one-time code.'}
    </Text>
  );
}

function CorrectionOrNotice({ customerId, correctionId }: { customerId: string; correctionId: string }) {
  const me = useMe();
  if (CORRECTING_ROLES.includes(me.role)) return <CorrectionTask customerId={customerId} correctionId={correctionId} />;
  return (
    <Text size="sm" c="gray.7">
      A record-correction task is open for someone who may correct records.
    </Text>
  );
}

function Ended({ session }: { session: VerificationSession }) {
  const message = session.customerLocked
    ? 'Too many failed attempts: the customer is locked until an administrator unlocks them.'
    : session.status === 'expired'
      ? 'This verification has expired. Start a new one.'
      : 'This verification failed: nothing may be shared or changed.';
  return <Refusal title="Not verified" message={message} />;
}
