import type { PortalCase } from '../api/types';

type CaseStatus = PortalCase['status'];

/** A case's status in the words a customer uses, with a colour that only repeats what the words say. */
export const STATUS_WORDS: Record<CaseStatus, { label: string; color: string }> = {
  new: { label: "We've received it", color: 'blue' },
  open: { label: "We're working on it", color: 'blue' },
  pending: { label: 'Waiting for you', color: 'orange' },
  solved: { label: 'Solved', color: 'green' },
  closed: { label: 'Closed', color: 'gray' },
};

const CHANNEL_WORDS: Record<string, string> = {
  email: 'by email',
  chat: 'in chat',
  phone: 'by phone',
  sms: 'by text message',
  portal: 'in the portal',
  forum: 'in the forum',
  social: 'on social media',
};

export const channelWords = (channel: string): string => CHANNEL_WORDS[channel] ?? `by ${channel}`;

const dateTime = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));
export const formatDate = (iso: string): string => dateOnly.format(new Date(iso));
export const formatTime = (iso: string): string => timeOnly.format(new Date(iso));

/** "just now", "5 minutes ago", "yesterday", or the date: how long since something happened. */
export function sinceWords(iso: string, now = Date.now()): string {
  const minutes = Math.round((now - new Date(iso).getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.round(hours / 24);
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  return `on ${formatDate(iso)}`;
}

/** "between 14:00 and 15:00 on 3 Mar" (or across days when the window spans midnight). */
export function windowWords(start: string, end: string): string {
  const a = new Date(start);
  const b = new Date(end);
  if (a.toDateString() === b.toDateString())
    return `between ${formatTime(start)} and ${formatTime(end)} on ${formatDate(start)}`;
  return `between ${formatDateTime(start)} and ${formatDateTime(end)}`;
}
