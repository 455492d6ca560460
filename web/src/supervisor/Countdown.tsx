import { Text } from '@mantine/core';
import { formatSpan, formatWhen } from './time';

/** Under this, a deadline is as urgent as a missed one. */
const URGENT_MS = 5 * 60_000;

/** Time left until a deadline, red when it has passed or is minutes away; the words say which. */
export function Countdown({ deadline, now }: { deadline: string; now: number }) {
  const left = new Date(deadline).getTime() - now;
  const urgent = left < URGENT_MS;
  return (
    <div>
      <Text size="sm" fw={urgent ? 700 : 500} c={urgent ? 'red.8' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {left < 0 ? `${formatSpan(left)} overdue` : `in ${formatSpan(left)}`}
      </Text>
      <Text size="xs" c="dimmed" component="time" dateTime={deadline} style={{ whiteSpace: 'nowrap' }}>
        {formatWhen(deadline, now)}
      </Text>
    </div>
  );
}
