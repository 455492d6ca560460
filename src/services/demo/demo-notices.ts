import type { ContactSubmission } from '../../domain/contact-input.ts';
import { claimsFor, type CustomerProfile } from './demo-script.ts';
import { daysBefore, formatDay, formatMonth, money } from './demo-time.ts';
import type { DemoRandom } from './random.ts';

/**
 * The everyday traffic that belongs to no case: bills, travel texts, surveys, offers and the
 * odd sales call from the outsourced contact centre. It makes a timeline look lived in.
 */
export function routineNotices(
  profile: CustomerProfile,
  random: DemoRandom,
  now: Date,
  horizonDays: number,
): ContactSubmission[] {
  const notices: ContactSubmission[] = [];
  const bySms = profile.mobile;
  const channel = bySms ? 'sms' : 'email';
  const send = (at: Date, subject: string | undefined, text: string, via: 'sms' | 'email' = channel) =>
    notices.push({
      channel: via,
      direction: 'outbound',
      occurredAt: at,
      subject: via === 'email' ? subject : undefined,
      customer: claimsFor(profile, via),
      text,
    });

  // A bill notice each month, on the customer's billing day.
  const billingDay = random.int(1, 28);
  for (let month = 0; month * 30 < horizonDays - 5; month++) {
    if (!random.chance(0.7)) continue;
    const at = atHour(daysBefore(now, month * 30 + ((billingDay + month) % 27) + 1), 9, random);
    const amount = money(random.int(1800, 6500));
    send(
      at,
      `Your Lumen Mobile bill for ${formatMonth(at)}`,
      bySms
        ? `Lumen Mobile: your bill for ${formatMonth(at)} is ${amount}. We'll collect it by Direct Debit on ${formatDay(daysBefore(at, -10))}. Details in the Lumen app.`
        : `Dear ${profile.firstName},\n\nYour bill for ${formatMonth(at)} is ready: ${amount}, to be collected by Direct Debit on ${formatDay(daysBefore(at, -10))}.\n\nYou can see every charge in My Lumen.\n\nLumen Mobile`,
    );
  }
  if (bySms && random.chance(0.18)) {
    const country = random.pick(['Spain', 'France', 'Portugal', 'Italy', 'Greece', 'the United States', 'Turkey']);
    send(
      atHour(daysBefore(now, random.int(2, horizonDays - 2)), 7, random),
      undefined,
      `Lumen Mobile: Welcome to ${country}! Use your allowance like at home for £2.50 a day, charged only on days you use it. Reply STOP to end travel texts.`,
    );
  }
  if (profile.email && random.chance(0.22)) {
    send(
      atHour(daysBefore(now, random.int(2, horizonDays - 2)), 11, random),
      'Your upgrade is ready when you are',
      `Hi ${profile.firstName},\n\nYou can upgrade to a new phone from today and keep your number, your data and your price for the first year.\n\nLumen Mobile\n\nTo stop offers like this, update your preferences in My Lumen.`,
      'email',
    );
  }
  if (profile.phone && random.chance(0.08)) notices.push(salesCall(profile, random, now, horizonDays));
  return notices;
}

/** The first message a new customer gets: every demo customer has at least this one contact. */
export function welcomeNotice(
  profile: CustomerProfile,
  random: DemoRandom,
  now: Date,
  horizonDays: number,
): ContactSubmission {
  const via = profile.mobile ? 'sms' : profile.email ? 'email' : 'phone';
  const at = atHour(daysBefore(now, random.int(1, horizonDays - 1)), 10, random);
  const text =
    via === 'phone'
      ? `Outbound call, 2 min 30 s, made by the Lumen welcome team.\nAgent: Hello ${profile.firstName}, welcome to Lumen Mobile. Your account is set up and your first bill will arrive next month.\nCustomer: Great, thank you.`
      : `Welcome to Lumen Mobile, ${profile.firstName}! Your account is ready. Manage your plan, bills and contact preferences any time in My Lumen.`;
  return {
    channel: via,
    direction: 'outbound',
    occurredAt: at,
    subject: via === 'email' ? 'Welcome to Lumen Mobile' : undefined,
    customer: claimsFor(profile, via),
    text,
  };
}

/** After a case is solved: the survey text and, sometimes, the customer's answer. */
export function surveyAfter(
  profile: CustomerProfile,
  random: DemoRandom,
  solvedAt: Date,
  agentName: string,
  now: Date,
): ContactSubmission[] {
  if (!profile.mobile || !random.chance(0.35)) return [];
  const sent = new Date(solvedAt.getTime() + random.int(1, 6) * 3600_000);
  if (sent >= now) return [];
  const survey: ContactSubmission = {
    channel: 'sms',
    direction: 'outbound',
    occurredAt: sent,
    customer: claimsFor(profile, 'sms'),
    text: `Lumen Mobile: how did ${agentName.split(' ')[0]} do with your recent query? Reply with a score from 1 (poor) to 5 (excellent).`,
  };
  const repliedAt = new Date(sent.getTime() + random.int(2, 90) * 60_000);
  if (!random.chance(0.55) || repliedAt >= now) return [survey];
  const answer = random.pick([
    '5',
    '5 - sorted first time, thank you',
    '4',
    '4 quick and friendly',
    '3',
    '2 - took three goes to fix',
    '1. Had to explain everything again every time',
  ]);
  return [
    survey,
    { channel: 'sms', direction: 'inbound', occurredAt: repliedAt, customer: claimsFor(profile, 'sms'), text: answer },
  ];
}

/** An outbound sales call by the vendor's agents, on Lumen's behalf. */
function salesCall(profile: CustomerProfile, random: DemoRandom, now: Date, horizonDays: number): ContactSubmission {
  const caller = random.pick(['Jordan Vale', 'Casey Brook']);
  const reply = random.pick([
    "No thanks, I'm happy with what I have.",
    "I'm at work, I can't talk now.",
    "Please don't call me again about offers. I've said this before.",
    'Can you just email me the details instead?',
  ]);
  return {
    channel: 'phone',
    direction: 'outbound',
    occurredAt: atHour(daysBefore(now, random.int(1, horizonDays - 1)), 17, random),
    subject: 'Call: home broadband offer',
    vendor: 'Brightline',
    customer: claimsFor(profile, 'phone'),
    text: [
      `Outbound call, ${random.int(1, 4)} min ${random.int(0, 59)} s, made by ${caller} (Outbound Sales (Brightline, vendor)) for the fibre broadband campaign.`,
      `Agent: Good evening, is that ${profile.firstName}? I'm calling on behalf of Lumen Mobile with an exclusive offer on fibre broadband for existing customers.`,
      `Customer: ${reply}`,
      `Agent: No problem, thank you for your time.`,
    ].join('\n'),
  };
}

/** A moment on that day, around the given hour. */
function atHour(day: Date, hour: number, random: DemoRandom): Date {
  const at = new Date(day);
  at.setUTCHours(hour + random.int(0, 2), random.int(0, 59), random.int(0, 59), 0);
  return at;
}
