/**
 * Reproducible benchmark data: customers of a mobile operator and the contacts they have on
 * every channel. Everything comes from a seeded PRNG, so the same (seed, contacts, customers)
 * always gives byte-identical rows.
 *
 * Shape of a dataset:
 *  - `customers` customers, each with an email, a phone number and a social handle;
 *  - the first `customers` rows are each customer's first contact and carry all three
 *    identities (so every later contact, whatever identity it carries, finds the same
 *    customer and the dataset has exactly `customers` customers);
 *  - a few "heavy" customers (≈0.2 %) have 200+ contacts each (for the timeline test); the
 *    rest is spread over everybody with a long-tailed distribution;
 *  - later rows come in shuffled order, each carrying the identity its channel would carry
 *    (email for email/chat/portal, phone for phone/sms, handle for forum/social).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** The POST /api/v1/contacts body; also one line of an import file. */
export interface ContactJson {
  channel: Channel;
  direction: 'inbound' | 'outbound';
  occurredAt: string;
  externalId: string;
  customer: { email?: string; phone?: string; handle?: string; name?: string };
  subject?: string;
  text: string;
}

export type Channel = 'email' | 'chat' | 'phone' | 'sms' | 'portal' | 'forum' | 'social';

// ---------------------------------------------------------------------------------------
// PRNG

/** mulberry32: small, fast, good enough for test data, and the same on every platform. */
export function createPrng(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const chance = (p: number): boolean => next() < p;
  /** Picks by weight: `[[value, weight], ...]`. */
  const weighted = <T>(table: readonly (readonly [T, number])[]): T => {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = next() * total;
    for (const [value, w] of table) {
      r -= w;
      if (r < 0) return value;
    }
    return table[table.length - 1]![0];
  };
  return { next, int, pick, chance, weighted };
}

export type Prng = ReturnType<typeof createPrng>;

/** A seed derived from a base seed and a label, so independent streams stay independent. */
export function deriveSeed(seed: number, label: string): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619);
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------
// Customers

export const FIRST_NAMES = [
  'Olivia',
  'Amelia',
  'Isla',
  'Ava',
  'Mia',
  'Ivy',
  'Lily',
  'Isabella',
  'Rosie',
  'Sophia',
  'Grace',
  'Freya',
  'Emily',
  'Poppy',
  'Ella',
  'Evie',
  'Charlotte',
  'Florence',
  'Priya',
  'Aisha',
  'Fatima',
  'Zara',
  'Maryam',
  'Chloe',
  'Hannah',
  'Sofia',
  'Leah',
  'Anna',
  'Maria',
  'Ewa',
  'Agnieszka',
  'Siobhan',
  'Niamh',
  'Mei',
  'Yuki',
  'Ngozi',
  'Chiara',
  'Ines',
  'Lucia',
  'Kasia',
  'Noah',
  'Oliver',
  'George',
  'Arthur',
  'Muhammad',
  'Leo',
  'Harry',
  'Oscar',
  'Archie',
  'Henry',
  'Theodore',
  'Freddie',
  'Jack',
  'Charlie',
  'Thomas',
  'James',
  'William',
  'Jacob',
  'Alfie',
  'Joshua',
  'Arjun',
  'Rohan',
  'Omar',
  'Yusuf',
  'Ali',
  'Tomasz',
  'Piotr',
  'Liam',
  'Sean',
  'Connor',
  'Wei',
  'Hiroshi',
  'Chidi',
  'Mateo',
  'Luca',
  'Marco',
  'Diego',
  'Jon',
  'John',
  'David',
  'Michael',
  'Daniel',
  'Samuel',
  'Ben',
  'Adam',
  'Ryan',
  'Kwame',
  'Dmitri',
  'Andrei',
  'Stefan',
] as const;

