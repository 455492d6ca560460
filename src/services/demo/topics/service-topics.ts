import type { Topic } from '../demo-topics.ts';
import { ASKING, SOCIAL } from './channel-mix.ts';

/** Handsets, the mobile network and home broadband: the Network & Devices team's matters. */
export const SERVICE_TOPICS: readonly Topic[] = [
  {
    key: 'handset-fault',
    team: 'network',
    weight: 9,
    channels: ASKING,
    urgency: 0.2,
    variants: [
      {
        subject: '{device} keeps restarting',
        problem:
          'My {device} is only four months old and it restarts itself several times a day, usually during calls.',
        short: '{device} restarting all day',
        answer: 'A software reset did not stop the restarts, so I have booked a repair collection for your {device}.',
        resolution: 'Your {device} has been repaired and is on its way back to you.',
        note: 'Known firmware fault on this model; the maker expects a fix next month.',
      },
      {
        subject: 'Screen fault on my {device}',
        problem:
          'The screen on my {device} has started flickering and now half of it does not respond to touch. I have not dropped it.',
        short: '{device} screen gone funny, not dropped',
        answer:
          'This is covered by the warranty. A courier will collect the {device} and we are sending you a loan phone today.',
        resolution: 'Your {device} has been replaced under warranty.',
        note: 'Loan phone sent; repair centre reference added to the case.',
      },
      {
        subject: '{device} battery drains in hours',
        problem: 'The battery on my {device} goes from full to empty in about four hours even when I barely use it.',
        short: '{device} battery dead by lunchtime',
        answer:
          'An app was keeping the phone awake. After removing it and updating the software the battery should last normally; if it happens again we will replace the handset.',
        resolution: 'The battery is lasting normally after the update.',
        note: 'Customer has had the same fault before; if it comes back, replace rather than repair.',
      },
    ],
  },
  {
    key: 'network-outage',
    team: 'network',
    weight: 9,
    channels: SOCIAL,
    urgency: 0.3,
    variants: [
      {
        subject: 'No signal at home since {date}',
        problem:
          'I have had no signal at home since {date}. Neighbours on Lumen have the same problem. Is there a mast down?',
        short: 'No signal in my area since {date}, is there an outage?',
        answer:
          'There is a fault on the mast that serves your area and engineers are booked for tomorrow morning. Wi-Fi calling will keep you connected at home in the meantime.',
        resolution: 'The mast has been repaired and the signal is back.',
        note: 'Linked to the site fault reported by network operations; 40+ contacts from this postcode district.',
      },
      {
        subject: 'Mobile data not working in my area',
        problem: 'Mobile data has not worked in my area for three days. Calls are fine but nothing loads.',
        short: 'Data not working for 3 days, anyone else?',
        answer:
          'A transmission link failed in your area and was repaired this afternoon. Please restart your phone and data should be back.',
        resolution: 'Service is restored after the link repair.',
        note: 'Customer was told "no known issues" on the first contact, although the fault had been logged an hour earlier.',
      },
      {
        subject: 'Calls dropping constantly',
        problem: 'Every call I make drops after a minute or two. It started last week and happens everywhere in town.',
        short: 'Calls keep dropping after a minute',
        answer:
          'A configuration fault went onto a nearby site with an upgrade. It has been rolled back and calls should now stay up.',
        resolution: 'The faulty change was rolled back; no dropped calls since.',
        note: 'Offered a month of line rental as credit for the loss of service.',
      },
    ],
  },
  {
    key: 'broadband-fault',
    team: 'network',
    weight: 7,
    channels: ASKING,
    urgency: 0.25,
    variants: [
      {
        subject: 'Home broadband keeps dropping',
        problem: 'My home broadband drops out every evening between 7 and 10. I work from home and cannot rely on it.',
        short: 'Broadband down again tonight',
        answer:
          'The line test shows an intermittent fault between the cabinet and your home. An engineer is booked for {date}, between 8am and 1pm.',
        resolution: 'The engineer replaced a faulty joint and the line has been stable since.',
        note: 'Line test shows evening faults; likely a wet joint. Engineer missed the first slot; rebooked and compensated.',
      },
      {
        subject: 'Broadband speed far below what I pay for',
        problem:
          'I am paying for 150 Mb but speed tests never show more than 20. The router has been restarted many times.',
        short: 'Paying for 150 Mb, getting 20',
        answer:
          'Your router was on old firmware that limits speed. I have pushed an update remotely; please run the speed test again in ten minutes.',
        resolution: 'The router is updated and speeds are over 140 Mb.',
        note: 'Router firmware several versions behind; remote update fixed it.',
      },
      {
        subject: 'No internet since {date}',
        problem: 'We have had no internet at all since {date}. The router light is flashing red.',
        short: 'No internet since {date}, router light red',
        answer:
          'There is a fault at the local exchange affecting your street; it should be fixed within 48 hours, and the days without service will be credited.',
        resolution: 'The exchange fault is fixed and your service is back, with the lost days credited.',
        note: 'Customer has called four times; make sure the next call goes to the same agent.',
      },
    ],
  },
];
