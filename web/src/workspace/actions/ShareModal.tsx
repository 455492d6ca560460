import { Alert, Anchor, Divider, Group, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Success } from '../../api/types';
import { DARK_GREEN } from '../../components/readable';
import { ActionModal } from './ActionModal';
import { useCaseAction } from './useCaseAction';

type CreatedShare = Success<'/api/v1/cases/{id}/shares', 'post'>;

interface Props {
  opened: boolean;
  onClose: () => void;
  caseId: string;
  customerId: string;
}

interface Input {
  partnerTenant: string;
  partnerName: string;
  partnerEmail: string;
  note: string;
}

const EMPTY: Input = { partnerTenant: '', partnerName: '', partnerEmail: '', note: '' };

/**
 * Bring in a partner: another organisation on this Hearken by its slug, or an outside party by
 * name and email (who gets a link, shown once). The customer's details stay with us unless given.
 */
export function ShareModal({ opened, onClose, caseId, customerId }: Props) {
  const [input, setInput] = useState<Input>(EMPTY);
  const [link, setLink] = useState<CreatedShare['link']>(null);
  const set = (field: keyof Input) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setInput((i) => ({ ...i, [field]: value }));
  };

  const share = useCaseAction<Input, CreatedShare>({
    caseId,
    customerId,
    run: async (i) => {
      const body = i.partnerTenant.trim()
        ? { partnerTenant: i.partnerTenant.trim(), note: i.note }
        : { partnerName: i.partnerName.trim(), partnerEmail: i.partnerEmail.trim(), note: i.note };
      return api<CreatedShare>(`/cases/${caseId}/shares`, { method: 'POST', body });
    },
    success: (i) => `Case shared with ${i.partnerTenant.trim() || i.partnerName.trim()}`,
    onDone: (created) => {
      setInput(EMPTY);
      // An outside party's link is shown this once: the dialog stays open to pass it on.
      if (created.link) setLink(created.link);
      else onClose();
    },
  });

  const close = () => {
    share.reset();
    setLink(null);
    onClose();
  };
  const byTenant = input.partnerTenant.trim() !== '';
  const byOutside = input.partnerName.trim() !== '' || input.partnerEmail.trim() !== '';

  if (link && opened) {
    const url = new URL(link.path, window.location.origin).toString();
    return (
      <ActionModal
        opened
        onClose={close}
        title="Share with partner"
        submitLabel="Done"
        submitting={false}
        error={null}
        onSubmit={close}
      >
        <Alert color="green" variant="light" title="Shared" styles={{ title: { color: DARK_GREEN } }}>
          <Text size="sm">
            Send this link to {link.sendTo}. It is shown only now: whoever holds it can read the shared thread and
            answer.
          </Text>
          <Anchor href={url} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {url}
          </Anchor>
        </Alert>
      </ActionModal>
    );
  }

  return (
    <ActionModal
      opened={opened}
      onClose={close}
      title="Share with partner"
      submitLabel="Share"
      submitting={share.isPending}
      error={share.error}
      onSubmit={() => share.mutate(input)}
    >
      <TextInput
        label="Partner organisation"
        description="The partner's organisation name on Hearken (its slug, e.g. norland)"
        value={input.partnerTenant}
        onChange={set('partnerTenant')}
        disabled={byOutside}
        data-autofocus
      />
      <Divider label="or an outside party, by email" labelPosition="center" />
      <Group grow align="flex-start">
        <TextInput label="Partner name" value={input.partnerName} onChange={set('partnerName')} disabled={byTenant} />
        <TextInput
          type="email"
          label="Partner email"
          value={input.partnerEmail}
          onChange={set('partnerEmail')}
          disabled={byTenant}
        />
      </Group>
      <Textarea
        label="Note"
        description="What the partner must know and do. Customer details are not shared."
        autosize
        minRows={3}
        maxRows={8}
        value={input.note}
        onChange={set('note')}
        withAsterisk
        aria-required
      />
    </ActionModal>
  );
}
