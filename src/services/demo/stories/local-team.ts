import type { CustomerScript } from '../demo-script.ts';
import { formatWeekday, storyClock } from '../demo-time.ts';
import { storyContacts, storyProfile } from './story-kit.ts';

/**
 * How it should go: a call from York is routed to the North Local Experts, and one agent takes
 * the whole query (a roaming refund, a broadband home move and a new line) and owns it until
 * everything is done, calling back exactly when she said she would.
 */
export const LOCAL_TEAM_PROFILE = storyProfile({
  name: 'Isobel Thornton',
  email: 'isobel.thornton@example.com',
  phone: '+44 7700 900005',
  handle: null,
  address: { line1: '18 Bootham Terrace', city: 'York', postcode: 'YO30 7DH', country: 'United Kingdom' },
  region: 'North',
});

const DAY_ZERO = 45;

export function localTeamStory(now: Date): CustomerScript {
  const clock = storyClock(now);
  const day = (n: number, time: string) => clock(DAY_ZERO - n, time);
  const say = storyContacts(LOCAL_TEAM_PROFILE);
  const callbackDay = formatWeekday(day(3, '17:00'));
  const contacts = [
    say.call('inbound', day(0, '10:12'), 'Call: roaming bill, moving house, and a line for my daughter', [
      'Inbound call, 18 min 20 s, routed to North Local Experts (caller in York) and answered by Niamh Byrne after 40 s.',
      "Agent: Good morning, you're through to Niamh in the North team. How can I help?",
      "Customer: I've got three things, I'm afraid. My bill has £96 of roaming from Spain although I bought the travel add-on. We're moving house in York next month and I need the broadband moved. And I'd like to add a line for my daughter.",
      "Agent: That's fine, I can do all three, and I'll stay your contact until they're all done. Let's start with the roaming.",
      'Agent: The add-on started a day after you landed, so the first day was charged at full rate. I have refunded the full £96.',
      `Agent: For the move, I've booked the broadband to stop at the old address on your moving day and start at the new one the same day. The install time needs confirming with the wholesale provider; I'll call you on ${callbackDay} at 5pm with it.`,
      "Agent: And your daughter's SIM is ordered on the family plan; it will arrive tomorrow.",
      "Customer: That's brilliant. I expected to be passed around three departments.",
      "Agent: Not today. I'll email you a summary of everything now.",
    ]),
    say.email(
      'outbound',
      day(0, '10:40'),
      'Your roaming refund, broadband move and new line',
      `Dear Isobel,\n\nThank you for your call this morning. Here is what we agreed:\n\n1. Roaming: £96 refunded; it will show on your next bill.\n2. Broadband move: booked for your moving day. I will call you on ${callbackDay} at 5pm to confirm the install time.\n3. New line for your daughter: SIM posted today on the family plan.\n\nI'm your contact until all three are done: reply to this email or call the North team and ask for me.\n\nKind regards,\nNiamh Byrne\nLumen Mobile, North Local Experts`,
    ),
    say.sms(
      'outbound',
      day(0, '16:05'),
      "Lumen Mobile: Hi Isobel, your daughter's SIM is on its way and should arrive tomorrow. Niamh, North team.",
    ),
    say.call('outbound', day(3, '17:00'), 'Call: broadband install date', [
      'Outbound call, 3 min 40 s, made by Niamh Byrne (North Local Experts), at the time promised.',
      "Agent: Hi Isobel, it's Niamh, calling as promised. Your broadband install at the new address is confirmed for the morning of your moving day, 8am to 12pm.",
      'Customer: Perfect. And right on time, too.',
    ]),
    say.sms('inbound', day(4, '08:30'), "The SIM arrived and my daughter's phone works. Thank you!"),
    say.sms(
      'outbound',
      day(30, '12:00'),
      'Lumen Mobile: your broadband is live at your new address. Welcome home! Niamh, North team.',
    ),
    say.sms(
      'outbound',
      day(30, '14:00'),
      'Lumen Mobile: how did Niamh do with your recent query? Reply with a score from 1 (poor) to 5 (excellent).',
    ),
    say.sms('inbound', day(30, '14:12'), "5. First time I haven't had to explain anything twice. Ask for Niamh!"),
  ];
  return {
    profile: LOCAL_TEAM_PROFILE,
    contacts,
    cases: [
      {
        subject: 'Roaming refund, broadband home move and a new line',
        team: 'north',
        owner: 'niamh',
        priority: 'normal',
        openedAt: day(0, '10:14'),
        openedBy: 'niamh',
        contacts: [0, 1, 2, 3, 4, 5],
        steps: [
          {
            at: day(0, '10:35'),
            by: 'niamh',
            status: 'pending',
            note: `Taking the whole query myself, no transfers: roaming add-on started a day late, refunded £96; broadband move booked; daughter's SIM ordered on the family plan. Callback promised for ${callbackDay} 5pm with the install date.`,
          },
          { at: day(3, '17:05'), by: 'niamh', note: 'Called back at 5pm as promised; install date confirmed.' },
          {
            at: day(30, '12:05'),
            by: 'niamh',
            status: 'solved',
            note: 'Broadband live at the new address. All three parts done on one case with one owner.',
          },
          { at: day(35, '09:00'), by: 'niamh', status: 'closed' },
        ],
      },
    ],
  };
}