export const LAST_NAMES = [
  'Smith',
  'Jones',
  'Williams',
  'Taylor',
  'Brown',
  'Davies',
  'Evans',
  'Wilson',
  'Thomas',
  'Johnson',
  'Roberts',
  'Robinson',
  'Thompson',
  'Wright',
  'Walker',
  'White',
  'Edwards',
  'Hughes',
  'Green',
  'Hall',
  'Lewis',
  'Harris',
  'Clarke',
  'Patel',
  'Jackson',
  'Wood',
  'Turner',
  'Martin',
  'Cooper',
  'Hill',
  'Ward',
  'Morris',
  'Moore',
  'Clark',
  'Lee',
  'King',
  'Baker',
  'Harrison',
  'Morgan',
  'Allen',
  'James',
  'Scott',
  'Phillips',
  'Watson',
  'Davis',
  'Parker',
  'Price',
  'Bennett',
  'Young',
  'Griffiths',
  'Mitchell',
  'Kelly',
  'Cook',
  'Carter',
  'Richardson',
  'Bailey',
  'Collins',
  'Bell',
  'Shaw',
  'Murphy',
  'Miller',
  'Cox',
  'Richards',
  'Khan',
  'Marshall',
  'Anderson',
  'Simpson',
  'Ellis',
  'Adams',
  'Singh',
  'Begum',
  'Wilkinson',
  'Foster',
  'Chapman',
  'Powell',
  'Webb',
  'Rogers',
  'Gray',
  'Mason',
  'Ali',
  'Hunt',
  'Hussain',
  'Campbell',
  'Matthews',
  'Owen',
  'Palmer',
  'Holmes',
  'Mills',
  'Barnes',
  'Knight',
  'Lloyd',
  'Butler',
  'Russell',
  'Barker',
  'Fisher',
  'Stevens',
  'Jenkins',
  'Sharma',
  'Nowak',
  'Kowalski',
  'Wiśniewska',
  'Nguyen',
  'Chen',
  'Wang',
  'Okafor',
  'Mensah',
  'Rossi',
  'García',
  'Fernández',
  "O'Brien",
  'McCarthy',
  'Nakamura',
  'Ivanova',
  'Müller',
  'Dubois',
  'Smyth',
  'Kaur',
  'Ahmed',
  'Rahman',
  'Costa',
  'Silva',
] as const;

const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.test', 'inbox.test', 'post.example'] as const;

export interface CustomerProfile {
  index: number;
  name: string;
  email: string;
  phone: string;
  handle: string;
}

/** Customer `index` of a dataset; a pure function of (seed, index). */
export function customerProfile(seed: number, index: number): CustomerProfile {
  const rng = createPrng(deriveSeed(seed, `customer:${index}`));
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const asciiLast = last
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
  const local = `${first.toLowerCase()}.${asciiLast}${index}`;
  // +44 79xx: 8 digits from the index, so every customer's number is different.
  const digits = String(index).padStart(8, '0');
  return {
    index,
    name: `${first} ${last}`,
    email: `${local}@${rng.pick(EMAIL_DOMAINS)}`,
    phone: `+44 79${digits.slice(0, 2)} ${digits.slice(2, 5)} ${digits.slice(5)}`,
    handle: `@${first.toLowerCase()}_${asciiLast}${index}`,
  };
}

/** The phone number as the store keeps it (digits with a leading +). */
export const normalizedPhone = (profile: CustomerProfile): string => profile.phone.replace(/\s/g, '');

// ---------------------------------------------------------------------------------------
// Dataset plan: who has how many contacts

export interface DatasetOptions {
  seed: number;
  contacts: number;
  customers: number;
  /** Customers with many contacts; default ≈0.2 % of customers, at least 3. */
  heavyCustomers?: number;
  /** Contacts of each heavy customer; default 220–320. */
  heavyContacts?: [number, number];
}

export interface DatasetPlan {
  seed: number;
  contacts: number;
  customers: number;
  /** Contacts per customer. */
  counts: Int32Array;
  /** Indexes of the customers with ≥ 200 contacts. */
  heavy: number[];
}

export function planDataset(options: DatasetOptions): DatasetPlan {
  const { seed, contacts, customers } = options;
  if (!Number.isInteger(contacts) || !Number.isInteger(customers) || customers < 1 || contacts < customers) {
    throw new Error(`need whole numbers with contacts (${contacts}) ≥ customers (${customers}) ≥ 1`);
  }
  const rng = createPrng(deriveSeed(seed, 'plan'));
  const counts = new Int32Array(customers).fill(1);
  let left = contacts - customers;
  const [heavyMin, heavyMax] = options.heavyContacts ?? [220, 320];
  let heavyCount = options.heavyCustomers ?? Math.max(3, Math.round(customers * 0.002));
  // Small datasets: no more than half the contacts go to heavy customers.
  heavyCount = Math.min(heavyCount, customers, Math.floor(contacts / 2 / heavyMax));
  const heavy: number[] = [];
  // Heavy customers are spread through the index range (every k-th customer).
  const stride = heavyCount > 0 ? Math.floor(customers / heavyCount) : 0;
  for (let h = 0; h < heavyCount; h++) {
    const index = h * stride + (stride > 1 ? rng.int(stride) : 0);
    const extra = Math.min(left, heavyMin + rng.int(heavyMax - heavyMin + 1) - 1);
    counts[index] = counts[index]! + extra;
    left -= extra;
    heavy.push(index);
  }
  // The rest: long tail. Each contact goes to a customer picked with weight ~ 1/(rank+k),
  // approximated by squaring a uniform variate over a shuffled order of customers.
  const order = new Int32Array(customers);
  for (let i = 0; i < customers; i++) order[i] = i;
  shuffle(order, rng);
  for (; left > 0; left--) {
    const u = rng.next();
    counts[order[Math.floor(u * u * customers)]!]!++;
  }
  return { seed, contacts, customers, counts, heavy: heavy.filter((i) => counts[i]! >= 200) };
}

