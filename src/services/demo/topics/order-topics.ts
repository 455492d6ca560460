import type { Topic } from '../demo-topics.ts';
import { ASKING } from './channel-mix.ts';

/** SIMs, number transfers, installations, eSIMs and lost phones: the Orders & Activation team's matters. */
export const ORDER_TOPICS: readonly Topic[] = [
  {
    key: 'sim-activation',
    team: 'orders',
    weight: 8,
    channels: ASKING,
    urgency: 0.3,
    variants: [
      {
        subject: 'New SIM not working',
        problem:
          'My new SIM arrived on {date} but the phone still says "No service". I have followed the activation steps in the letter twice.',
        short: 'New SIM still says No Service',
        answer:
          'The SIM was sent out but never linked to your number. I have activated it now; please restart the phone in about 15 minutes.',
        resolution: 'Your SIM is active and a test call went through.',
        note: 'Activation request stuck in the provisioning queue for two days; pushed through by hand.',
      },
      {
        subject: 'Replacement SIM will not activate',
        problem:
          'I ordered a replacement SIM after losing my phone. The new one has arrived but it will not register, and my old number is not working either.',
        short: 'Replacement SIM will not activate',
        answer:
          'Your old SIM was still the active one on your number. I have swapped your number over to the new SIM; it should start working within the hour.',
        resolution: 'The SIM swap is complete and your number works on the new SIM.',
        note: 'SIM swap needed extra checks because the number was flagged after a lost-phone report.',
      },
      {
        subject: 'SIM works for data but not calls',
        problem:
          'I put my SIM in a {device} I bought second hand. Mobile data works, but I cannot make calls or send texts.',
        short: 'SIM works for data but not calls or texts',
        answer:
          'The {device} is not on the blocked list, but it is locked to another network, which is why only data works. The seller or the original network can unlock it.',
        resolution: 'The handset has been unlocked and calls and texts now work.',
        note: 'Handset IMEI checked: not blocked. Customer advised about network locks.',
      },
    ],
  },
  {
    key: 'porting',
    team: 'orders',
    weight: 6,
    channels: ASKING,
    urgency: 0.35,
    variants: [
      {
        subject: 'Moving my number from {network}',
        problem:
          'I gave you my PAC code from {network} on {date} to bring my number across, but I am still on a temporary number and people cannot reach me.',
        short: 'Still no sign of my number moving from {network}',
        answer:
          'The transfer was rejected because the name on the request did not match the {network} account. I have resubmitted it with the right details for the next working day.',
        resolution: 'Your own number is now live on the Lumen SIM.',
        note: 'Port rejected by the donor network for a name mismatch; resubmitted.',
      },
      {
        subject: 'Number transfer has not happened',
        problem:
          'My number was supposed to move across yesterday. My old {network} SIM has stopped working and the new Lumen SIM still has the temporary number.',
        short: 'Number transfer failed, now I have no phone',
        answer:
          'The transfer has completed on our side; calls will reach your Lumen SIM within a few hours as the other networks update.',
        resolution: 'The transfer is complete and the temporary number has been released.',
        note: 'Customer was without service for a day between the donor cut-off and our port completing; goodwill credit offered.',
      },
      {
        subject: 'PAC code not accepted',
        problem:
          'Your system says my PAC code is not valid, but {network} say it is and it does not expire for another three weeks.',
        short: 'Your site rejects my PAC code',
        answer:
          'The PAC was entered with a letter O instead of a zero. I have corrected it and booked the transfer for tomorrow.',
        resolution: 'The transfer went through and a test call reached your number.',
        note: 'PAC keyed wrongly at the shop; reminded the store team to copy and paste codes.',
      },
    ],
  },
  {
    key: 'broadband-install',
    team: 'orders',
    weight: 4,
    channels: ASKING,
    urgency: 0.1,
    variants: [
      {
        subject: 'Broadband installation date',
        problem: 'I ordered home broadband on {date} and still do not have an installation date.',
        short: 'Still waiting for a broadband install date',
        answer:
          'Your installation was waiting for the wholesale provider to offer a slot. It is now booked, and you will get a text the day before with a two-hour window.',
        resolution: 'Your broadband is installed and working.',
        note: 'Order stuck waiting for the wholesale provider to confirm a slot.',
      },
      {
        subject: 'Moving house: broadband at the new address',
        problem:
          'I am moving house next month and want to take my broadband with me. What is the earliest it can be live at the new address?',
        short: 'Moving house, need broadband at the new place',
        answer:
          'I have set up the move: service stops at the old address on your moving day and starts at the new one the same afternoon.',
        resolution: 'The move is done with no gap in service.',
        note: 'Moving date confirmed with the customer; new address added to the account.',
      },
      {
        subject: 'Router not delivered',
        problem: 'My broadband went live today but the router has not arrived, so I cannot use it.',
        short: 'Broadband live but no router',
        answer: 'The router was sent to your old address. A new one is on its way by next-day courier.',
        resolution: 'The router has been delivered and you are online.',
        note: 'Address on the order was out of date; corrected on the account.',
      },
    ],
  },
  {
    key: 'esim',
    team: 'orders',
    weight: 4,
    channels: [
      ['chat', 4],
      ['email', 2],
      ['phone', 2],
    ],
    urgency: 0.15,
    variants: [
      {
        subject: 'eSIM QR code not working',
        problem: 'I want to switch to an eSIM on my {device}. The QR code you emailed says it has already been used.',
        short: 'eSIM QR code says already used',
        answer: 'Each QR code works only once. I have cancelled the old profile and emailed you a fresh code.',
        resolution: 'Your eSIM is installed and working.',
        note: 'Second eSIM profile issued; the first marked void.',
      },
      {
        subject: 'Moving my eSIM to my new {device}',
        problem: 'I am moving to a new {device} and do not know how to move my eSIM without losing service.',
        short: 'How do I move my eSIM to a new phone?',
        answer:
          'I have emailed you a transfer code. Scan it on the new {device} while on Wi-Fi; the old phone loses service when the new one connects.',
        resolution: 'Your eSIM has moved to the new handset.',
        note: 'Customer verified with a one-time code before the transfer.',
      },
      {
        subject: 'eSIM download fails',
        problem: 'The eSIM download stops at 80% every time and then my phone says "Unable to complete".',
        short: 'eSIM download fails at 80%',
        answer:
          'The download fails over mobile data. I have reset the profile so it can be downloaded again; please try on Wi-Fi.',
        resolution: 'The profile downloaded on Wi-Fi and the eSIM works.',
        note: 'Known problem with profile downloads over mobile data.',
      },
    ],
  },
  {
    key: 'lost-stolen',
    team: 'orders',
    weight: 3,
    channels: [
      ['phone', 6],
      ['chat', 2],
      ['email', 1],
    ],
    urgency: 0.5,
    variants: [
      {
        subject: 'Phone stolen, please block my SIM',
        problem: 'My phone was stolen this afternoon. Please block the SIM and the handset straight away.',
        short: 'Phone stolen, block my SIM please',
        answer:
          'I have blocked the SIM and the handset. A replacement SIM with your number is on its way by tracked post.',
        resolution: 'Your replacement SIM is active and your number is back.',
        note: 'IMEI added to the shared block list.',
      },
      {
        subject: 'Lost phone: need a replacement SIM',
        problem: 'I lost my phone on the train. I need the SIM blocked and a new one with the same number.',
        short: 'Lost my phone, need a new SIM',
        answer: 'Your SIM is blocked. You can collect a replacement SIM from any Lumen shop today with photo ID.',
        resolution: 'You collected the replacement SIM and your number works again.',
        note: 'Customer asked for a police reference; provided later by email.',
      },
      {
        subject: 'Stolen phone used to make calls',
        problem:
          'My phone was stolen yesterday and my bill shows calls made after it was taken. I should not have to pay for those.',
        short: 'Stolen phone used for calls after I reported it',
        answer:
          'The calls were made before the block was placed. Because you reported the theft within 24 hours, I have removed them from your bill.',
        resolution: 'The fraudulent calls have been removed from your bill.',
        note: 'Fraudulent use passed to the fraud team.',
      },
    ],
  },
];

