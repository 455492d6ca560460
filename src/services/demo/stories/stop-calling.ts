import type { CustomerScript } from '../demo-script.ts';
import { formatDay, storyClock } from '../demo-time.ts';
import { storyContacts, storyProfile } from './story-kit.ts';

/**
 * Asked, again and again, on every channel, not to be called: the outsourced sales team rings
 * every week or two regardless, each caller new to her, each promising to "make a note".
 */
export const STOP_CALLING_PROFILE = storyProfile({
  name: 'Ruth Ellison',
  email: 'ruth.ellison@example.net',
  phone: '+44 7700 900002',
  handle: '@ruthellison',
  address: { line1: '7 Sandfield Road', city: 'Nottingham', postcode: 'NG7 1QP', country: 'United Kingdom' },
  region: 'Midlands',
});

/** When the vendor rang, who rang, and what she said. */
const SALES_CALLS: readonly [daysAgo: number, time: string, caller: string, reply: string][] = [
  [70, '18:10', 'Jordan Vale', "I'm not interested, thank you. Please don't call me again."],
  [62, '17:45', 'Casey Brook', 'I asked your colleague last week not to call me. Why are you calling again?'],
  [
    49,
    '18:30',
    'a Brightline agent (id BL-3107)',
    'Lumen told me in writing on {promised} that I would not be called again. Take my number off your list.',
  ],
  [
    40,
    '19:05',
    'Jordan Vale',
    'This is the fourth call. I have asked on the phone, by email and by text. Stop calling me.',
  ],
  [31, '17:20', 'Casey Brook', '[The customer ended the call after 20 seconds]'],
  [
    24,
    '18:55',
    'a Brightline agent (id BL-2291)',
    'Do you people ever read your own notes? I have asked you to stop five times.',
  ],
  [10, '18:40', 'Jordan Vale', 'I was promised by a manager at Lumen that this had stopped. I am recording this call.'],
];

export function stopCallingStory(now: Date): CustomerScript {
  const at = storyClock(now);
  const say = storyContacts(STOP_CALLING_PROFILE);
  const promised = formatDay(at(60, '11:05'));
  const calls = SALES_CALLS.map(([daysAgo, time, caller, said]) => {
    const hungUp = said.startsWith('[');
    const header = `Outbound call, ${hungUp ? '0 min 20 s' : '2 min 10 s'}, made by ${caller} (Outbound Sales (Brightline, vendor)) for the fibre broadband campaign.`;
    const pitch =
      "Agent: Good evening, is that Ruth? I'm calling on behalf of Lumen Mobile with an exclusive fibre broadband offer for existing customers.";
    const answer = hungUp
      ? [said]
      : [
          `Customer: ${said.replace('{promised}', promised)}`,
          "Agent: I'm sorry about that, I'll make a note on your record.",
        ];
    return say.call('outbound', at(daysAgo, time), 'Call: fibre broadband offer', [header, pitch, ...answer]);
  });
  const contacts = [
    ...calls.slice(0, 2),
    say.email(
      'inbound',
      at(61, '08:20'),
      'Please stop the sales calls',
      'Hello,\n\nYour sales team has phoned me twice in eight days about broadband. Both times I asked them to stop. Please take my number off every call list. I do not want marketing calls of any kind.\n\nRuth Ellison',
    ),
    say.email(
      'outbound',
      at(60, '11:05'),
      'Re: Please stop the sales calls',
      'Dear Ruth,\n\nThank you for letting us know, and I am sorry for the calls. I have turned off marketing calls and texts on your account, so you will not be called again.\n\nKind regards,\nDan Whitaker\nLumen Mobile, Billing & Retention',
    ),
    calls[2]!,
    say.sms(
      'outbound',
      at(49, '18:34'),
      'Lumen Mobile: following our call today, here is that offer: fibre broadband from £22 a month, just for Lumen customers. Reply STOP to opt out of offers by text.',
    ),
    say.sms('inbound', at(49, '18:36'), 'STOP'),
    say.sms(
      'outbound',
      at(49, '18:37'),
      'Lumen Mobile: you will no longer receive marketing texts from us. To change this, visit My Lumen.',
    ),
    calls[3]!,
    say.portal(
      at(39, '21:10'),
      'Marketing preferences',
      `Sent from My Lumen > Settings > Contact preferences\n\nEvery marketing box on this page has been unticked for weeks, and I was told by email on ${promised} that the calls had stopped. Your sales people have called me twice since. Who do I have to ask?`,
    ),
    calls[4]!,
    calls[5]!,
    say.social(
      'inbound',
      at(23, '08:02'),
      '@LumenMobile your outsourced call centre has phoned me six times about broadband since I asked, on the phone, by email, by text and on your website, to be left alone. Does anyone listen to the calls you record "for quality"?',
    ),
    say.social(
      'outbound',
      at(23, '09:30'),
      '@ruthellison That should not happen, Ruth, and we are sorry. A manager will call you today. ^LM',
    ),
    say.call('outbound', at(22, '12:15'), 'Call: apology for sales calls', [
      'Outbound call, 8 min 40 s, made by Dan Whitaker (Billing & Retention).',
      "Agent: Hello Ruth, it's Dan from Lumen. I answered your email a couple of months ago, and I'm sorry: I turned off marketing on your account, but the sales calls come from an outside company working from its own list.",
      'Customer: So when you said I would not be called again, that was not true.',
      "Agent: It wasn't, and I should have checked. I've asked their account manager to remove your number today and I'll confirm in writing when they do.",
      'Customer: Thank you. Please make it stick this time.',
    ]),
    calls[6]!,
    say.email(
      'inbound',
      at(10, '19:02'),
      'You called AGAIN',
      'Hello,\n\nTonight your sales team called me again, for the seventh time, after Dan promised me this had been dealt with. I have asked you to stop on every channel you have.\n\nIf I get one more call I will move my contract to another network and complain to the regulator.\n\nRuth Ellison',
    ),
  ];
  return {
    profile: STOP_CALLING_PROFILE,
    contacts,
    cases: [
      {
        subject: 'Keeps getting sales calls after asking not to be called',
        team: 'billing',
        owner: 'dan',
        priority: 'normal',
        openedAt: at(61, '08:40'),
        openedBy: 'dan',
        contacts: contacts.map((_, i) => i),
        steps: [
          {
            at: at(60, '11:00'),
            by: 'dan',
            note: 'Marketing calls and texts turned off in the billing system. Told the customer she will not be called again.',
            status: 'solved',
          },
          {
            at: at(39, '21:30'),
            by: 'dan',
            status: 'open',
            note: 'Customer says the calls continue. Our contact preferences are never sent to Brightline: their campaign list is refreshed monthly from an old extract.',
          },
          {
            at: at(22, '12:30'),
            by: 'dan',
            status: 'pending',
            priority: 'high',
            note: 'Apologised by phone. Asked the Brightline account manager to suppress her number; waiting for their confirmation.',
          },
          {
            at: at(10, '19:30'),
            by: 'supervisor',
            status: 'open',
            owner: 'supervisor',
            priority: 'urgent',
            note: 'Another vendor call after suppression was confirmed: at least seven calls since her first request, asked on phone, email, text, portal and social. Escalating to the vendor manager; every campaign needs to check our do-not-call list before dialling.',
          },
        ],
      },
    ],
  };
}
