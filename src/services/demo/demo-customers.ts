import type { PostalAddress } from '../../store/schema.ts';
import type { CustomerProfile } from './demo-script.ts';
import type { DemoRandom } from './random.ts';

const FIRST_NAMES = [
  'Olivia',
  'Amelia',
  'Isla',
  'Ava',
  'Mia',
  'Sophie',
  'Grace',
  'Chloe',
  'Emily',
  'Hannah',
  'Zara',
  'Priya',
  'Aaliyah',
  'Fatima',
  'Maryam',
  'Chiamaka',
  'Agnieszka',
  'Siobhan',
  'Rhiannon',
  'Eilidh',
  'Megan',
  'Lauren',
  'Jasmine',
  'Leah',
  'Niamh',
  'Ruth',
  'Margaret',
  'Pauline',
  'Susan',
  'Joyce',
  'Oliver',
  'George',
  'Harry',
  'Jack',
  'Noah',
  'Leo',
  'Arthur',
  'Oscar',
  'Mohammed',
  'Yusuf',
  'Ibrahim',
  'Arjun',
  'Rohan',
  'Kwame',
  'Tunde',
  'Tomasz',
  'Piotr',
  'Liam',
  'Connor',
  'Rhys',
  'Owen',
  'Callum',
  'Euan',
  'Fraser',
  'Daniel',
  'James',
  'David',
  'Michael',
  'Graham',
  'Keith',
  'Trevor',
  'Colin',
  'Nigel',
  'Barry',
  'Wei',
  'Hiroshi',
];

const SURNAMES = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Wright',
  'Robinson',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Wood',
  'Jackson',
  'Clarke',
  'Khan',
  'Ahmed',
  'Hussain',
  'Ali',
  'Begum',
  'Singh',
  'Kaur',
  'Shah',
  'Okonkwo',
  'Adeyemi',
  'Mensah',
  'Kowalski',
  'Nowak',
  'Murphy',
  "O'Brien",
  'Kelly',
  'Byrne',
  'MacDonald',
  'Campbell',
  'Stewart',
  'Fraser',
  'Morgan',
  'Hughes',
  'Price',
  'Lloyd',
  'Pritchard',
  'Chen',
  'Wong',
  'Nguyen',
  'Santos',
  'Ferreira',
  'Rossi',
  'Costa',
  'Fischer',
  'Baker',
  'Turner',
  'Harris',
  'Cooper',
  'Ward',
  'Morris',
  'King',
  'Lee',
  'Scott',
  'Young',
  'Mitchell',
  'Carter',
  'Phillips',
  'Bennett',
  'Gray',
  'Holmes',
  'Marshall',
  'Fletcher',
  'Parkinson',
];

const STREETS = [
  'Station Road',
  'Church Lane',
  'Victoria Street',
  'Mill Lane',
  'Orchard Close',
  'Park Avenue',
  'The Crescent',
  'Queens Road',
  'High Street',
  'Kingsway',
  'Meadow View',
  'Chapel Street',
  'Willow Drive',
  'Elm Grove',
  'Beech Road',
  'Castle Street',
  'Riverside Walk',
  'Brook Lane',
  'Albert Terrace',
  'Hillside Road',
  'Greenfield Way',
  'Oak Tree Close',
  'Market Place',
  'Canal Street',
  'Heather Gardens',
  'Sycamore Avenue',
  'Foundry Lane',
  'Lime Street',
  'Moor Road',
  'Abbey Road',
];

interface City {
  city: string;
  region: string;
  postcode: string;
  /** Numbers Ofcom keeps for drama in this area (1000 of each), when there are some. */
  drama?: string;
}

const CITIES: readonly City[] = [
  { city: 'Leeds', region: 'North', postcode: 'LS', drama: '+44 113 496 0' },
  { city: 'Sheffield', region: 'North', postcode: 'S', drama: '+44 114 496 0' },
  { city: 'York', region: 'North', postcode: 'YO' },
  { city: 'Harrogate', region: 'North', postcode: 'HG' },
  { city: 'Newcastle upon Tyne', region: 'North', postcode: 'NE', drama: '+44 191 498 0' },
  { city: 'Manchester', region: 'North West', postcode: 'M', drama: '+44 161 496 0' },
  { city: 'Liverpool', region: 'North West', postcode: 'L', drama: '+44 151 496 0' },
  { city: 'Preston', region: 'North West', postcode: 'PR' },
  { city: 'Birmingham', region: 'Midlands', postcode: 'B', drama: '+44 121 496 0' },
  { city: 'Nottingham', region: 'Midlands', postcode: 'NG', drama: '+44 115 496 0' },
  { city: 'Leicester', region: 'Midlands', postcode: 'LE', drama: '+44 116 496 0' },
  { city: 'Derby', region: 'Midlands', postcode: 'DE' },
  { city: 'London', region: 'London', postcode: 'SE', drama: '+44 20 7946 0' },
  { city: 'London', region: 'London', postcode: 'N', drama: '+44 20 7946 0' },
  { city: 'London', region: 'London', postcode: 'E', drama: '+44 20 7946 0' },
  { city: 'Bristol', region: 'South West', postcode: 'BS', drama: '+44 117 496 0' },
  { city: 'Exeter', region: 'South West', postcode: 'EX' },
  { city: 'Plymouth', region: 'South West', postcode: 'PL' },
  { city: 'Reading', region: 'South East', postcode: 'RG', drama: '+44 118 496 0' },
  { city: 'Brighton', region: 'South East', postcode: 'BN' },
  { city: 'Oxford', region: 'South East', postcode: 'OX' },
  { city: 'Glasgow', region: 'Scotland', postcode: 'G', drama: '+44 141 496 0' },
  { city: 'Edinburgh', region: 'Scotland', postcode: 'EH', drama: '+44 131 496 0' },
  { city: 'Aberdeen', region: 'Scotland', postcode: 'AB' },
  { city: 'Cardiff', region: 'Wales', postcode: 'CF', drama: '+44 29 2018 0' },
  { city: 'Swansea', region: 'Wales', postcode: 'SA' },
  { city: 'Belfast', region: 'Northern Ireland', postcode: 'BT', drama: '+44 28 9649 6' },
];

