import type { CustomerScript } from '../demo-script.ts';
import { storyClock } from '../demo-time.ts';
import { storyContacts, storyProfile } from './story-kit.ts';

/**
 * Failed by her own record: the account says house number 10, she lives at 30. The agent
 * refuses to help, the request for a manager ends on hold and then in a dropped call, and the
 * manager who rings back hours later asks to hear everything again. She asks to leave.
 */
export const SECURITY_CHECK_PROFILE = storyProfile({
  name: 'Helen Carter',
  email: 'helen.carter@example.org',
  phone: '+44 7700 900001',
  handle: '@helen_carter_hg',
  // The stored house number is wrong, as it was on the day of the story.
  address: { line1: '10 Orchard Row', city: 'Harrogate', postcode: 'HG1 4QT', country: 'United Kingdom' },
  region: 'North',
});

export function securityCheckStory(now: Date): CustomerScript {
  const at = storyClock(now);
  const say = storyContacts(SECURITY_CHECK_PROFILE);
  const contacts = [
    say.call('inbound', at(9, '10:05'), 'Call: SIM works for data but not calls or texts', [
      'Inbound call, 21 min 40 s, answered by Tom Okafor (Network & Devices) after 3 min of menu options and 1 min in the queue.',
      "Agent: Thank you for calling Lumen Mobile, you're through to Tom. How can I help?",
      'Customer: My partner bought a second-hand phone and we put my SIM in it to try it. It finds your network and mobile data works, but it cannot make or receive calls or texts.',
      'Agent: I can look into that. For security, can I take your full name and the first line of your address?',
      'Customer: Helen Carter, 30 Orchard Row, Harrogate.',
      "Agent: I'm sorry, that doesn't match the account. I can't go any further without passing security.",
      "Customer: It must match. I've lived there for six years.",
      "Agent: The address I have is completely different. Are you sure that's where you live? Could you be registered somewhere else?",
      'Customer: Of course I know where I live. I am handing you to my partner.',
      'Partner: Everything else she gave you is right. Can you at least say what part of the address is wrong?',
      "Agent: I can't tell you what's on the account. Without security I can't help with the SIM.",
      "Partner: Then I'd like to speak to your manager, please.",
      'Agent: I will need to put you on hold while I find a supervisor who is willing to speak with you.',
      '[On hold for 4 min 50 s]',
      "Agent: Sorry for the wait, I'm still looking. I'll need to put you on hold again.",
      "Partner: No. We've been on this call for twenty minutes and nobody has tried to help.",
      "Agent: OK, I'll go ahead and forward you now...",
      '[Call disconnected during the transfer]',
    ]),
    say.portal(
      at(9, '10:31'),
      'Your record has the wrong house number',
      'Sent from My Lumen > Help > Contact us\n\nI have just logged in to My Lumen while my partner was on the phone to you. The address you hold for me is 10 Orchard Row. I live at 30 Orchard Row, and always have: one digit is wrong, and somebody at Lumen typed it. Because of that your agent refused to help us, and when we asked for a manager we were put on hold and cut off. Please correct my address and look at the SIM problem.',
    ),
    say.social(
      'inbound',
      at(9, '10:40'),
      '@LumenMobile 20 minutes on the phone, refused help because YOUR record has the wrong house number, asked for a manager, put on hold, then cut off. Great service.',
    ),
    say.social(
      'outbound',
      at(9, '11:02'),
      '@helen_carter_hg Sorry to hear this, Helen. We have asked a manager to call you back today. ^LM',
    ),
    say.call('outbound', at(9, '13:48'), 'Call: manager callback', [
      'Outbound call, 14 min 5 s, made by Morgan Hale (Customer Service Management).',
      'Agent: Hello, is that Helen Carter? This is Morgan Hale, a manager in customer service. I understand you had a difficult call with Ewan this morning?',
      'Customer: It was Tom, not Ewan. And it was nearly four hours ago.',
      "Agent: I'm sorry. Could you take me through what happened, from the beginning?",
      "Customer: Haven't you listened to the call? It was over twenty minutes long. I really don't want to go through it all again.",
      "Agent: I haven't had the chance yet, I'm afraid. If you could summarise it for me...",
      'Customer: Fine. Second-hand phone, my SIM, data works but no calls or texts. Your agent failed me on security because you have my house number as 10 instead of 30, asked if I was sure where I lived, put us on hold and cut us off.',
      "Agent: Thank you. I've noted the address. For the SIM I'll need to pass you back to the technical team.",
      "Customer: Actually, I'd like to cancel my contract.",
      "Agent: Cancellations are handled by our retention team. I'll transfer you; the queue is about 30 minutes at the moment.",
    ]),
    say.call('inbound', at(9, '14:25'), 'Call: cancel my contract', [
      'Inbound call, 12 min 30 s, answered by Aisha Khan (Billing & Retention) after 31 min in the cancellation queue.',
      "Agent: Thanks for waiting, you're through to Aisha. I understand you'd like to cancel?",
      "Customer: Yes. I've spent most of today on the phone to you and I'm still where I started.",
      "Agent: I'm really sorry. I can see today's notes. If I get the technical team to call you about the SIM by Friday, would you hold off on cancelling until then?",
      'Customer: Friday. If nobody has fixed it by then, I am leaving, and my partner will too.',
      "Agent: Understood. I've recorded that, and I'll make sure the address is looked at as well.",
    ]),
    say.email(
      'inbound',
      at(8, '09:15'),
      'Still no calls or texts, and still the wrong address',
      'Hello,\n\nYesterday I was promised a call from your technical team. Nobody called. My SIM still cannot make calls or send texts in the new phone, and My Lumen still shows 10 Orchard Row.\n\nI have now explained this to three people. Please do not ask me to explain it a fourth time: it is all in your notes, or it should be.\n\nHelen Carter',
    ),
  ];
  return {
    profile: SECURITY_CHECK_PROFILE,
    contacts,
    cases: [
      {
        subject: 'SIM in a second-hand phone: data works, calls and texts do not',
        team: 'network',
        owner: 'tom',
        priority: 'normal',
        openedAt: at(9, '10:08'),
        openedBy: 'tom',
        contacts: [0, 1, 2, 3, 4, 6],
        steps: [
          {
            at: at(9, '10:26'),
            by: 'tom',
            note: 'Caller failed security: address given (30 Orchard Row) does not match the account. Could not proceed. Caller asked for a manager.',
          },
          {
            at: at(9, '10:27'),
            by: 'tom',
            owner: 'supervisor',
            note: "Passing to a supervisor at the caller's request. (The call dropped during the transfer.)",
          },
          {
            at: at(9, '13:40'),
            by: 'supervisor',
            note: 'Calling the customer back now. Have not listened to the recording of the first call yet.',
          },
          {
            at: at(9, '14:05'),
            by: 'supervisor',
            owner: 'grace',
            status: 'open',
            priority: 'high',
            note: 'Spoke to the customer; she had to tell the whole story again. We hold house number 10, she and her online account say 30: almost certainly our own keying error. SIM fault not looked at yet. Passing back to Network & Devices.',
          },
          {
            at: at(8, '09:40'),
            by: 'grace',
            note: 'Customer emailed: the promised technical call never happened. Address still shows 10 because she cannot pass security to correct it. Calling her today; do not ask her to repeat the history.',
          },
        ],
      },
      {
        subject: 'Wants to cancel after being cut off',
        team: 'billing',
        owner: 'aisha',
        priority: 'high',
        openedAt: at(9, '14:27'),
        openedBy: 'aisha',
        contacts: [5],
        steps: [
          {
            at: at(9, '14:40'),
            by: 'aisha',
            status: 'pending',
            note: 'Churn risk, two lines: she waited 31 minutes in the cancellation queue after being cut off this morning. Agreed to hold off until Friday if the SIM problem is fixed by then.',
          },
        ],
      },
    ],
  };
}
