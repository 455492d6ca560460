/**
 * Service conversations for the analysis benchmark. The dataset generator (generate.ts) gives
 * the contacts their channel, direction, customer and date; the texts come from here, written to
 * exercise every part of the analysis: bills and outages, angry churn threats ("I'm leaving you
 * for giffgaff"), repeat contacts ("third time I call"), "stop calling me", escalations,
 * vulnerable customers, thanks, a negated threat, and personal data the analyst copy must hide
 * (card numbers and IBANs that pass their checks, phone numbers, emails, street addresses) next
 * to numbers it must keep (amounts, order numbers, dates). Seeded (src/analytics/random.ts): the
 * same (seed, count) always gives the same contacts.
 */
import { seededRandom, type Random } from '../src/analytics/random.ts';
import { passesIbanCheck, passesLuhn } from '../src/analytics/redaction.ts';
import { generateContacts, planDataset, type ContactJson } from './generate.ts';

/** `count` contacts in the shape of the API body, with service-conversation texts. */
export function* serviceContacts(seed: number, count: number): Generator<ContactJson> {
  const plan = planDataset({ seed, contacts: count, customers: Math.max(1, Math.round(count / 10)) });
  const random = seededRandom(seed ^ 0x5e7a1c);
  for (const contact of generateContacts(plan)) {
    yield { ...contact, text: conversation(random, contact) };
  }
}

export function serviceTexts(seed: number, count: number): string[] {
  return Array.from(serviceContacts(seed, count), (contact) => contact.text);
}

// ---------------------------------------------------------------------------------------
// Phrases. {slots} are filled per text; each list is one kind of thing customers say.

