import { Select, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { useTeams } from '../queries';
import { ActionModal } from './ActionModal';
import { useCaseAction } from './useCaseAction';

interface Props {
  opened: boolean;
  onClose: () => void;
  caseId: string;
  customerId: string;
}

/** Escalate up the supervisor chain, or sideways to a team that can act; it must be accepted in time or it climbs. */
export function EscalateModal({ opened, onClose, caseId, customerId }: Props) {
  const teams = useTeams();
  const [reason, setReason] = useState('');
  const [teamId, setTeamId] = useState<string | null>(null);

  const escalate = useCaseAction<{ reason: string; teamId: string | null }>({
    caseId,
    customerId,
    run: ({ reason, teamId }) =>
      api(`/cases/${caseId}/escalate`, { method: 'POST', body: teamId ? { reason, toTeamId: teamId } : { reason } }),
    success: ({ teamId }) =>
      teamId
        ? `Escalated to ${teams.data?.items.find((t) => t.id === teamId)?.name ?? 'the team'}`
        : 'Escalated to your supervisor',
    onDone: () => {
      setReason('');
      setTeamId(null);
      onClose();
    },
  });

  const close = () => {
    escalate.reset();
    onClose();
  };

  return (
    <ActionModal
      opened={opened}
      onClose={close}
      title="Escalate the case"
      submitLabel="Escalate"
      submitting={escalate.isPending}
      error={escalate.error}
      onSubmit={() => escalate.mutate({ reason, teamId })}
      submitColor="red.9"
    >
      <Text size="sm" c="gray.7">
        Without a team it goes up to your supervisor. Whoever receives it must accept in time, or it climbs a level.
      </Text>
      <Textarea
        label="Reason"
        description="Why this needs more than you can do, and what you have tried."
        autosize
        minRows={3}
        maxRows={8}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        withAsterisk
        aria-required
        data-autofocus
      />
      <Select
        label="To team"
        description="Optional: a team with the skills or authority this needs"
        placeholder="Up the supervisor chain"
        data={(teams.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))}
        value={teamId}
        onChange={setTeamId}
        clearable
        searchable
      />
    </ActionModal>
  );
}
