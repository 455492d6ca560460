import type { ContactSubmission } from '../../domain/contact-input.ts';
import type { Channel } from '../../domain/vocabulary.ts';
import { claimsFor, type CustomerProfile } from './demo-script.ts';
import type { DemoRandom } from './random.ts';

/**
 * Turns what was said into contacts as each channel records them: emails with a greeting and
 * a signature, call and chat transcripts with "Agent:" and "Customer:" speaker labels, short
 * texts, public posts.
 */
export interface Voice {
  profile: CustomerProfile;
  random: DemoRandom;
  /** The subject of the matter, as the customer first put it. */
  subject: string;
}

export interface Speaker {
  name: string;
  team: string;
}

/** What the customer says: the full story, and the same in one line. */
export interface Saying {
  long: string;
  short: string;
}

export const firstName = (name: string): string => name.split(' ')[0]!;
const firstSentence = (text: string): string => text.match(/^.*?[.!?](\s|$)/)?.[0].trim() ?? text;

/** The customer writes to or posts about Lumen: email, portal, text, forum or social. */
export function customerWrites(
  voice: Voice,
  channel: Channel,
  saying: Saying,
  at: Date,
  replying: boolean,
): ContactSubmission {
  const { profile, random } = voice;
  const base = { channel, direction: 'inbound', occurredAt: at, customer: claimsFor(profile, channel) };
  switch (channel) {
    case 'email':
      return {
        ...base,
        subject: replying ? `Re: ${voice.subject}` : voice.subject,
        text: `${random.pick(['Hello,', 'Hi,', 'Dear Lumen,', 'Hi there,'])}\n\n${saying.long}\n\n${random.pick(['Thanks,', 'Regards,', 'Kind regards,', 'Cheers,'])}\n${profile.firstName}`,
      };
    case 'portal':
      return { ...base, subject: voice.subject, text: `Sent from My Lumen > Help > Contact us\n\n${saying.long}` };
    case 'forum':
      return {
        ...base,
        subject: voice.subject,
        text: `${saying.long}\n\n${random.pick(['Has anyone else had this?', 'Any ideas?', 'Is it just me?'])}`,
      };
    case 'social':
      return { ...base, text: `@LumenMobile ${saying.short}` };
    default:
      return { ...base, text: saying.short };
  }
}

/** An agent answers in writing, on the channel the customer used (or by email for the portal). */
export function agentWrites(voice: Voice, channel: Channel, agent: Speaker, text: string, at: Date): ContactSubmission {
  const { profile } = voice;
  const replyChannel: Channel = channel === 'portal' || channel === 'chat' || channel === 'phone' ? 'email' : channel;
  const base = {
    channel: replyChannel,
    direction: 'outbound',
    occurredAt: at,
    customer: claimsFor(profile, replyChannel),
  };
  switch (replyChannel) {
    case 'email':
      return {
        ...base,
        subject: `Re: ${voice.subject}`,
        text: `Dear ${profile.firstName},\n\n${text}\n\nIf anything is still not right, just reply to this email and it will come back to me.\n\nKind regards,\n${agent.name}\nLumen Mobile, ${agent.team}`,
      };
    case 'forum':
      return {
        ...base,
        subject: `Re: ${voice.subject}`,
        text: `Hi ${profile.firstName}, ${text}\n\n${agent.name}, Lumen Community Team`,
      };
    case 'social':
      return {
        ...base,
        text: `${profile.handle ?? ''} Thanks for your patience, ${profile.firstName}. ${firstSentence(text)} ^${initials(agent.name)}`.trim(),
      };
    default:
      return {
        ...base,
        text: `Lumen Mobile: Hi ${profile.firstName}. ${firstSentence(text)} Reply to this text if you need us.`,
      };
  }
}

/** A call or chat, from the first word to the last, as one transcript. */
export function conversation(
  voice: Voice,
  channel: 'phone' | 'chat',
  direction: 'inbound' | 'outbound',
  agent: Speaker,
  turns: { opening: Saying; answer: string; reaction: string },
  at: Date,
): ContactSubmission {
  const { profile, random } = voice;
  const me = firstName(agent.name);
  const minutes = random.int(3, 24);
  const lines: string[] = [];
  if (channel === 'phone') {
    lines.push(
      direction === 'inbound'
        ? `Inbound call, ${minutes} min ${random.int(0, 59)} s, answered by ${agent.name} (${agent.team}).`
        : `Outbound call, ${minutes} min ${random.int(0, 59)} s, made by ${agent.name} (${agent.team}).`,
    );
    if (direction === 'inbound') {
      lines.push(
        `Agent: Thank you for calling Lumen Mobile, you're through to ${me}. How can I help?`,
        `Customer: ${turns.opening.long}`,
      );
      lines.push(
        `Agent: I can look into that. For security, can I take your full name and ${profile.address ? 'the first line of your address' : 'the email address on the account'}?`,
      );
      lines.push(`Customer: ${profile.name}, ${profile.address?.line1 ?? profile.email ?? profile.phone}.`);
      lines.push(`Agent: Thank you, that's all confirmed. ${turns.answer}`);
    } else {
      lines.push(
        `Agent: Hello, is that ${profile.firstName}? It's ${me} from Lumen Mobile, calling about ${lowerFirst(voice.subject)}.`,
      );
      lines.push(`Customer: Yes, speaking.`, `Agent: ${turns.answer}`);
    }
    lines.push(
      `Customer: ${turns.reaction}`,
      `Agent: Is there anything else I can help with today?`,
      `Customer: No, that's everything.`,
    );
  } else {
    lines.push(
      `Chat started from the ${random.pick(['Lumen app', 'Lumen website', 'My Lumen account page'])}, answered by ${agent.name} (${agent.team}).`,
    );
    lines.push(`Customer: ${random.pick(['Hi!', 'Hello!', 'Hi there!'])} ${turns.opening.short}`);
    lines.push(`Agent: Hi ${profile.firstName}, thanks for getting in touch. Let me take a look at your account.`);
    lines.push(`Customer: ${turns.opening.long}`, `Agent: ${turns.answer}`, `Customer: ${turns.reaction}`);
    lines.push(`Chat ended after ${minutes} minutes.`);
  }
  return {
    channel,
    direction,
    occurredAt: at,
    subject: channel === 'phone' ? `Call: ${voice.subject}` : `Chat: ${voice.subject}`,
    customer: claimsFor(profile, channel),
    text: lines.join('\n'),
  };
}

const initials = (name: string): string =>
  name
    .split(' ')
    .map((part) => part[0])
    .join('');

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
