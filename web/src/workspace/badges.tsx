import { Badge } from '@mantine/core';
import { IconAlertTriangle, IconClock, IconFlame } from '@tabler/icons-react';
import { RelativeTime } from './format';
import type { QueueDue } from './queue-types';
import { DARK_ORANGE } from '../components/readable';

const PRIORITY_COLOR: Record<string, string> = { low: 'gray', normal: 'blue', high: 'orange', urgent: 'red.9' };
const STATUS_COLOR: Record<string, string> = {
  new: 'grape',
  open: 'blue',
  pending: 'yellow',
  solved: 'green',
  closed: 'gray',
};

export function PriorityBadge({ priority }: { priority: string }) {
  return (
    <Badge
      size="sm"
      variant={priority === 'urgent' ? 'filled' : 'light'}
      color={PRIORITY_COLOR[priority] ?? 'gray'}
      c={priority === 'high' ? DARK_ORANGE : undefined}
      leftSection={priority === 'urgent' ? <IconFlame size={12} aria-hidden /> : undefined}
    >
      {priority}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge size="sm" variant="dot" color={STATUS_COLOR[status] ?? 'gray'} c="gray.9">
      {status}
    </Badge>
  );
}

// Dark enough for white (or dark) text at WCAG AA on a small badge.
const DUE_LOOK: Record<QueueDue['state'], { color: string; variant: 'filled' | 'light' }> = {
  breached: { color: 'red.9', variant: 'filled' },
  warning: { color: 'orange', variant: 'light' },
  ok: { color: 'gray', variant: 'light' },
};
const OVERDUE_WORDS = /overdue|breach|missed|late/i;

/** What is due next on a case, coloured by how close it is — and said in words, not colour alone. */
export function DueBadge({ due }: { due: QueueDue }) {
  const Icon = due.state === 'ok' ? IconClock : IconAlertTriangle;
  return (
    <Badge
      size="sm"
      variant={DUE_LOOK[due.state].variant}
      color={DUE_LOOK[due.state].color}
      c={due.state === 'warning' ? DARK_ORANGE : undefined}
      leftSection={<Icon size={12} aria-hidden />}
      maw="100%"
      h="auto"
      py={2}
      style={{ textTransform: 'none', fontWeight: 600, whiteSpace: 'normal' }}
    >
      {due.state === 'breached' && !OVERDUE_WORDS.test(due.label)
        ? 'Overdue: '
        : due.state === 'warning'
          ? 'At risk: '
          : ''}
      {due.label} · <RelativeTime iso={due.at} />
    </Badge>
  );
}
