import type { ContactSubmission } from '../../domain/contact-input.ts';
import type { CaseStatus, Channel } from '../../domain/vocabulary.ts';
import { agentWrites, conversation, customerWrites, type Saying, type Voice } from './demo-conversations.ts';
import { agentsOf, DEMO_TEAMS, speakerOf, type StaffKey, type TeamKey } from './demo-people.ts';
import { routineNotices, surveyAfter, welcomeNotice } from './demo-notices.ts';
import type { CaseStep, CustomerProfile, CustomerScript, ScriptedCase } from './demo-script.ts';
import { daysBefore, formatDay, formatMonth, hoursAfter, minutesAfter, money, withinHours } from './demo-time.ts';
import { LAUNCH_TOPIC, TOPICS, type Topic } from './demo-topics.ts';
import type { DemoRandom } from './random.ts';

/** How far back a generated history reaches. */
export const HISTORY_DAYS = 120;
/** Matters started longer ago than this were all solved by now. */
const OPEN_MATTER_DAYS = 4;

const COUNTRIES = [
  'Spain',
  'France',
  'Portugal',
  'Italy',
  'Greece',
  'Turkey',
  'the United States',
  'Switzerland',
  'Iceland',
];
const DEVICES = ['Aurora 12', 'Vela S3', 'Orbit Mini', 'Nova 7 Pro', 'Kite 5G', 'Vela Fold'];
const NETWORKS = ['Kestrel Mobile', 'Meridian Telecom', 'Sparrow Mobile'];
const CHASING = [
  'I got in touch about this on {prev} and it is still not sorted.',
  'Following up on {prev}: the problem is still there.',
  'I was told on {prev} someone was looking into this. I have heard nothing since.',
];
/** What an agent can say before the matter is fixed: first time, and when the customer is back. */
const HOLDING_FIRST = [
  'Thank you for getting in touch. I have passed this to the specialist team and will update you within two working days.',
  'I need to check this with another team. I have logged it and you will hear from us within 48 hours.',
];
const HOLDING_AGAIN = [
  'I am sorry this is still not sorted. I can see your earlier messages and I am chasing it now.',
  'I have raised this again with the team that handles it and will come back to you as soon as I hear from them.',
];
const FED_UP = [
  'This is the {nth} time I have contacted you about this, and every time I have to explain it all again from the start.',
  'I have spent hours on this since {first}. Nobody calls back when they say they will.',
];
const CHURN = [
  ' If this is not fixed this week I will take my number to another network.',
  ' Honestly, I am ready to cancel.',
  '',
];
const THANKS = [
  'Great, thank you for sorting that.',
  'Brilliant, thanks for your help.',
  'OK, that makes sense. Thanks.',
];
const DOUBTS = [
  'Fine. I hope it actually works this time.',
  'I have heard that before.',
  'OK. Please make sure someone calls me back.',
];
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];
/** When customers get in touch, and when Lumen's lines and inboxes are staffed. */
const CUSTOMER_HOURS = [7, 22] as const;
const AGENT_HOURS = [8, 20] as const;

export interface JourneySettings {
  random: DemoRandom;
  now: Date;
  /** When the Aurora X went on sale (the launch-day story); some customers were caught up in it. */
  launchDay: Date;
}

/** One generated customer's months with Lumen: a few matters, the longer ones cases, plus routine traffic. */
export function customerJourney(settings: JourneySettings, profile: CustomerProfile): CustomerScript {
  const { random, now } = settings;
  const script: CustomerScript = { profile, contacts: [], cases: [] };
  const matters = random.weighted([
    [0, 15],
    [1, 52],
    [2, 27],
    [3, 6],
  ] as const);
  for (let i = 0; i < matters; i++) {
    const launch = i === 0 && random.chance(0.05);
    const topic = launch ? LAUNCH_TOPIC : random.weighted(TOPICS.map((t) => [t, t.weight] as const));
    const start = launch
      ? minutesAfter(settings.launchDay, random.int(5, 14 * 60))
      : hoursAfter(daysBefore(now, random.int(1, HISTORY_DAYS - 2)), random.int(-10, 10));
    playMatter(settings, script, topic, start);
  }
  script.contacts.push(...routineNotices(profile, random, now, HISTORY_DAYS));
  if (script.contacts.length === 0) script.contacts.push(welcomeNotice(profile, random, now, HISTORY_DAYS));
  return script;
}

