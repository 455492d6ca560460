import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState, type FormEvent } from 'react';
import { FailedAction } from '../components/states';
import { useBookCallback } from './portal-api';
import { windowWords } from './words';

// The limits the server keeps: said here first, so the customer is not sent back with an error.
const MIN_WINDOW_MS = 5 * 60_000;
const MAX_WINDOW_MS = 4 * 60 * 60_000;
const FURTHEST_AHEAD_MS = 30 * 24 * 60 * 60_000;

const pad = (n: number) => String(n).padStart(2, '0');
/** A date as a datetime-local input shows it: local time, to the minute. */
const toLocalInput = (date: Date) =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;

/** The next full hour and the hour after it: a sensible window to start from. */
function defaultWindow(): { from: string; until: string } {
  const start = new Date();
  start.setMinutes(0, 0, 0);
  start.setHours(start.getHours() + 1);
  const end = new Date(start.getTime() + 60 * 60_000);
  return { from: toLocalInput(start), until: toLocalInput(end) };
}

function windowProblem(from: string, until: string): string | null {
  const start = new Date(from).getTime();
  const end = new Date(until).getTime();
  if (Number.isNaN(start) || Number.isNaN(end)) return 'Choose when we may call you: a start and an end.';
  if (start < Date.now() - 60_000) return 'The start of the window has passed; choose a later time.';
  if (end <= start) return '“Until” must be after “From”.';
  if (end - start < MIN_WINDOW_MS) return 'Give us a window of at least 5 minutes.';
  if (end - start > MAX_WINDOW_MS) return 'Choose a window of at most 4 hours.';
  if (start > Date.now() + FURTHEST_AHEAD_MS) return 'Choose a time within the next 30 days.';
  return null;
}

/** Asking to be called back in a window of the customer's choosing. */
export function CallbackModal({ caseId, opened, onClose }: { caseId: string; opened: boolean; onClose: () => void }) {
  const book = useBookCallback(caseId);
  const [slot, setSlot] = useState(defaultWindow);
  const [phone, setPhone] = useState('');
  const [tried, setTried] = useState(false);
  const booking = useRef(false);
  const problem = windowProblem(slot.from, slot.until);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (problem || booking.current) return;
    booking.current = true;
    const windowStart = new Date(slot.from).toISOString();
    const windowEnd = new Date(slot.until).toISOString();
    try {
      await book.mutateAsync({ windowStart, windowEnd, ...(phone.trim() ? { phone: phone.trim() } : {}) });
      notifications.show({
        color: 'green',
        title: 'Callback booked',
        message: `We'll call you ${windowWords(windowStart, windowEnd)}.`,
      });
      close();
    } catch {
      // Shown in the dialog from the mutation's error.
    } finally {
      booking.current = false;
    }
  }

  function close() {
    book.reset();
    setTried(false);
    setSlot(defaultWindow());
    setPhone('');
    onClose();
  }

  return (
    <Modal opened={opened} onClose={close} title="Book a callback" radius="lg" size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Choose when suits you and we'll call you then about this request.
          </Text>
          <Group grow align="flex-start">
            <TextInput
              type="datetime-local"
              label="From"
              required
              value={slot.from}
              onChange={(e) => setSlot({ ...slot, from: e.currentTarget.value })}
              data-autofocus
            />
            <TextInput
              type="datetime-local"
              label="Until"
              required
              value={slot.until}
              onChange={(e) => setSlot({ ...slot, until: e.currentTarget.value })}
            />
          </Group>
          <TextInput
            type="tel"
            label="Phone (optional)"
            description="Leave empty to be called on the number we have for you."
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            autoComplete="tel"
            maxLength={40}
          />
          {tried && problem ? (
            <Alert color="red" variant="light" role="alert">
              {problem}
            </Alert>
          ) : null}
          {book.isError ? <FailedAction title="The callback was not booked" error={book.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={book.isPending}>
              Book callback
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