const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'];
const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
/** The mobile numbers Ofcom keeps for fiction: +44 7700 900000 to 900999. */
const FICTION_MOBILE = '+44 7700 900';
const LAST_FICTION_MOBILE = 999;

/**
 * Identities already spoken for (by the story customers), so that nobody is two people.
 * Landlines are never reserved: story customers use fictional mobiles below `firstFreeMobile`.
 */
export interface ReservedIdentities {
  emails: Iterable<string>;
  handles: Iterable<string>;
  /** The first fictional mobile number (its last three digits) free for generated customers. */
  firstFreeMobile: number;
}

/** Makes believable, fictional customers whose emails, phones and handles never collide. */
export class CustomerFactory {
  private readonly emails: Set<string>;
  private readonly handles: Set<string>;
  private nextMobile: number;
  private readonly nextLandline = new Map<string, number>();

  constructor(
    private readonly random: DemoRandom,
    reserved: ReservedIdentities,
  ) {
    this.emails = new Set([...reserved.emails].map((e) => e.toLowerCase()));
    this.handles = new Set([...reserved.handles].map((h) => h.replace(/^@/, '').toLowerCase()));
    this.nextMobile = reserved.firstFreeMobile;
  }

  next(): CustomerProfile {
    const r = this.random;
    const firstName = r.pick(FIRST_NAMES);
    const surname = r.pick(SURNAMES);
    const place = r.pick(CITIES);
    const mobile = r.chance(0.6) ? this.mobileNumber() : null;
    const phone = mobile ?? (r.chance(0.35) ? this.landlineNumber(place) : null);
    // Almost everyone gives an email; someone without a phone always does, to be reachable.
    const email = phone === null || r.chance(0.93) ? this.emailFor(firstName, surname) : null;
    return {
      name: `${firstName} ${surname}`,
      firstName,
      email,
      phone,
      mobile: mobile !== null,
      handle: r.chance(0.3) ? this.handleFor(firstName, surname) : null,
      address: r.chance(0.85) ? this.addressIn(place) : null,
      region: place.region,
    };
  }

  private mobileNumber(): string | null {
    if (this.nextMobile > LAST_FICTION_MOBILE) return null;
    return `${FICTION_MOBILE}${String(this.nextMobile++).padStart(3, '0')}`;
  }

  private landlineNumber(place: City): string | null {
    const prefix = place.drama ?? '+44 1632 960';
    const next = this.nextLandline.get(prefix) ?? 0;
    if (next > 999) return null;
    this.nextLandline.set(prefix, next + 1);
    return `${prefix}${String(next).padStart(3, '0')}`;
  }

  private emailFor(firstName: string, surname: string): string {
    const first = plain(firstName);
    const last = plain(surname);
    const local = this.random.pick([
      `${first}.${last}`,
      `${first}${last}`,
      `${first[0]}${last}`,
      `${first}.${last[0]}`,
      `${last}.${first}`,
    ]);
    const domain = this.random.pick(EMAIL_DOMAINS);
    return unique(this.emails, (n) => `${local}${n === 0 ? '' : n}@${domain}`);
  }

  private handleFor(firstName: string, surname: string): string {
    const style = this.random.int(0, 2);
    const base = [
      `${plain(firstName)}_${plain(surname)}`,
      `${plain(firstName)}${plain(surname).slice(0, 3)}`,
      `the${plain(surname)}`,
    ][style]!;
    return `@${unique(this.handles, (n) => `${base}${n === 0 ? '' : n + 10}`)}`;
  }

  private addressIn(place: City): PostalAddress {
    const r = this.random;
    const letters = `${r.pick([...POSTCODE_LETTERS])}${r.pick([...POSTCODE_LETTERS])}`;
    return {
      line1: `${r.int(1, 160)} ${r.pick(STREETS)}`,
      city: place.city,
      postcode: `${place.postcode}${r.int(1, 28)} ${r.int(1, 9)}${letters}`,
      country: 'United Kingdom',
    };
  }
}

const plain = (name: string): string => name.toLowerCase().replace(/[^a-z]/g, '');

/** The first candidate not yet taken, which is then taken. */
function unique(taken: Set<string>, candidate: (attempt: number) => string): string {
  for (let attempt = 0; ; attempt++) {
    const value = candidate(attempt);
    if (!taken.has(value.toLowerCase())) {
      taken.add(value.toLowerCase());
      return value;
    }
  }
}