/** A matter: the customer raises it, perhaps chases it, and it is solved or still open today. */
function playMatter(settings: JourneySettings, script: CustomerScript, topic: Topic, start: Date): void {
  const { random, now } = settings;
  const { profile } = script;
  const variant = random.pick(topic.variants);
  const vars = topicVars(random, start);
  const fill = (text: string) => fillTopicText(text, vars);
  const saying: Saying = { long: fill(variant.problem), short: fill(variant.short) };
  const voice: Voice = { profile, random, subject: fill(variant.subject) };
  const team = ['North', 'North West'].includes(profile.region ?? '') && random.chance(0.6) ? 'north' : topic.team;
  const owner = random.pick(agentsOf(team));
  const speaker = speakerOf(owner);
  const rounds = random.weighted([
    [1, 42],
    [2, 36],
    [3, 16],
    [4, 6],
  ] as const);
  // A service desk that works clears its old matters: only recent ones may still be unsolved today.
  const ageDays = (now.getTime() - start.getTime()) / 86_400_000;
  const willSolve = ageDays > OPEN_MATTER_DAYS || random.chance(0.85);

  const first = script.contacts.length;
  const times: Date[] = [];
  const add = (contact: ContactSubmission) => {
    script.contacts.push(contact);
    times.push(contact.occurredAt as Date);
  };
  let at = withinHours(start, CUSTOMER_HOURS, random);
  let askedAt = at;
  let finished = false;
  let recaps = 0;
  for (let round = 0; round < rounds && at < now; round++) {
    const channel =
      round > 0 && random.chance(0.5) ? lastChannelUsed(script, first) : channelFor(random, topic, profile);
    const said = round === 0 ? saying : chase(random, saying, round, times[0]!, askedAt);
    const last = round === rounds - 1;
    // Until the round that fixes it the agent can only promise to look into it.
    const answer = last && willSolve ? fill(variant.answer) : random.pick(round === 0 ? HOLDING_FIRST : HOLDING_AGAIN);
    if (channel === 'phone' || channel === 'chat') {
      at = withinHours(at, AGENT_HOURS, random);
      if (at >= now) break;
      add(
        conversation(
          voice,
          channel,
          'inbound',
          speaker,
          { opening: said, answer, reaction: random.pick(last && willSolve ? THANKS : DOUBTS) },
          at,
        ),
      );
      // What was said goes in writing too: the customer has it, and the case has its answer on record.
      const recapAt = minutesAfter(at, random.int(5, 40));
      if (recapAt < now && random.chance(0.8)) {
        const via = profile.mobile && random.chance(0.5) ? 'sms' : 'email';
        add(
          agentWrites(
            voice,
            via,
            speaker,
            `Following up on our ${channel === 'phone' ? 'call' : 'chat'}: ${answer}`,
            recapAt,
          ),
        );
        recaps++;
      }
    } else {
      add(customerWrites(voice, channel, said, at, round > 0));
      const replyAt = withinHours(hoursAfter(at, random.int(1, 26)), AGENT_HOURS, random);
      if (replyAt < now) add(agentWrites(voice, channel, speaker, answer, replyAt));
    }
    askedAt = at;
    finished = last;
    // The customer comes back a day or more after the last word, theirs or ours.
    at = withinHours(hoursAfter(times[times.length - 1] ?? at, random.int(20, 6 * 24)), CUSTOMER_HOURS, random);
  }

  let solvedAt: Date | null = null;
  at = withinHours(at, AGENT_HOURS, random);
  if (willSolve && (!finished || at >= now) && ageDays > OPEN_MATTER_DAYS && times.length > 0) {
    // An older matter still running today was put right soon after the last word instead.
    at = withinHours(hoursAfter(times[times.length - 1]!, random.int(2, 30)), AGENT_HOURS, random);
    finished = true;
  }
  if (finished && willSolve && at < now) {
    solvedAt = at;
    const resolution = `Good news: ${lowerFirst(fill(variant.resolution))} Thank you for your patience.`;
    if (profile.phone && random.chance(0.3)) {
      add(
        conversation(
          voice,
          'phone',
          'outbound',
          speaker,
          { opening: saying, answer: resolution, reaction: random.pick(THANKS) },
          at,
        ),
      );
    } else {
      add(agentWrites(voice, profile.mobile && random.chance(0.4) ? 'sms' : 'email', speaker, resolution, at));
    }
    script.contacts.push(...surveyAfter(profile, random, at, speaker.name, now));
  }

  // Quick questions are answered without a case; the longer a matter runs, the likelier it became one.
  const count = times.length;
  // Written follow-ups of calls and chats are not the customer coming back: they do not count here.
  const spoken = count - recaps;
  if (count === 0 || !random.chance(spoken >= 3 ? 0.55 : spoken === 2 ? 0.25 : 0.05)) return;
  const mine = script.contacts.slice(first, first + count);
  script.cases.push(
    casePlan(random, now, topic, voice.subject, team, owner, {
      contacts: Array.from({ length: count }, (_, i) => first + i),
      // Phone calls and chats are answered as they happen; written contacts by a reply.
      answers: mine
        .filter((c) => c.direction === 'outbound' || c.channel === 'phone' || c.channel === 'chat')
        .map((c) => c.occurredAt as Date),
      comebacks: mine
        .slice(1)
        .filter((c) => c.direction === 'inbound')
        .map((c) => c.occurredAt as Date),
      firstAt: times[0]!,
      lastAt: times[count - 1]!,
      solvedAt,
      note: fill(variant.note),
    }),
  );
}

