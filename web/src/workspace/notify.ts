import { notifications } from '@mantine/notifications';

/** A short "done" message; its close button is named, which Mantine's is not by default. */
export function notifyDone(message: string): void {
  notifications.show({ color: 'green', message, closeButtonProps: { 'aria-label': 'Dismiss' } });
}