function shuffle(items: Int32Array, rng: Prng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
}

// ---------------------------------------------------------------------------------------
// Texts

const CHANNEL_WEIGHTS: readonly (readonly [Channel, number])[] = [
  ['email', 30],
  ['chat', 20],
  ['phone', 18],
  ['sms', 9],
  ['portal', 9],
  ['forum', 6],
  ['social', 8],
];

const PLANS = [
  'Unlimited Max',
  'Essential 30GB',
  'Family Share',
  'SIM Only 12 month',
  'Pay As You Go',
  'Business Pro',
  'Student 50GB',
  'Data Plus 100GB',
];
const HANDSETS = [
  'iPhone 15',
  'iPhone 14 Pro',
  'Galaxy S24',
  'Galaxy A54',
  'Pixel 8',
  'Pixel 7a',
  'Moto G84',
  'Xperia 10',
  'Nokia G42',
  'OnePlus 12',
];
const COUNTRIES = [
  'Spain',
  'France',
  'Portugal',
  'Italy',
  'Greece',
  'Turkey',
  'the USA',
  'Canada',
  'Dubai',
  'Thailand',
  'Morocco',
  'Croatia',
  'Germany',
  'Ireland',
  'Poland',
  'Egypt',
];
const TOWNS = [
  'Leeds',
  'Bristol',
  'Manchester',
  'Cardiff',
  'Glasgow',
  'Norwich',
  'Exeter',
  'York',
  'Brighton',
  'Derby',
  'Swansea',
  'Inverness',
  'Belfast',
  'Plymouth',
  'Hull',
  'Reading',
];
const OPERATORS = ['Vodafone', 'EE', 'O2', 'Three', 'Tesco Mobile', 'giffgaff', 'Sky Mobile', 'Lebara'];
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

export type Topic =
  | 'billing'
  | 'roaming'
  | 'sim'
  | 'porting'
  | 'outage'
  | 'cancel'
  | 'upgrade'
  | 'data'
  | 'payment'
  | 'fraud'
  | 'esim'
  | 'voicemail'
  | 'coverage'
  | 'refund';

const TOPIC_WEIGHTS: readonly (readonly [Topic, number])[] = [
  ['billing', 18],
  ['roaming', 9],
  ['sim', 8],
  ['porting', 6],
  ['outage', 10],
  ['cancel', 7],
  ['upgrade', 8],
  ['data', 9],
  ['payment', 7],
  ['fraud', 3],
  ['esim', 4],
  ['voicemail', 2],
  ['coverage', 6],
  ['refund', 5],
];

type Slots = {
  amount: () => string;
  plan: () => string;
  handset: () => string;
  country: () => string;
  town: () => string;
  month: () => string;
  operator: () => string;
  order: () => string;
  gb: () => string;
  days: () => string;
};

const SUBJECTS: Record<Topic, readonly string[]> = {
  billing: [
    'Question about my bill',
    'Bill higher than expected',
    'Wrong charge on my {month} bill',
    'Billing error',
    'Why was I charged {amount}?',
  ],
  roaming: [
    'Roaming charges in {country}',
    'Roaming not working abroad',
    'Travelling to {country} next week',
    'Unexpected roaming bill',
  ],
  sim: ['SIM card not working', 'Replacement SIM', 'SIM blocked - PUK code needed', 'New SIM not activated'],
  porting: [
    'Porting my number from {operator}',
    'PAC code request',
    'Number transfer delayed',
    'Keep my number when switching',
  ],
  outage: ['No signal in {town}', 'Network outage', 'Calls dropping all day', 'No service since this morning'],
  cancel: ['Cancel my contract', 'Cancellation request', 'I want to leave', 'Early termination fee'],
  upgrade: [
    'Upgrade to {handset}',
    'Handset upgrade eligibility',
    'When can I upgrade?',
    'Order {order} not delivered',
  ],
  data: ['Data allowance used up', 'Slow mobile data', 'Data add-on not applied', '5G not working on {handset}'],
  payment: ['Direct debit failed', 'Change payment card', 'Payment not showing', 'Missed payment warning'],
  fraud: [
    'Suspicious text message',
    'I think my account was hacked',
    'Unknown SIM swap on my account',
    'Scam call claiming to be you',
  ],
  esim: ['eSIM activation problem', 'Moving eSIM to new phone', 'eSIM QR code not working'],
  voicemail: ['Voicemail not working', 'Reset voicemail PIN', 'Visual voicemail missing'],
  coverage: ['Poor coverage at home', 'Indoor signal very weak in {town}', 'Coverage checker is wrong'],
  refund: ['Refund still not received', 'Refund request', 'Credit promised on my account'],
};