const PROBLEMS = [
  'My bill this month is {amount} but it is normally {amount2}, what happened?',
  'Why have I been charged a late payment fee when I paid on {date}?',
  'There is a premium rate charge of {amount} on my bill that I never made.',
  'Can you explain the price rise on my {month} bill? Nobody told me about it.',
  'I was billed twice for order {order}.',
  'There has been no signal at all in {town} since {date}.',
  'The broadband keeps dropping every evening, it is unusable for work.',
  'Is there an outage? Calls fail and mobile data is not working in {town}.',
  'My phone says no service since the network work on {date}.',
  'I got a roaming bill of {amount} after a week in {country}, roaming was supposed to be included.',
  'My order {order} still has not arrived and the tracking has not moved for {days} days.',
  'The replacement SIM you sent is not activated yet.',
  'My direct debit failed and now the app says I owe {amount}.',
  'I was promised a refund of {amount} in {month} and it never came.',
  'The engineer did not turn up on {date} and nobody called to say why.',
  'My data allowance was used up in {days} days, I think something is wrong with the meter.',
];
const CONTEXT = [
  'I have been a customer for {days} years.',
  'I restarted the phone and the router twice already.',
  'I checked the app and the status page says everything is fine.',
  'I need this sorted because I work from home.',
  'The account is in my name and I am the bill payer.',
  'I spoke to someone in the shop in {town} and they told me to contact you.',
];
const ANGER = [
  'This is absolutely ridiculous.',
  'Worst customer service I have ever had.',
  'I am furious, this is a disgrace.',
  'Honestly this is a joke, nothing ever works.',
  'I am sick of being lied to.',
];
const CHURN = [
  'If this is not fixed by Friday I am cancelling my contract.',
  "I'm leaving you for {competitor}, send me my PAC code.",
  'I want to cancel my account, I have had enough.',
  'I am seriously thinking of switching provider.',
  'I will be moving to {competitor} as soon as my contract ends.',
];
const REPEATED = [
  'This is the third time I call about this.',
  'I have called you five times this week.',
  'I have already explained this to two of your colleagues.',
  'How many times do I have to ring you about the same thing?',
  'Calling again because nothing happened since last time.',
  'Not the first time this has happened either.',
];
const DO_NOT_CONTACT = [
  'And stop calling me about upgrades.',
  'Please remove my number from your marketing list.',
  'Do not contact me again unless it is about this fault.',
  'Stop texting me offers every day.',
];
const ESCALATION = [
  'I want to speak to a manager.',
  'I am making a formal complaint.',
  'I will report this to Ofcom.',
  'If this carries on I am going to the ombudsman.',
];
const VULNERABLE = [
  'My husband passed away last month and the account is still in his name.',
  'I am disabled and I rely on this line for my alarm.',
  'I lost my job and I cannot afford this bill right now.',
  'My mother is in hospital and I need the phone working to hear from the ward.',
];
const CALM = [
  "I don't want to cancel, I just want it fixed.",
  'Thank you, the agent yesterday was really helpful.',
  'Great service today, the engineer sorted it in ten minutes.',
  'Thanks for the quick reply, much appreciated.',
  'No rush, just let me know when you can.',
];
const REPLIES = [
  'I am sorry for the trouble. I have applied a credit of {amount} to your account.',
  'Thank you for your patience. An engineer will visit on {date} between 8am and 1pm.',
  'I have checked and there is a known fault in {town}; we expect it fixed within {days} hours.',
  'I have cancelled the duplicate charge for order {order}; the refund takes 3-5 working days.',
  'I have raised this with our billing team and will update you by {date}.',
  'Your new SIM is now active, please restart your phone.',
];
const COMPETITORS = ['giffgaff', 'Vodafone', 'EE', 'O2', 'Three', 'Sky Mobile', 'Tesco Mobile', 'Lebara'];
const TOWNS = ['Leeds', 'Bristol', 'Cardiff', 'Glasgow', 'Norwich', 'York', 'Derby', 'Hull', 'Belfast', 'Plymouth'];
const COUNTRIES = ['Spain', 'France', 'Portugal', 'Greece', 'Turkey', 'Morocco', 'the USA'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const STREETS = [
  'Station Road',
  'High Street',
  'Church Lane',
  'Victoria Avenue',
  'Mill Lane',
  'Park Road',
  'Queens Drive',
];

// ---------------------------------------------------------------------------------------

/** One contact's text in the style of its channel. */
function conversation(random: Random, contact: ContactJson): string {
  const r = helpers(random);
  const name = contact.customer.name ?? 'Sam Taylor';
  const fill = (template: string) => template.replace(/\{(\w+)\}/g, (_, slot: string) => r.slot(slot));
  if (contact.direction === 'outbound') {
    const reply = [fill(r.pick(REPLIES))];
    if (r.chance(0.08)) reply.push(`We will call you back on ${phoneNumber(r)}.`);
    return `Hi ${name.split(' ')[0]}, ${reply.join(' ')} Kind regards, Customer Care`;
  }

  // What the customer says, in the order people say it: the problem, how they feel, what they want.
  const problem = r.int(PROBLEMS.length);
  const said: string[] = [fill(PROBLEMS[problem]!)];
  if (r.chance(0.4)) said.push(fill(PROBLEMS[(problem + 1 + r.int(PROBLEMS.length - 1)) % PROBLEMS.length]!));
  if (r.chance(0.5)) said.push(fill(r.pick(CONTEXT)));
  if (r.chance(0.15)) said.push(r.pick(REPEATED));
  if (r.chance(0.25)) said.push(r.pick(ANGER));
  if (r.chance(0.12)) said.push(fill(r.pick(CHURN)));
  if (r.chance(0.08)) said.push(r.pick(ESCALATION));
  if (r.chance(0.04)) said.push(r.pick(DO_NOT_CONTACT));
  if (r.chance(0.03)) said.push(r.pick(VULNERABLE));
  if (r.chance(0.2)) said.push(r.pick(CALM));
  // Personal data, as customers type it when they should not.
  if (r.chance(0.03)) said.push(`My card number is ${cardNumber(r)}, please take the payment.`);
  if (r.chance(0.03)) said.push(`Please refund it to my account, IBAN ${iban(r)}.`);
  if (r.chance(0.1)) said.push(`Call me back on ${phoneNumber(r)}.`);
  if (r.chance(0.08)) said.push(`You can email me at ${contact.customer.email ?? 'sam.taylor@example.com'}.`);
  if (r.chance(0.03)) said.push(`I live at ${1 + r.int(180)} ${r.pick(STREETS)}, ${r.pick(TOWNS)}.`);

  switch (contact.channel) {
    case 'phone':
      return [
        'Agent: Thank you for calling, how can I help?',
        ...said.map((line, i) => (i === 0 ? `Customer: Hi, it's ${name}. ${line}` : `Customer: ${line}`)),
        'Agent: I understand, let me look into that for you.',
        'Customer: Okay, thanks.',
      ].join('\n');
    case 'chat':
      return said.join('\n');
    case 'sms':
    case 'social':
      return said.slice(0, 2).join(' ');
    default:
      return ['Hello,', '', said.join(' '), '', 'Regards,', name].join('\n');
  }
}

function helpers(random: Random) {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const chance = (p: number) => random() < p;
  const digits = (n: number) => Array.from({ length: n }, () => String(int(10))).join('');
  const slot = (name: string): string => {
    switch (name) {
      case 'amount':
      case 'amount2':
        return `£${(5 + int(25_000) / 100).toFixed(2)}`;
      case 'date':
        return `${1 + int(28)} ${pick(MONTHS)}`;
      case 'month':
        return pick(MONTHS);
      case 'order':
        return `ORD-${100_000 + int(900_000)}`;
      case 'days':
        return String(2 + int(12));
      case 'town':
        return pick(TOWNS);
      case 'country':
        return pick(COUNTRIES);
      case 'competitor':
        return pick(COMPETITORS);
      default:
        return name;
    }
  };
  return { int, pick, chance, digits, slot };
}

type Helpers = ReturnType<typeof helpers>;

/** A Visa-style number that passes Luhn, in groups of four. */
function cardNumber(r: Helpers): string {
  const body = `4${r.digits(14)}`;
  const check = [...'0123456789'].find((d) => passesLuhn(body + d))!;
  return (body + check).replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** A UK IBAN that passes the mod-97 check, in groups of four. */
function iban(r: Helpers): string {
  const bban = `${r.pick(['NWBK', 'BARC', 'LOYD', 'HBUK', 'MIDL'])}${r.digits(14)}`;
  for (let check = 2; check <= 98; check++) {
    const candidate = `GB${String(check).padStart(2, '0')}${bban}`;
    if (passesIbanCheck(candidate)) return candidate.replace(/(.{4})(?=.)/g, '$1 ');
  }
  throw new Error(`no IBAN check digits for ${bban}`);
}

/** UK mobile numbers, national or international. */
function phoneNumber(r: Helpers): string {
  const number = `7700 900${r.digits(3)}`;
  return r.chance(0.5) ? `0${number}` : `+44 ${number}`;
}
