import type { ContactSubmission } from '../../../domain/contact-input.ts';
import type { CustomerScript } from '../demo-script.ts';
import { storyClock } from '../demo-time.ts';
import { storyContacts, storyProfile } from './story-kit.ts';

/**
 * A laptop with built-in mobile broadband, bounced between its maker (Norland, a partner) and
 * Lumen for fourteen days: seven calls, six chats, the same questions each time, no root
 * cause, and in the end a cancelled plan. Norland's side of the conversation is shown as the
 * records Norland shared with Lumen.
 */
export const LAPTOP_BROADBAND_PROFILE = storyProfile({
  name: 'Owen Pritchard',
  email: 'owen.pritchard@example.com',
  phone: '+44 7700 900003',
  handle: null,
  address: { line1: '42 Llandaff Road', city: 'Cardiff', postcode: 'CF11 9NL', country: 'United Kingdom' },
  region: 'Wales',
});

/** Day 0 of the fourteen, counted back from today. */
const DAY_ZERO = 36;
const NORLAND = 'Shared by Norland Computers support (partner case NR-55812).';

export function laptopBroadbandStory(now: Date): CustomerScript {
  const clock = storyClock(now);
  const day = (n: number, time: string) => clock(DAY_ZERO - n, time);
  const say = storyContacts(LAPTOP_BROADBAND_PROFILE);
  const lumenChat = (n: number, time: string, agent: string, lines: string[]) =>
    say.chat(day(n, time), 'Chat: laptop mobile broadband', [
      `Chat started from the Lumen website, answered by ${agent}.`,
      ...lines,
    ]);
  const lumenCall = (n: number, time: string, agent: string, lines: string[]) =>
    say.call('inbound', day(n, time), 'Call: laptop mobile broadband', [
      `Inbound call, answered by ${agent}.`,
      ...lines,
    ]);
  const norland = (
    channel: 'phone' | 'chat',
    n: number,
    time: string,
    header: string,
    lines: string[],
  ): ContactSubmission => {
    const subject = `Norland support: ${channel === 'phone' ? 'call' : 'chat'} about the Aero 14 mobile broadband`;
    const transcript = [NORLAND, header, ...lines];
    return channel === 'phone'
      ? say.call('inbound', day(n, time), subject, transcript)
      : say.chat(day(n, time), subject, transcript);
  };

  const contacts = [
    lumenChat(0, '19:40', 'Sam Patel (Orders & Activation)', [
      'Customer: I bought a Norland Aero 14 with built-in mobile broadband and signed up for your Data 20 GB plan online. The connection software just says "Not activated".',
      'Agent: Your plan is active on our side, so the problem must be the laptop software. Norland support will be able to help.',
      'Customer: OK, I will try them.',
    ]),
    norland('phone', 1, '09:15', 'Call with Norland technician, 35 min.', [
      'Agent: Let us reinstall the connection manager.',
      'Customer: Done. Still "Not activated".',
      'Agent: Then it is the carrier. Please call Lumen.',
    ]),
    lumenCall(2, '12:30', 'Grace Lin (Network & Devices)', [
      'Customer: Norland say the laptop is fine and the problem is with you.',
      'Agent: Your line is live. We do not support laptop software, I am afraid; that is Norland.',
      'Customer: So each of you says it is the other.',
    ]),
    norland('chat', 3, '20:05', 'Chat with Norland support.', [
      'Agent: Can I take the serial number and the model?',
      'Customer: I gave those two days ago. Aero 14, the serial is on your ticket.',
      'Agent: Please restart the laptop and try again.',
    ]),
    lumenChat(4, '18:10', 'Tom Okafor (Network & Devices)', [
      'Customer: This is my fifth contact about the same thing. Mobile broadband in my laptop will not activate.',
      'Agent: Can you tell me the make and model of the laptop, and what you have tried?',
      'Customer: It is all in your notes from my chat and my call this week.',
      'Agent: Please try taking out the SIM and putting it back, then restart.',
    ]),
    norland('phone', 5, '10:00', 'Call with a different Norland technician, 20 min.', [
      "Agent: Have you activated the wireless number itself? The laptop needs an activation code and the line's subscriber ID from the carrier.",
      'Customer: Nobody has mentioned either of those. The online sign-up never asked or gave me anything like that.',
      'Agent: Then you will need to get both from Lumen.',
    ]),
    lumenCall(5, '11:20', 'Lucy Evans (Orders & Activation)', [
      'Customer: Norland say I need an activation code and a subscriber ID from you.',
      'Agent: Yes, online sign-ups do not send those. Here they are; I will text them to you as well.',
      'Customer: Thank you. That is the first real answer in five days.',
    ]),
    norland('chat', 6, '09:30', 'Chat with Norland support.', [
      'Customer: I entered the codes from Lumen and get "Activation failed (error 67)".',
      'Agent: Please uninstall and reinstall the connection software.',
      'Customer: Your colleague had me do that on day one. It is in the ticket.',
      'Agent: Same error after reinstalling. The carrier must have given you the wrong numbers.',
    ]),
    lumenCall(7, '13:05', 'Sam Patel (Orders & Activation)', [
      'Customer: Norland say your codes are wrong. The laptop shows error 67.',
      'Agent: I have checked and the codes are right. It must be the laptop.',
      'Customer: Will someone at Lumen talk to someone at Norland?',
      'Agent: We do not have a way to do that, I am sorry.',
    ]),
    lumenChat(9, '21:15', 'Grace Lin (Network & Devices)', [
      'Customer: Day nine. Laptop broadband still not working. Error 67 after entering your codes.',
      'Agent: Could you explain from the start what has happened so far?',
      'Customer: I have explained it eight times. Please read the case.',
    ]),
    norland('phone', 10, '16:40', 'Call with Norland support, 25 min.', [
      'Agent: I have escalated this to our second line. They will contact you in 3 to 5 working days.',
      'Customer: I have been without the service I am paying for since I bought it.',
    ]),
    norland('chat', 12, '08:50', 'Chat with Norland support.', [
      'Customer: Any news from second line?',
      'Agent: The ticket is still waiting for them. Nothing I can do from here.',
    ]),
    say.call('inbound', day(14, '17:30'), 'Call: cancel mobile broadband plan', [
      'Inbound call, 9 min 50 s, answered by Aisha Khan (Billing & Retention).',
      'Customer: I want to cancel the Data 20 GB plan. Fourteen days, seven calls, six chats between you and Norland, and it has never connected once.',
      'Agent: I am sorry. I can see the history. I will cancel it today with no fee and refund the month.',
      'Customer: Thank you. I would rather it just worked.',
    ]),
    say.email(
      'inbound',
      day(16, '10:10'),
      'Complaint: fourteen days of being passed between Lumen and Norland',
      "To the Chief Marketing Officer, Lumen Mobile\n\nI bought a Norland Aero 14 because it had mobile broadband built in, and I took a Lumen data plan for it. Over fourteen days I made seven calls and six web chats between your support and Norland's. Each side said the other was at fault. Nobody read what had already been tried, so I reinstalled the same software twice and repeated my story every time. Nobody found the cause. I cancelled the plan on day 14.\n\nA customer-focused company would not have stopped until the cause was found. I am writing to Norland as well.\n\nOwen Pritchard",
    ),
  ];
  // Everything before the cancellation belongs to the connection problem.
  const firstCase = Array.from({ length: 12 }, (_, i) => i);
  return {
    profile: LAPTOP_BROADBAND_PROFILE,
    contacts,
    cases: [
      {
        subject: 'Laptop mobile broadband will not activate (Norland Aero 14)',
        team: 'orders',
        owner: 'sam',
        priority: 'normal',
        openedAt: day(0, '19:50'),
        openedBy: 'sam',
        contacts: firstCase,
        // Whoever took the next call or chat could only leave a note; the case moved only when its owner passed it on.
        steps: [
          {
            at: day(0, '19:52'),
            by: 'sam',
            status: 'solved',
            note: 'Line active on our side. Told the customer it is the laptop software and to contact Norland.',
          },
          {
            at: day(2, '12:45'),
            by: 'grace',
            note: 'Customer back: Norland say it is us. Line live, no data ever used on it. We do not support laptop software.',
          },
          {
            at: day(2, '13:10'),
            by: 'sam',
            status: 'open',
            owner: 'grace',
            team: 'network',
            note: 'Reopened and passed to Network & Devices, who took the last call.',
          },
          {
            at: day(4, '18:30'),
            by: 'tom',
            note: 'Customer chatting in again. Asked for the model and what was tried; suggested re-seating the SIM.',
          },
          {
            at: day(5, '11:35'),
            by: 'lucy',
            note: 'Online sign-up never gave the customer the activation code and subscriber ID the laptop needs. Gave him both by phone and text.',
          },
          { at: day(5, '12:00'), by: 'grace', status: 'pending' },
          {
            at: day(7, '13:20'),
            by: 'sam',
            note: 'Error 67 after entering the codes; Norland blame our codes. Checked: codes are right. Told the customer to go back to Norland.',
          },
          {
            at: day(9, '21:40'),
            by: 'grace',
            status: 'open',
            priority: 'high',
            note: 'Effort so far: 9 days, 5 calls and 5 chats across Lumen and Norland, agents in 3 of our teams, no connection. Nobody has spoken to Norland directly and nobody owns the root cause.',
          },
          {
            at: day(14, '17:45'),
            by: 'aisha',
            note: 'Customer cancelled the plan today. Cause never found: activation error 67 on Norland modules provisioned through online sign-up.',
          },
          {
            at: day(14, '18:00'),
            by: 'grace',
            status: 'closed',
            note: 'Closing: plan cancelled. Should be raised as a problem with Norland.',
          },
        ],
      },
      {
        subject: 'Cancel mobile broadband plan',
        team: 'billing',
        owner: 'aisha',
        priority: 'normal',
        openedAt: day(14, '17:35'),
        openedBy: 'aisha',
        contacts: [12],
        steps: [
          {
            at: day(14, '17:40'),
            by: 'aisha',
            status: 'solved',
            note: 'Cancelled with no fee; refunded the current month.',
          },
          { at: day(19, '09:00'), by: 'aisha', status: 'closed' },
        ],
      },
      {
        subject: 'Complaint: passed between Lumen and Norland for 14 days',
        team: 'billing',
        owner: 'supervisor',
        priority: 'high',
        openedAt: day(16, '10:30'),
        openedBy: 'supervisor',
        contacts: [13],
        steps: [
          {
            at: day(16, '11:00'),
            by: 'supervisor',
            status: 'open',
            note: "Formal complaint to the CMO. The customer asks that someone finds the cause for other buyers of this laptop. Contacting Norland's support manager to work the error 67 problem together.",
          },
        ],
      },
    ],
  };
}
