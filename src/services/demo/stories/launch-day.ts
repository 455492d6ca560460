import type { CustomerScript } from '../demo-script.ts';
import { storyClock } from '../demo-time.ts';
import { storyContacts, storyProfile } from './story-kit.ts';

/**
 * Launch day of the Aurora X: pre-orders open at 8am and the ordering site falls over within
 * minutes. Lumen says nothing; customers fill the forum and social media asking for news, and
 * agents on the phone know less than the forum. Many generated customers are caught up in it
 * too (see LAUNCH_TOPIC); this is one of them, followed from start to finish.
 */
export const LAUNCH_DAYS_AGO = 20;

/** The moment pre-orders opened. */
export const launchDay = (now: Date): Date => storyClock(now)(LAUNCH_DAYS_AGO, '08:00');

export const LAUNCH_DAY_PROFILE = storyProfile({
  name: 'Leo Fairweather',
  email: 'leo.fairweather@example.com',
  phone: '+44 7700 900004',
  handle: '@leofairweather',
  address: { line1: '3 Canal Wharf', city: 'Manchester', postcode: 'M4 6BF', country: 'United Kingdom' },
  region: 'North West',
});

export function launchDayStory(now: Date): CustomerScript {
  const clock = storyClock(now);
  const day = (n: number, time: string) => clock(LAUNCH_DAYS_AGO - n, time);
  const say = storyContacts(LAUNCH_DAY_PROFILE);
  const contacts = [
    say.email(
      'outbound',
      day(-30, '10:00'),
      'The Aurora X is coming: register your interest',
      'Hi Leo,\n\nThank you for registering your interest in the Aurora X. Pre-orders will open soon: check back with us early next month for the date.\n\nLumen Mobile',
    ),
    say.forum(
      'inbound',
      day(0, '08:06'),
      'Aurora X pre-order page just spins',
      'Been on the pre-order page since 8:00. It spins for a few minutes and then says "Something went wrong, please try again later". Anyone got through?',
    ),
    say.social(
      'inbound',
      day(0, '08:47'),
      '@LumenMobile pre-orders down for 45 minutes on launch morning and not one word from you. Is it open or not?',
    ),
    say.call('inbound', day(0, '09:40'), 'Call: Aurora X pre-order', [
      'Inbound call, 6 min 15 s, answered by Lucy Evans (Orders & Activation) after 38 min in the queue.',
      'Customer: The pre-order site has been down since eight. Can I order over the phone instead?',
      "Agent: I'm sorry, I don't have any information about the website. Please keep trying.",
      'Customer: People on your own forum say the phone lines are taking orders.',
      "Agent: I haven't been told that. I can't see a way to take an order here.",
      'Customer: So your forum knows more than you do.',
    ]),
    say.forum(
      'inbound',
      day(0, '11:35'),
      'Re: Aurora X pre-order page just spins',
      'Got through at 11:20! Then my card was declined. My bank says your payment check looked like fraud to them. Order AX-100482 now shows "Stage 1 - received". Is it an order or not? Nobody from Lumen has posted in this thread all morning.',
    ),
    say.email(
      'inbound',
      day(1, '09:05'),
      'Order AX-100482 stuck at Stage 1',
      'Hello,\n\nMy Aurora X order AX-100482 has said "Stage 1 - received" since yesterday morning. Has it been paid for? Will it be delivered? Please tell me something.\n\nLeo',
    ),
    say.email(
      'outbound',
      day(1, '16:20'),
      'Re: Order AX-100482 stuck at Stage 1',
      "Dear Leo,\n\nI'm sorry, I cannot find order AX-100482 on our system. If the website shows it, please wait, or place a new order.\n\nKind regards,\nSam Patel\nLumen Mobile, Orders & Activation",
    ),
    say.chat(day(2, '12:10'), 'Chat: when will shops have the Aurora X?', [
      'Chat started from the Lumen website, answered by Sam Patel (Orders & Activation).',
      'Customer: If I cannot order online, when do your shops get the Aurora X in stock?',
      "Agent: I'm afraid that's not something I'm able to share.",
      'Customer: Why not? I only want to know when to queue.',
      'Agent: These things take time. Please be patient.',
    ]),
    say.forum(
      'inbound',
      day(3, '18:20'),
      'Aurora X arrived: No Service',
      'Placed a second order two days ago and it arrived today. Lovely phone, but it says No Service. Page 40 of the activation thread says shops fell back to paper forms and activations are days behind. Lumen: a single status page saying "we are working on it, next update at 6pm" would save you half these calls.',
    ),
    say.call('inbound', day(3, '18:45'), 'Call: new Aurora X has no service', [
      'Inbound call, 11 min 2 s, answered by Sam Patel (Orders & Activation) after 52 min in the queue.',
      'Customer: My new Aurora X has no service. When will it be activated?',
      "Agent: Activations are delayed because of high demand. I can't give you a time.",
      'Customer: The forum says there is a backlog of paper forms. Is that true?',
      "Agent: I haven't been told anything about that.",
    ]),
    say.sms(
      'outbound',
      day(5, '07:30'),
      'Lumen Mobile: your Aurora X is now active. Restart your phone to start using it.',
    ),
    say.email(
      'inbound',
      day(5, '09:00'),
      'Cancel order AX-100482',
      'Hello,\n\nMy second order is now working. The first one, AX-100482, still shows Stage 1. Please cancel it and make sure I am not charged twice.\n\nLeo',
    ),
    say.email(
      'outbound',
      day(6, '10:15'),
      'Re: Cancel order AX-100482',
      'Dear Leo,\n\nI found AX-100482: it was held by the payment check on launch day. I have cancelled it and confirmed that no payment was taken. I am sorry for how long this took and for how little we told you along the way.\n\nKind regards,\nSam Patel\nLumen Mobile, Orders & Activation',
    ),
  ];
  return {
    profile: LAUNCH_DAY_PROFILE,
    contacts,
    cases: [
      {
        subject: 'Aurora X: pre-order stuck at Stage 1, new phone shows No Service',
        team: 'orders',
        owner: 'sam',
        priority: 'high',
        openedAt: day(1, '09:20'),
        openedBy: 'sam',
        contacts: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        steps: [
          {
            at: day(1, '16:15'),
            by: 'sam',
            status: 'pending',
            note: "Cannot see AX-100482 in the order system although the customer's online account shows it. Web shop and order system have been out of step since the launch-morning outage.",
          },
          {
            at: day(3, '19:00'),
            by: 'sam',
            status: 'open',
            priority: 'urgent',
            note: 'Still no internal update on the activation backlog since launch morning. I only learned from the community forum that shops fell back to paper forms. We need one place that tells agents (and customers) what is going on.',
          },
          {
            at: day(3, '19:30'),
            by: 'supervisor',
            note: 'Agreed. Raised with operations: at least 300 launch contacts today with the same two questions. Asked for an update we can give out, every two hours.',
          },
          {
            at: day(6, '10:20'),
            by: 'sam',
            status: 'solved',
            note: 'Second order active; first order found (held by the payment check) and cancelled with no charge.',
          },
          { at: day(12, '09:00'), by: 'sam', status: 'closed' },
        ],
      },
    ],
  };
}
