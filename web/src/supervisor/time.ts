/** A span of time in the words a supervisor reads at a glance: "45 s", "12 min", "2 h 5 min", "1 d 4 h", "3 d". */
export function formatSpan(ms: number): string {
  const seconds = Math.max(0, Math.round(Math.abs(ms) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  // Past two days the hours are noise.
  return days < 2 && hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndClock = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** A time of day, with the day when it is not today. */
export function formatWhen(iso: string, now = Date.now()): string {
  const date = new Date(iso);
  return new Date(now).toDateString() === date.toDateString() ? clock.format(date) : dayAndClock.format(date);
}

export function formatClock(ms: number): string {
  return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(
    new Date(ms),
  );
}
