import type { ContactSubmission } from '../../../domain/contact-input.ts';
import type { Channel } from '../../../domain/vocabulary.ts';
import { claimsFor, type CustomerProfile } from '../demo-script.ts';

/**
 * Shorthand for writing a story customer's contacts by hand. Transcripts are lists of lines:
 * a header saying who called whom, then "Agent: …" / "Customer: …" turns.
 */
export function storyContacts(profile: CustomerProfile) {
  const contact = (
    channel: Channel,
    direction: 'inbound' | 'outbound',
    at: Date,
    text: string,
    subject?: string,
  ): ContactSubmission => ({
    channel,
    direction,
    occurredAt: at,
    subject,
    customer: claimsFor(profile, channel),
    text,
  });
  return {
    call: (direction: 'inbound' | 'outbound', at: Date, subject: string, lines: string[]) =>
      contact('phone', direction, at, lines.join('\n'), subject),
    chat: (at: Date, subject: string, lines: string[]) => contact('chat', 'inbound', at, lines.join('\n'), subject),
    email: (direction: 'inbound' | 'outbound', at: Date, subject: string, text: string) =>
      contact('email', direction, at, text, subject),
    sms: (direction: 'inbound' | 'outbound', at: Date, text: string) => contact('sms', direction, at, text),
    social: (direction: 'inbound' | 'outbound', at: Date, text: string) => contact('social', direction, at, text),
    forum: (direction: 'inbound' | 'outbound', at: Date, subject: string, text: string) =>
      contact('forum', direction, at, text, subject),
    portal: (at: Date, subject: string, text: string) => contact('portal', 'inbound', at, text, subject),
  };
}

/** A story customer's profile, with the defaults every story customer shares. */
export function storyProfile(profile: Omit<CustomerProfile, 'firstName' | 'mobile'>): CustomerProfile {
  return { ...profile, firstName: profile.name.split(' ')[0]!, mobile: profile.phone?.startsWith('+44 7700') ?? false };
}