/** What staff did on the case: picked it up, noted, sometimes transferred, and where it stands now. */
function casePlan(
  random: DemoRandom,
  now: Date,
  topic: Topic,
  subject: string,
  team: TeamKey,
  owner: StaffKey,
  history: {
    contacts: number[];
    answers: Date[];
    comebacks: Date[];
    firstAt: Date;
    lastAt: Date;
    solvedAt: Date | null;
    note: string;
  },
): ScriptedCase {
  const openedAt = notAfter(now, minutesAfter(history.firstAt, random.int(2, 40)));
  // A fresh case may still sit in its team's queue with nobody on it yet.
  const queued =
    history.solvedAt === null && now.getTime() - history.firstAt.getTime() < 86_400_000 && random.chance(0.5);
  const plan: ScriptedCase = {
    subject,
    team,
    owner: queued ? null : owner,
    priority: random.chance(topic.urgency) ? 'high' : random.chance(0.15) ? 'low' : 'normal',
    openedAt,
    openedBy: queued ? 'supervisor' : owner,
    contacts: history.contacts,
    steps: [],
  };
  if (queued) return plan;
  const span = Math.max(history.lastAt.getTime(), openedAt.getTime()) - openedAt.getTime();
  const midway = new Date(openedAt.getTime() + span * random.next());
  let holder = owner;
  if (random.chance(0.3)) plan.steps.push({ at: minutesAfter(midway, 1), by: holder, note: history.note });
  if (random.chance(0.1)) {
    const other = random.pick((Object.keys(DEMO_TEAMS) as TeamKey[]).filter((t) => t !== team && t !== 'outbound'));
    const receiver = random.pick(agentsOf(other));
    plan.steps.push({
      at: minutesAfter(midway, 5),
      by: holder,
      owner: receiver,
      team: other,
      note: `Passing to ${DEMO_TEAMS[other].name}: this needs their systems. Customer has been told who will pick it up.`,
    });
    holder = receiver;
  }
  if (history.contacts.length >= 4 && plan.priority !== 'high')
    plan.steps.push({ at: minutesAfter(history.lastAt, 2), by: holder, priority: 'high' });
  // Answered and waiting on the customer until they come back: the SLA clocks pause meanwhile.
  const lastComeback = history.comebacks[history.comebacks.length - 1];
  for (const answer of history.answers) {
    if (lastComeback && answer < lastComeback)
      plan.steps.push({ at: minutesAfter(answer, 30), by: holder, status: 'pending' });
  }
  for (const comeback of history.comebacks)
    plan.steps.push({ at: minutesAfter(comeback, 1), by: holder, status: 'open' });
  plan.steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  // Whoever holds the case at the time acts on it: the receiver once it was passed on.
  const passed = plan.steps.find((s) => s.owner !== undefined);
  for (const step of plan.steps) {
    if (passed && step.status && step.at > passed.at) step.by = passed.owner ?? step.by;
    else if (step.status) step.by = owner;
  }
  // Unsolved: waiting on the customer when we spoke last, ours to answer when they did.
  const lastAnswer = history.answers[history.answers.length - 1];
  const ours = lastComeback !== undefined && (lastAnswer === undefined || lastAnswer < lastComeback);
  plan.steps.push(...finalSteps(random, now, holder, history.lastAt, history.solvedAt, ours));
  for (const step of plan.steps) step.at = notAfter(now, step.at);
  return plan;
}