const INBOUND: Record<Topic, readonly string[]> = {
  billing: [
    'My bill for {month} is {amount} but my plan is {plan} and it should be much less.',
    'I have been charged {amount} for calls I did not make.',
    'There is a charge on my bill I do not recognise, it says premium rate service.',
    'Can you explain why my monthly bill went up? Nobody told me about a price rise.',
    'I was billed twice this month, once on the 1st and again on the 15th.',
    'The itemised bill shows data charges even though I have an unlimited plan.',
    'Please send me a copy of my last three bills, I need them for my expenses.',
  ],
  roaming: [
    'I am in {country} and my phone says no service even though roaming is switched on.',
    'I got a roaming bill of {amount} after a week in {country}, I thought roaming was included in {plan}.',
    'Will my {plan} plan work in {country}? I fly out on {days} days from now.',
    'My data is not working abroad, calls and texts are fine. I have restarted the phone twice.',
    'I received a text saying I reached my roaming data cap of {gb}GB, can you raise it?',
  ],
  sim: [
    'My SIM card stopped working this morning, the phone just says no SIM.',
    'I entered the wrong PIN three times and now it asks for a PUK code.',
    'The replacement SIM arrived but it is not activated yet.',
    'My phone was stolen and I need a new SIM with the same number, please bar the old one.',
    'I need a nano SIM, the one you sent is the wrong size for my {handset}.',
  ],
  porting: [
    'I am moving from {operator} and want to keep my number. Here is my PAC code.',
    'My number port was supposed to happen yesterday but I still have no service.',
    'How do I get a PAC code? I want to port my number to another network.',
    'I texted PAC to 65075 and never got a code back.',
    'The number transfer from {operator} failed, it says the PAC code expired.',
  ],
  outage: [
    'There has been no signal in {town} since this morning, is there an outage?',
    'My calls keep dropping after a few seconds, it has been like this for {days} days.',
    'Is the network down? Nobody in my house can make calls or use data.',
    'Mobile data is extremely slow in {town} city centre in the evenings.',
    'I cannot send texts, they just fail with an error, but calls work.',
  ],
  cancel: [
    'I want to cancel my contract, please tell me what I owe.',
    'How much is the early termination fee if I leave now? My contract ends in {month}.',
    'Please cancel my account, I am moving abroad.',
    'I asked to cancel last month and I am still being charged {amount}.',
    'I want to leave because {operator} offered me a better deal, can you match it?',
  ],
  upgrade: [
    'Am I eligible for an upgrade? I would like the {handset}.',
    'My order {order} for a {handset} has not arrived, the tracking has not changed for {days} days.',
    'The {handset} I received has a cracked screen, I want a replacement.',
    'Can I upgrade early? The battery on my phone is failing.',
    'I upgraded to {plan} but the new allowance is not showing in the app.',
  ],
  data: [
    'I have used my whole data allowance of {gb}GB and it is only the 10th of the month.',
    'Mobile data is really slow, speed tests show less than 1 Mbps.',
    'I bought a data add-on of {gb}GB yesterday and it has not been applied.',
    '5G never shows on my {handset} even in the middle of {town}.',
    'Hotspot tethering stopped working after the last update.',
  ],
  payment: [
    'My direct debit failed because I changed banks, how do I update it?',
    'I paid {amount} by card yesterday but the app still shows the balance as due.',
    'I received a missed payment warning but I paid on time.',
    'Can I change my payment date to the 28th? That is when I get paid.',
    'Please update my card details, the old card expired in {month}.',
  ],
  fraud: [
    'I received a text asking me to verify my account with a link, is this really from you?',
    'Somebody ordered a {handset} on my account and it was not me.',
    'My phone suddenly lost signal and I got an email about a SIM swap I did not request.',
    'A caller said they were from your fraud team and asked for my PIN.',
  ],
  esim: [
    'The eSIM QR code you emailed does not scan on my {handset}.',
    'I am moving my eSIM to a new phone, how do I transfer it?',
    'eSIM activation is stuck on activating for hours.',
  ],
  voicemail: [
    'Voicemail is not picking up calls, they just ring out.',
    'I forgot my voicemail PIN, can you reset it?',
    'Visual voicemail disappeared from my phone after the update.',
  ],
  coverage: [
    'The coverage checker says I have 4G at home in {town} but I have one bar at best.',
    'Indoor signal is very weak, is there anything like wifi calling I can use?',
    'Since the mast work in {town} coverage has been terrible.',
  ],
  refund: [
    'I was promised a refund of {amount} in {month} and I still have not received it.',
    'Please refund the {amount} you took after I cancelled.',
    'The agent said a credit would be applied to my account but I cannot see it.',
  ],
};