/** The day a much-wanted handset went on sale and the ordering systems fell over (see the launch-day story). */
export const LAUNCH_TOPIC: Topic = {
  key: 'launch-day',
  team: 'orders',
  weight: 0,
  channels: [
    ['forum', 4],
    ['social', 4],
    ['phone', 2],
    ['email', 2],
    ['chat', 1],
  ],
  urgency: 0.4,
  variants: [
    {
      subject: 'Aurora X pre-order failed',
      problem:
        'I tried to pre-order the Aurora X at 8am and the site fell over after a couple of minutes. Now I do not know if I have an order or not. Can someone tell me what is going on?',
      short: 'Aurora X pre-orders: site down for an hour and not a word from you. What is happening?',
      answer:
        'I am sorry, I have not been given any information about when orders will be taken again. Please keep an eye on the website.',
      resolution: 'Your order went through and the Aurora X has been dispatched.',
      note: 'No internal update on the order backlog since launch morning; agents are reading the community forum to find out what is going on.',
    },
    {
      subject: 'Aurora X order stuck at "Stage 1"',
      problem:
        'My Aurora X order has said "Stage 1 - received" for three days. Nobody on the phone can find it, even though the website shows it.',
      short: 'The forum knows more than your call centre. Aurora X order still stuck at Stage 1.',
      answer: 'I cannot see your order on my system, I am afraid. Please try again later.',
      resolution: 'Your order was found and dispatched; the duplicate has been cancelled and refunded.',
      note: 'Customer ordered twice because the first attempt showed an error; one order needs cancelling.',
    },
    {
      subject: 'New Aurora X says No Service',
      problem:
        'My Aurora X arrived today but it says No Service. I have been told activations are delayed but nobody can say for how long.',
      short: 'Is anyone at Lumen going to tell us when the Aurora X activations will happen?',
      answer: 'Activations are delayed because of high demand. I cannot give you a time; please be patient.',
      resolution: 'Your SIM is activated and the Aurora X works.',
      note: 'Activation backlog: shops fell back to paper forms and data entry is running days behind.',
    },
  ],
};