function finalSteps(
  random: DemoRandom,
  now: Date,
  holder: StaffKey,
  lastAt: Date,
  solvedAt: Date | null,
  ours: boolean,
): CaseStep[] {
  if (solvedAt) {
    const solved: CaseStep = { at: minutesAfter(solvedAt, 3), by: holder, status: 'solved' };
    const closeAt = hoursAfter(solvedAt, random.int(3, 7) * 24);
    return closeAt < now && random.chance(0.7) ? [solved, { at: closeAt, by: holder, status: 'closed' }] : [solved];
  }
  const status: CaseStatus = ours ? 'open' : 'pending';
  return [{ at: minutesAfter(lastAt, random.int(5, 50)), by: holder, status }];
}

/** Work done moments after the last contact may not reach beyond the present. */
const notAfter = (now: Date, at: Date): Date => (at < now ? at : minutesAfter(now, -1));

function chase(random: DemoRandom, saying: Saying, round: number, firstAt: Date, askedAt: Date): Saying {
  const line = round === 1 ? random.pick(CHASING) : random.pick(FED_UP) + random.pick(CHURN);
  const words = line
    .replace('{prev}', formatDay(askedAt))
    .replace('{first}', formatDay(firstAt))
    .replace('{nth}', ORDINALS[round] ?? 'umpteenth');
  return { long: `${words} ${saying.long}`, short: `${words.split('.')[0]}. ${saying.short}` };
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

/** A channel this customer can use for this topic: texts need a mobile, posts need a handle. */
function channelFor(random: DemoRandom, topic: Topic, profile: CustomerProfile): Channel {
  const usable = topic.channels.filter(([channel]) => {
    if (channel === 'sms') return profile.mobile;
    if (channel === 'social' || channel === 'forum') return profile.handle !== null;
    if (channel === 'phone') return profile.phone !== null;
    return true;
  });
  return usable.length > 0 ? random.weighted(usable) : 'email';
}

/** Customers tend to chase on the channel they used last. */
function lastChannelUsed(script: CustomerScript, from: number): Channel {
  for (let i = script.contacts.length - 1; i >= from; i--) {
    const contact = script.contacts[i]!;
    if (contact.direction === 'inbound') return contact.channel as Channel;
  }
  return 'email';
}

/** A topic's wording with its placeholders ({amount}, {country}, …) filled in; an unknown one stays as written. */
export const fillTopicText = (text: string, vars: Record<string, string>): string =>
  text.replace(/\{(\w+)\}/g, (_, key: string) => vars[key] ?? `{${key}}`);

export function topicVars(random: DemoRandom, start: Date): Record<string, string> {
  return {
    amount: money(random.int(2500, 38000)),
    country: random.pick(COUNTRIES),
    device: random.pick(DEVICES),
    network: random.pick(NETWORKS),
    date: formatDay(daysBefore(start, random.int(2, 12))),
    month: formatMonth(daysBefore(start, 20)),
  };
}
