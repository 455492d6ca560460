import { Alert, Button, Group, Text, Textarea } from '@mantine/core';
import { IconArrowsExchange, IconStairsUp } from '@tabler/icons-react';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Escalation, TransferOffer } from '../../api/types';
import { RelativeTime } from '../format';
import { DARK_ORANGE } from '../readable';
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
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const from = userName(offer.fromUserId) ?? 'a colleague';
  const accept = useCaseAction({ caseId, customerId, run: () => api(`/cases/${caseId}/transfer/accept`, { method: 'POST' }), success: () => 'Transfer accepted: the case is yours' });
  const decline = useCaseAction<string>({
    caseId,
    customerId,
    run: (why) => api(`/cases/${caseId}/transfer/decline`, { method: 'POST', body: { reason: why } }),
    success: () => `Transfer declined; ${from} keeps the case`,
    onDone: () => {
      setDeclining(false);
      setReason('');
    },
  });

  return (
    <Alert color="orange" variant="light" styles={{ title: { color: DARK_ORANGE } }} icon={<IconArrowsExchange size={20} aria-hidden />} title={`Transfer offered by ${from}: ${offer.note}`}>
      <Text size="sm" c="gray.8">
        Offered to {offer.toUserId ? 'you' : `your team${teamName(offer.toTeamId) ? `, ${teamName(offer.toTeamId)}` : ''}`} <RelativeTime iso={offer.offeredAt} />; the offer expires <RelativeTime iso={offer.expiresAt} />
      </Text>
      {accept.error ? (
        <Text size="sm" c="red.8" mt={4} role="alert">
          {accept.error.message}
        </Text>
      ) : null}
      <Group gap="xs" mt="sm">
        <Button size="xs" loading={accept.isPending} onClick={() => accept.mutate(undefined)}>
          Accept transfer
        </Button>
        <Button size="xs" variant="default" onClick={() => setDeclining(true)}>
          Decline transfer
        </Button>
      </Group>
      <ActionModal
        opened={declining}
        onClose={() => {
          decline.reset();
          setDeclining(false);
        }}
        title="Decline the transfer"
        submitLabel="Decline transfer"
        submitting={decline.isPending}
        error={decline.error}
        onSubmit={() => decline.mutate(reason)}
      >
        <Textarea label="Reason" description={`${from} keeps the case and reads this.`} autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} withAsterisk aria-required data-autofocus />
      </ActionModal>
    </Alert>
  );
}

function EscalationBanner({ escalation, caseId, customerId }: { escalation: Escalation } & Props) {
  const [handingBack, setHandingBack] = useState(false);
  const [reason, setReason] = useState('');
  const accept = useCaseAction({ caseId, customerId, run: () => api(`/cases/${caseId}/escalation/accept`, { method: 'POST' }), success: () => 'Escalation accepted: the case is yours' });
  const handBack = useCaseAction<string>({
    caseId,
    customerId,
    run: (why) => api(`/cases/${caseId}/escalation/hand-back`, { method: 'POST', body: { reason: why } }),
    success: () => 'Escalation handed back',
    onDone: () => {
      setHandingBack(false);
      setReason('');
    },
  });

  return (
    <Alert color="red" variant="light" styles={{ title: { color: 'var(--mantine-color-red-9)' } }} icon={<IconStairsUp size={20} aria-hidden />} title={`Escalated to you (level ${escalation.level}): ${escalation.reason}`}>
      <Text size="sm" c="gray.8">
        Raised <RelativeTime iso={escalation.raisedAt} />; if nobody accepts it, it climbs a level <RelativeTime iso={escalation.deadline} />
      </Text>
      {accept.error ? (
        <Text size="sm" c="red.8" mt={4} role="alert">
          {accept.error.message}
        </Text>
      ) : null}
      <Group gap="xs" mt="sm">
        <Button size="xs" color="red.9" loading={accept.isPending} onClick={() => accept.mutate(undefined)}>
          Accept escalation
        </Button>
        <Button size="xs" variant="default" onClick={() => setHandingBack(true)}>
          Hand back
        </Button>
      </Group>
      <ActionModal
        opened={handingBack}
        onClose={() => {
          handBack.reset();
          setHandingBack(false);
        }}
        title="Hand the escalation back"
        submitLabel="Hand back"
        submitting={handBack.isPending}
        error={handBack.error}
        onSubmit={() => handBack.mutate(reason)}
      >
        <Textarea label="Reason" description="The customer will see this reason." autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} withAsterisk aria-required data-autofocus />
      </ActionModal>
    </Alert>
  );
}