const OUTBOUND: Record<Topic, readonly string[]> = {
  billing: [
    'I have checked your account and the extra {amount} is for calls to premium rate numbers; I have added a one-off credit.',
    'Your bill went up because the annual price rise applied in {month}; I have explained the details below.',
    'I have corrected the duplicate charge and the refund of {amount} will show within 5 working days.',
  ],
  roaming: [
    'Roaming in {country} is included in {plan}; please check that data roaming is on in your phone settings.',
    'I have raised your roaming data cap to {gb}GB for the rest of your trip.',
    'The roaming charges of {amount} were for use outside our inclusive zone; as a goodwill gesture I have refunded half.',
  ],
  sim: [
    'Your PUK code has been sent by text to your alternative number.',
    'The replacement SIM is now active; please restart your phone.',
    'I have barred the old SIM and ordered a new one, it should arrive in 1-2 working days.',
  ],
  porting: [
    'Your PAC code is valid for 30 days; the port will complete the next working day after you give it to your new provider.',
    'The port from {operator} was delayed by their systems; it is now complete.',
    'I have requested a new PAC code because the previous one expired.',
  ],
  outage: [
    'There is a known network outage affecting {town}; engineers are on site and expect service back within {days} hours.',
    'I have raised a network fault ticket for your postcode; you will get a text when it is fixed.',
    'The outage in {town} is resolved; please restart your phone if you still have no signal.',
  ],
  cancel: [
    'I am sorry to see you go; your early termination fee would be {amount}.',
    'Your cancellation has been processed and your final bill will be sent in {month}.',
    'Before you go, I can offer you {plan} at a lower monthly price.',
  ],
  upgrade: [
    'You are eligible for an upgrade from {month}; I have reserved the {handset} for you.',
    'I have chased order {order} with the courier; delivery is now expected in {days} days.',
    'I have arranged a replacement {handset}; please return the damaged one with the prepaid label.',
  ],
  data: [
    'Your {gb}GB add-on is now applied; it can take up to an hour to show in the app.',
    'I have reset your network settings remotely; please restart your phone and try again.',
    '5G is available on your plan; please make sure 5G is enabled in the settings of your {handset}.',
  ],
  payment: [
    'Your direct debit has been updated and will be collected on the 28th from next month.',
    'Your payment of {amount} has been received, thank you.',
    'The missed payment warning was sent in error; I have removed the late fee.',
  ],
  fraud: [
    'That message was a phishing scam; please do not click the link. We never ask for your PIN by text.',
    'I have blocked the unauthorised order and passed the case to our fraud team.',
    'For your security I have added a password to your account to prevent SIM swaps.',
  ],
  esim: [
    'I have issued a new eSIM QR code to your email; it is valid for 24 hours.',
    'To move your eSIM, use the transfer option in the app; the old eSIM will stop working.',
  ],
  voicemail: [
    'Your voicemail PIN has been reset to the last four digits of your number.',
    'I have re-provisioned visual voicemail on your line.',
  ],
  coverage: [
    'I have checked the coverage map for {town}; indoor coverage is limited, so I have enabled wifi calling on your account.',
    'I have logged a coverage complaint for your area with our network team.',
  ],
  refund: [
    'The refund of {amount} was issued today and should reach your bank within 3-5 working days.',
    'I have applied a credit of {amount} to your next bill.',
  ],
};

