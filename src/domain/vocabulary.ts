/** The words of the domain, as closed sets. Shared by the store, services, API schemas and CLI. */

export const CHANNELS = ['email', 'chat', 'phone', 'sms', 'portal', 'forum', 'social'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Mail no person wrote: recorded, but it never opens a case and is never answered. */
export const AUTOMATED_KINDS = ['auto_reply', 'bounce', 'bulk'] as const;
export type AutomatedKind = (typeof AUTOMATED_KINDS)[number];

export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const ROLES = ['admin', 'supervisor', 'agent', 'analyst', 'customer'] as const;
export type Role = (typeof ROLES)[number];

export const CASE_STATUSES = ['new', 'open', 'pending', 'solved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

export const IDENTITY_KINDS = ['email', 'phone', 'handle'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

export function isDirection(value: unknown): value is Direction {
  return typeof value === 'string' && (DIRECTIONS as readonly string[]).includes(value);
}
