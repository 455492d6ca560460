import type { Channel } from '../../domain/vocabulary.ts';
import type { TeamKey } from './demo-people.ts';
import { ACCOUNT_TOPICS } from './topics/account-topics.ts';
import { ORDER_TOPICS } from './topics/order-topics.ts';
import { SERVICE_TOPICS } from './topics/service-topics.ts';

/**
 * What a mobile operator's customers get in touch about, in their words and in the agents'.
 * Each variant is one coherent matter from the first message to the fix. Placeholders in
 * braces ({amount}, {country}, {device}, {network}, {date}, {month}) are filled per customer
 * so that no two timelines read the same.
 */
export interface TopicVariant {
  subject: string;
  /** The customer describing the problem, first person. */
  problem: string;
  /** The same in one line, for a text message or a post. */
  short: string;
  /** What the agent found and did. */
  answer: string;
  /** How it ended, when it was solved. */
  resolution: string;
  /** What staff wrote to each other about it. */
  note: string;
}

export interface Topic {
  key: string;
  team: TeamKey;
  /** How common the topic is, relative to the others. */
  weight: number;
  /** Where customers tend to raise it. */
  channels: readonly (readonly [Channel, number])[];
  variants: readonly TopicVariant[];
  /** Chance that the case is raised to high priority. */
  urgency: number;
}

export const TOPICS: readonly Topic[] = [...ACCOUNT_TOPICS, ...SERVICE_TOPICS, ...ORDER_TOPICS];

export { LAUNCH_TOPIC } from './topics/order-topics.ts';