const OPENERS_IN = ['Hi,', 'Hello,', 'Hi there,', 'Good morning,', 'Hey,', 'Dear customer services,', ''];
const CLOSERS_IN = [
  'Thanks.',
  'Please help.',
  'Thank you.',
  'This is really frustrating.',
  'Can someone call me back?',
  'Regards.',
  '',
];
const FOLLOW_UPS = [
  'I have already contacted you about this twice.',
  'I have been a customer for over ten years.',
  'I need this sorted today because I use my phone for work.',
  'Your app keeps logging me out when I try to check.',
  'I restarted the phone and took the SIM out and back in.',
  'My account number is on the previous email.',
  'I tried the online chat but it disconnected.',
  'The last agent said it would be fixed within 48 hours.',
];
/** Words that appear in few contacts: searches for them are selective. */
export const RARE_TERMS = [
  'ombudsman',
  'chargeback',
  'femtocell',
  'IMEI',
  'Ofcom',
  'blacklisted',
  'VoLTE',
  'tribunal',
  'solicitor',
  'defibrillator',
] as const;
const RARE_SENTENCES: Record<(typeof RARE_TERMS)[number], string> = {
  ombudsman: 'If this is not resolved I will take it to the ombudsman.',
  chargeback: 'I have asked my bank for a chargeback.',
  femtocell: 'Can you send me a femtocell for better signal at home?',
  IMEI: 'The IMEI of the handset is on the box if you need it.',
  Ofcom: 'I will be reporting this to Ofcom.',
  blacklisted: 'The phone seems to be blacklisted and will not connect.',
  VoLTE: 'Is VoLTE supported on my handset?',
  tribunal: 'My lawyer mentioned a small claims tribunal.',
  solicitor: 'My solicitor has advised me to keep records of every call.',
  defibrillator: 'We need a signal in the village hall because the defibrillator alarm uses it.',
};
const RARE_WEIGHTS: Record<(typeof RARE_TERMS)[number], number> = {
  ombudsman: 0.004,
  chargeback: 0.003,
  femtocell: 0.001,
  IMEI: 0.01,
  Ofcom: 0.005,
  blacklisted: 0.002,
  VoLTE: 0.002,
  tribunal: 0.0005,
  solicitor: 0.001,
  defibrillator: 0.0001,
};

function fill(template: string, s: Slots): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => (s[key as keyof Slots] ? s[key as keyof Slots]() : key));
}

function slots(rng: Prng): Slots {
  return {
    amount: () => `£${(5 + rng.int(29500) / 100).toFixed(2)}`,
    plan: () => rng.pick(PLANS),
    handset: () => rng.pick(HANDSETS),
    country: () => rng.pick(COUNTRIES),
    town: () => rng.pick(TOWNS),
    month: () => rng.pick(MONTHS),
    operator: () => rng.pick(OPERATORS),
    order: () => `ORD-${100000 + rng.int(900000)}`,
    gb: () => String(rng.pick([1, 2, 5, 10, 15, 20, 30, 50])),
    days: () => String(2 + rng.int(12)),
  };
}

interface TextParts {
  subject: string | undefined;
  text: string;
}

