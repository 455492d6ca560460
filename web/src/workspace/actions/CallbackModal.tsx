import { Group, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { ActionModal } from './ActionModal';
import { useCaseAction } from './useCaseAction';

interface Props {
  opened: boolean;
  onClose: () => void;
  caseId: string;
  customerId: string;
}

/** "YYYY-MM-DDTHH:MM" in local time, as a datetime-local input takes it. */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The next quarter hour, and an hour after it: a window a customer can plan around. */
function defaultWindow(): { from: string; until: string } {
  const start = new Date();
  start.setSeconds(0, 0);
  start.setMinutes(Math.ceil((start.getMinutes() + 1) / 15) * 15);
  return { from: localInputValue(start), until: localInputValue(new Date(start.getTime() + 60 * 60_000)) };
}

const toIso = (local: string) => {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
};

/** Promise a call within a window instead of keeping the customer on hold. */
export function CallbackModal({ opened, onClose, caseId, customerId }: Props) {
  const [slot, setSlot] = useState(defaultWindow);
  const [phone, setPhone] = useState('');

  const book = useCaseAction<{ from: string; until: string; phone: string }>({
    caseId,
    customerId,
    run: ({ from, until, phone }) =>
      api(`/cases/${caseId}/callbacks`, {
        method: 'POST',
        body: { windowStart: toIso(from), windowEnd: toIso(until), ...(phone.trim() ? { phone: phone.trim() } : {}) },
      }),
    success: () => 'Callback booked: it is in your callbacks queue when the window opens',
    onDone: () => {
      setSlot(defaultWindow());
      setPhone('');
      onClose();
    },
  });

  const close = () => {
    book.reset();
    onClose();
  };

  return (
    <ActionModal
      opened={opened}
      onClose={close}
      title="Book a callback"
      submitLabel="Book callback"
      submitting={book.isPending}
      error={book.error}
      onSubmit={() => book.mutate({ ...slot, phone })}
    >
      <Text size="sm" c="gray.7">
        Times are in your local time. The call waits in your callbacks queue once the window opens.
      </Text>
      <Group grow align="flex-start">
        <TextInput
          type="datetime-local"
          label="From"
          value={slot.from}
          onChange={(e) => setSlot((w) => ({ ...w, from: e.currentTarget.value }))}
          withAsterisk
          data-autofocus
        />
        <TextInput
          type="datetime-local"
          label="Until"
          value={slot.until}
          onChange={(e) => setSlot((w) => ({ ...w, until: e.currentTarget.value }))}
          withAsterisk
        />
      </Group>
      <TextInput
        type="tel"
        label="Phone"
        description="Leave empty to call the number on record"
        value={phone}
        onChange={(e) => setPhone(e.currentTarget.value)}
        autoComplete="off"
      />
    </ActionModal>
  );
}
