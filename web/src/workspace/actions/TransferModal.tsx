import { Select, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { useMe } from '../../session/session';
import { useTeams, useUsers } from '../queries';
import { ActionModal } from './ActionModal';
import { useCaseAction } from './useCaseAction';

interface Props {
  opened: boolean;
  onClose: () => void;
  caseId: string;
  customerId: string;
}

const STAFF = new Set(['agent', 'supervisor', 'admin']);

/** A warm transfer: offered to a person or a team with a hand-off note, so the customer never repeats themselves. */
export function TransferModal({ opened, onClose, caseId, customerId }: Props) {
  const me = useMe();
  const users = useUsers();
  const teams = useTeams();
  const [target, setTarget] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [missingTarget, setMissingTarget] = useState(false);
  const targetLabel = (value: string | null) =>
    options.flatMap((g) => g.items).find((o) => o.value === value)?.label ?? 'them';

  const transfer = useCaseAction<{ target: string; note: string }>({
    caseId,
    customerId,
    run: ({ target, note }) => {
      const [kind, id] = target.split(':');
      return api(`/cases/${caseId}/transfer`, {
        method: 'POST',
        body: kind === 'team' ? { toTeamId: id, note } : { toUserId: id, note },
      });
    },
    success: ({ target }) => `Transfer offered to ${targetLabel(target)}. You own the case until they accept.`,
    onDone: () => {
      setTarget(null);
      setNote('');
      onClose();
    },
  });

  const options = [
    { group: 'Teams', items: (teams.data?.items ?? []).map((t) => ({ value: `team:${t.id}`, label: t.name })) },
    {
      group: 'People',
      items: (users.data?.items ?? [])
        .filter((u) => u.active && STAFF.has(u.role) && u.id !== me.id)
        .map((u) => ({
          value: `user:${u.id}`,
          label: `${u.name}${u.teamId ? ` — ${teams.data?.items.find((t) => t.id === u.teamId)?.name ?? ''}` : ''}`,
        })),
    },
  ];

  const close = () => {
    transfer.reset();
    onClose();
  };

  return (
    <ActionModal
      opened={opened}
      onClose={close}
      title="Transfer the case"
      submitLabel="Offer transfer"
      submitting={transfer.isPending}
      error={transfer.error}
      onSubmit={() => {
        setMissingTarget(!target);
        if (target) transfer.mutate({ target, note });
      }}
    >
      <Text size="sm" c="gray.7">
        The case stays yours until they accept. Your note is the first thing they read.
      </Text>
      <Select
        label="Transfer to"
        placeholder={users.isPending || teams.isPending ? 'Loading people and teams…' : 'Choose a team or a colleague'}
        data={options}
        value={target}
        onChange={(value) => {
          setTarget(value);
          setMissingTarget(false);
        }}
        error={missingTarget ? 'Choose the team or colleague to offer the case to' : undefined}
        searchable
        openOnFocus={false}
        nothingFoundMessage="Nobody by that name"
        withAsterisk
        data-autofocus
        comboboxProps={{ withinPortal: true }}
      />
      <Textarea
        label="Hand-off note"
        description="What they must know so the customer never has to repeat themselves: what was tried, what was promised, what is next."
        autosize
        minRows={4}
        maxRows={10}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        withAsterisk
        aria-required
      />
    </ActionModal>
  );
}
