import { Alert, Button, Group, Text, Textarea } from '@mantine/core';
import { IconArrowsExchange, IconStairsUp } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { api } from '../../api/client';
import type { Escalation, TransferOffer } from '../../api/types';
import { RelativeTime } from '../format';
import { DARK_ORANGE } from '../../components/readable';
import { useEscalationsForMe, usePeopleNames, useTransfersToMe } from '../queries';
import { ActionModal } from './ActionModal';
import { useCaseAction } from './useCaseAction';

interface Props {
  caseId: string;
  customerId: string;
}

/** A hand-off waiting for the agent on this case: they decide here, before anything else. */
export function HandoffBanners({ caseId, customerId }: Props) {
  const transfers = useTransfersToMe();
  const escalations = useEscalationsForMe();
  const transfer = transfers.data?.items.find((t) => t.caseId === caseId && t.status === 'offered');
  const escalation = escalations.data?.items.find((e) => e.caseId === caseId && e.status === 'pending');
  return (
    <>
      {transfer ? <TransferBanner offer={transfer} caseId={caseId} customerId={customerId} /> : null}
      {escalation ? <EscalationBanner escalation={escalation} caseId={caseId} customerId={customerId} /> : null}
    </>
  );
}

function TransferBanner({ offer, caseId, customerId }: { offer: TransferOffer } & Props) {
  const { userName, teamName } = usePeopleNames();
  const from = userName(offer.fromUserId) ?? 'a colleague';
  return (
    <HandoffBanner
      caseId={caseId}
      customerId={customerId}
      color="orange"
      titleColor={DARK_ORANGE}
      icon={<IconArrowsExchange size={20} aria-hidden />}
      title={`Transfer offered by ${from}: ${offer.note}`}
      accept={{
        label: 'Accept transfer',
        run: () => api(`/cases/${caseId}/transfer/accept`, { method: 'POST' }),
        success: 'Transfer accepted: the case is yours',
      }}
      refuse={{
        label: 'Decline transfer',
        dialogTitle: 'Decline the transfer',
        reasonHint: `${from} keeps the case and reads this.`,
        run: (reason) => api(`/cases/${caseId}/transfer/decline`, { method: 'POST', body: { reason } }),
        success: `Transfer declined; ${from} keeps the case`,
      }}
    >
      Offered to{' '}
      {offer.toUserId ? 'you' : `your team${teamName(offer.toTeamId) ? `, ${teamName(offer.toTeamId)}` : ''}`}{' '}
      <RelativeTime iso={offer.offeredAt} />; the offer expires <RelativeTime iso={offer.expiresAt} />
    </HandoffBanner>
  );
}

function EscalationBanner({ escalation, caseId, customerId }: { escalation: Escalation } & Props) {
  return (
    <HandoffBanner
      caseId={caseId}
      customerId={customerId}
      color="red"
      titleColor="var(--mantine-color-red-9)"
      acceptColor="red.9"
      icon={<IconStairsUp size={20} aria-hidden />}
      title={`Escalated to you (level ${escalation.level}): ${escalation.reason}`}
      accept={{
        label: 'Accept escalation',
        run: () => api(`/cases/${caseId}/escalation/accept`, { method: 'POST' }),
        success: 'Escalation accepted: the case is yours',
      }}
      refuse={{
        label: 'Hand back',
        dialogTitle: 'Hand the escalation back',
        reasonHint: 'The customer will see this reason.',
        run: (reason) => api(`/cases/${caseId}/escalation/hand-back`, { method: 'POST', body: { reason } }),
        success: 'Escalation handed back',
      }}
    >
      Raised <RelativeTime iso={escalation.raisedAt} />; if nobody accepts it, it climbs a level{' '}
      <RelativeTime iso={escalation.deadline} />
    </HandoffBanner>
  );
}

interface BannerProps extends Props {
  color: string;
  titleColor: string;
  acceptColor?: string;
  icon: ReactNode;
  title: string;
  /** When it was offered and until when: one line under the title. */
  children: ReactNode;
  accept: { label: string; run: () => Promise<unknown>; success: string };
  /** Refusing asks why, in a dialog; the refusal's button and the dialog's submit share the label. */
  refuse: {
    label: string;
    dialogTitle: string;
    reasonHint: string;
    run: (reason: string) => Promise<unknown>;
    success: string;
  };
}

/** A hand-off to accept at once, or to refuse with a reason. */
function HandoffBanner({
  caseId,
  customerId,
  color,
  titleColor,
  acceptColor,
  icon,
  title,
  children,
  accept,
  refuse,
}: BannerProps) {
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const accepting = useCaseAction({ caseId, customerId, run: accept.run, success: () => accept.success });
  const refusal = useCaseAction<string>({
    caseId,
    customerId,
    run: refuse.run,
    success: () => refuse.success,
    onDone: () => {
      setRefusing(false);
      setReason('');
    },
  });

  return (
    <Alert color={color} variant="light" styles={{ title: { color: titleColor } }} icon={icon} title={title}>
      <Text size="sm" c="gray.8">
        {children}
      </Text>
      {accepting.error ? (
        <Text size="sm" c="red.8" mt={4} role="alert">
          {accepting.error.message}
        </Text>
      ) : null}
      <Group gap="xs" mt="sm">
        <Button size="xs" color={acceptColor} loading={accepting.isPending} onClick={() => accepting.mutate(undefined)}>
          {accept.label}
        </Button>
        <Button size="xs" variant="default" onClick={() => setRefusing(true)}>
          {refuse.label}
        </Button>
      </Group>
      <ActionModal
        opened={refusing}
        onClose={() => {
          refusal.reset();
          setRefusing(false);
        }}
        title={refuse.dialogTitle}
        submitLabel={refuse.label}
        submitting={refusal.isPending}
        error={refusal.error}
        onSubmit={() => refusal.mutate(reason)}
      >
        <Textarea
          label="Reason"
          description={refuse.reasonHint}
          autosize
          minRows={3}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          withAsterisk
          aria-required
          data-autofocus
        />
      </ActionModal>
    </Alert>
  );
}