function writeText(
  rng: Prng,
  channel: Channel,
  direction: 'inbound' | 'outbound',
  profile: CustomerProfile,
): TextParts {
  const topic = rng.weighted(TOPIC_WEIGHTS);
  const s = slots(rng);
  const firstName = profile.name.split(' ')[0]!;
  const hasSubject = channel === 'email' || channel === 'portal' || channel === 'forum';
  const subject = hasSubject ? fill(rng.pick(SUBJECTS[topic]), s) : undefined;
  /** `n` different sentences of the pool (fewer if the pool is smaller). */
  const sentences = (pool: readonly string[], n: number) => {
    const start = rng.int(pool.length);
    const step = 1 + rng.int(Math.max(1, pool.length - 1));
    const picked = new Set<number>();
    for (let i = 0; picked.size < Math.min(n, pool.length) && i < pool.length * 2; i++)
      picked.add((start + i * step) % pool.length);
    if (picked.size < Math.min(n, pool.length))
      for (let i = 0; picked.size < Math.min(n, pool.length); i++) picked.add(i);
    return [...picked].map((i) => fill(pool[i]!, s));
  };
  const rare = (): string[] => {
    const out: string[] = [];
    for (const term of RARE_TERMS) if (rng.chance(RARE_WEIGHTS[term])) out.push(RARE_SENTENCES[term]);
    return out;
  };

  if (channel === 'phone') {
    // A call transcript: agent and customer taking turns.
    const lines = [`Agent: Thank you for calling, you are speaking to ${rng.pick(FIRST_NAMES)}. How can I help?`];
    lines.push(`Customer: Hi, it's ${profile.name}. ${sentences(INBOUND[topic], 1)[0]}`);
    lines.push(
      'Agent: I am sorry to hear that. Can you confirm the first line of your address and your date of birth for security?',
    );
    lines.push(`Customer: Yes. ${rng.pick(FOLLOW_UPS)} ${rare().join(' ')}`.trimEnd());
    lines.push(`Agent: Thank you. ${sentences(OUTBOUND[topic], 1)[0]}`);
    if (rng.chance(0.5))
      lines.push(`Customer: ${sentences(INBOUND[topic], 1)[0]}`, `Agent: ${sentences(OUTBOUND[topic], 1)[0]}`);
    lines.push(
      'Customer: Okay, thanks.',
      'Agent: Is there anything else I can help with today? Thank you for calling, goodbye.',
    );
    return { subject, text: lines.join('\n') };
  }
  if (channel === 'sms') {
    const text =
      direction === 'inbound'
        ? sentences(INBOUND[topic], 1)[0]!
        : `Hi ${firstName}, ${lowerFirst(sentences(OUTBOUND[topic], 1)[0]!)}`;
    return { subject, text };
  }
  if (channel === 'social') {
    const text =
      direction === 'inbound'
        ? `@HearkenMobile ${sentences(INBOUND[topic], 1)[0]} ${rng.pick(['#fail', '#help', '', '', '#customerservice'])}`.trim()
        : `${profile.handle} Sorry to hear that, ${firstName}. ${sentences(OUTBOUND[topic], 1)[0]} DM us if you need more help.`;
    return { subject, text };
  }
  if (direction === 'outbound') {
    const body = [`Hi ${firstName},`, 'Thank you for getting in touch.', ...sentences(OUTBOUND[topic], 1 + rng.int(2))];
    body.push(
      rng.pick([
        'Kind regards, Hearken Mobile Support',
        'Best wishes, the Hearken Mobile team',
        'Thanks, Customer Care',
      ]),
    );
    return { subject: subject ? `Re: ${subject}` : undefined, text: body.join(channel === 'chat' ? ' ' : '\n') };
  }
  const body: string[] = [];
  const opener = rng.pick(OPENERS_IN);
  if (opener && channel !== 'chat') body.push(opener);
  body.push(...sentences(INBOUND[topic], 1 + rng.int(channel === 'chat' ? 2 : 3)));
  if (rng.chance(0.5)) body.push(rng.pick(FOLLOW_UPS));
  body.push(...rare());
  const closer = rng.pick(CLOSERS_IN);
  if (closer) body.push(closer);
  if (channel === 'email' && rng.chance(0.7)) body.push(profile.name);
  return { subject, text: body.join(channel === 'email' ? '\n' : ' ') };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

// ---------------------------------------------------------------------------------------
// Rows

/** Contacts happen between these instants: fixed, so data does not depend on the run date. */
export const TIME_FROM = Date.UTC(2024, 11, 1);
export const TIME_TO = Date.UTC(2026, 10, 1);

function identityFor(channel: Channel, profile: CustomerProfile, rng: Prng): ContactJson['customer'] {
  switch (channel) {
    case 'email':
    case 'portal':
      return { email: profile.email, name: profile.name };
    case 'chat':
      return rng.chance(0.7)
        ? { email: profile.email, name: profile.name }
        : { phone: profile.phone, name: profile.name };
    case 'phone':
    case 'sms':
      return { phone: profile.phone, name: profile.name };
    case 'forum':
    case 'social':
      return { handle: profile.handle, name: profile.name };
  }
}

/** One contact of `profile`; `first` gives it every identity (a customer's first contact). */
export function makeContact(rng: Prng, profile: CustomerProfile, externalId: string, first: boolean): ContactJson {
  const channel = rng.weighted(CHANNEL_WEIGHTS);
  const direction = first || rng.chance(0.68) ? 'inbound' : 'outbound';
  const { subject, text } = writeText(rng, channel, direction, profile);
  const occurredAt = new Date(TIME_FROM + Math.floor(rng.next() * (TIME_TO - TIME_FROM))).toISOString();
  const customer = first
    ? { email: profile.email, phone: profile.phone, handle: profile.handle, name: profile.name }
    : identityFor(channel, profile, rng);
  const row: ContactJson = { channel, direction, occurredAt, externalId, customer, text };
  if (subject !== undefined) row.subject = subject;
  return row;
}

/**
 * Every contact of a dataset, in a fixed order: first each customer's first contact, then
 * all the others shuffled. `from`/`to` select a slice (row numbers), e.g. for resuming.
 */
export function* generateContacts(
  plan: DatasetPlan,
  options: { from?: number; to?: number } = {},
): Generator<ContactJson> {
  const from = options.from ?? 0;
  const to = Math.min(options.to ?? plan.contacts, plan.contacts);
  const rng = createPrng(deriveSeed(plan.seed, 'rows'));
  // Owners of rows customers..contacts-1, shuffled.
  const rest = new Int32Array(plan.contacts - plan.customers);
  let k = 0;
  for (let c = 0; c < plan.customers; c++) for (let n = 1; n < plan.counts[c]!; n++) rest[k++] = c;
  shuffle(rest, createPrng(deriveSeed(plan.seed, 'order')));
  const profiles = new Map<number, CustomerProfile>();
  const profileOf = (index: number) => {
    let p = profiles.get(index);
    if (!p) {
      p = customerProfile(plan.seed, index);
      if (profiles.size > 200_000) profiles.clear();
      profiles.set(index, p);
    }
    return p;
  };
  for (let row = 0; row < to; row++) {
    // Draws always happen, so a slice is identical to the same rows of the whole.
    const customer = row < plan.customers ? row : rest[row - plan.customers]!;
    const rowRng = createPrng(deriveSeed(plan.seed ^ rng.int(0x7fffffff), 'row'));
    if (row < from) continue;
    yield makeContact(rowRng, profileOf(customer), `bench-${plan.seed}-${row}`, row < plan.customers);
  }
}

/**
 * Bodies for API ingest: mostly contacts of existing customers (`existingShare`), the rest
 * from customers nobody has seen yet. `tag` keeps external ids unique between runs.
 */
export function* generateIngestBodies(options: {
  seed: number;
  customers: number;
  count: number;
  tag: string;
  existingShare?: number;
}): Generator<ContactJson> {
  const rng = createPrng(deriveSeed(options.seed, `ingest:${options.tag}`));
  const share = options.existingShare ?? 0.9;
  let fresh = 0;
  for (let i = 0; i < options.count; i++) {
    const existing = options.customers > 0 && rng.chance(share);
    // New customers are numbered after the dataset's, far enough apart between runs.
    const index = existing
      ? rng.int(options.customers)
      : options.customers + 10_000_000 + fresh++ + rng.int(1000) * 1_000_000;
    const profile = customerProfile(options.seed, index);
    yield makeContact(createPrng(rng.int(0x7fffffff)), profile, `ingest-${options.tag}-${i}`, !existing);
  }
}

/** Writes rows as JSON lines; resolves with the number of bytes written. */
export async function writeJsonl(path: string, rows: Iterable<ContactJson>): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let chunk = '';
  for (const row of rows) {
    chunk += `${JSON.stringify(row)}\n`;
    if (chunk.length > 1 << 20) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  bytes += Buffer.byteLength(chunk);
  out.end(chunk);
  await once(out, 'finish');
  return bytes;
}

// ---------------------------------------------------------------------------------------
// Search queries

export type QueryKind =
  'common' | 'two-words' | 'rare' | 'phrase' | 'exclusion' | 'name' | 'email' | 'phone' | 'case-ref' | 'order-ref';

export interface SearchQuery {
  kind: QueryKind;
  q: string;
}

/**
 * A fixed mix of searches a support agent would type. `caseNumbers` are numbers of cases
 * that exist (for "C-42" style references).
 */
export function searchQueries(plan: DatasetPlan, caseNumbers: number[]): SearchQuery[] {
  const rng = createPrng(deriveSeed(plan.seed, 'queries'));
  const out: SearchQuery[] = [];
  const add = (kind: QueryKind, qs: readonly string[]) => qs.forEach((q) => out.push({ kind, q }));
  add('common', ['bill', 'roaming', 'signal', 'refund', 'contract', 'upgrade', 'data', 'cancel']);
  add('two-words', [
    'roaming charges',
    'sim card',
    'direct debit',
    'data allowance',
    'cancel contract',
    'slow data',
    'replacement sim',
    'network outage',
  ]);
  add('rare', ['ombudsman', 'chargeback', 'femtocell', 'Ofcom', 'blacklisted', 'VoLTE', 'tribunal', 'defibrillator']);
  add('phrase', [
    '"direct debit failed"',
    '"no signal"',
    '"PAC code"',
    '"early termination fee"',
    '"wifi calling"',
    '"missed payment"',
    '"eSIM QR code"',
    '"premium rate"',
  ]);
  add('exclusion', ['roaming -spain', 'refund -credit', 'signal -outage', 'sim -esim']);
  for (let i = 0; i < 8; i++) {
    const p = customerProfile(plan.seed, rng.int(plan.customers));
    // Half typed right, half with a typo a trigram search should forgive.
    out.push({ kind: 'name', q: i % 2 === 0 ? p.name : typo(p.name, rng) });
  }
  for (let i = 0; i < 8; i++) {
    const p = customerProfile(plan.seed, rng.int(plan.customers));
    out.push({ kind: 'email', q: i % 2 === 0 ? p.email : p.email.split('@')[0]! });
  }
  for (let i = 0; i < 4; i++)
    out.push({ kind: 'phone', q: normalizedPhone(customerProfile(plan.seed, rng.int(plan.customers))) });
  for (let i = 0; i < 4 && caseNumbers.length > 0; i++)
    out.push({ kind: 'case-ref', q: `C-${caseNumbers[rng.int(caseNumbers.length)]}` });
  for (let i = 0; i < 4; i++) out.push({ kind: 'order-ref', q: `ORD-${100000 + rng.int(900000)}` });
  return out;
}

function typo(name: string, rng: Prng): string {
  const i = 1 + rng.int(Math.max(1, name.length - 2));
  if (name[i] === ' ') return name;
  return rng.chance(0.5)
    ? name.slice(0, i) + name.slice(i + 1)
    : name.slice(0, i) + name[i + 1]! + name[i] + name.slice(i + 2);
}
