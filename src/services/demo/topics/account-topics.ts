import type { Topic } from '../demo-topics.ts';
import { ASKING } from './channel-mix.ts';

/** Billing, roaming, allowances and leaving: the Billing & Retention team's matters. */
export const ACCOUNT_TOPICS: readonly Topic[] = [
  {
    key: 'billing-dispute',
    team: 'billing',
    weight: 14,
    channels: ASKING,
    urgency: 0.15,
    variants: [
      {
        subject: 'Bill much higher than usual',
        problem:
          'My bill this month is {amount} when it is normally about £30. I have not changed anything on my plan and I cannot see what the extra charges are for.',
        short: 'Why is my bill {amount} this month?',
        answer:
          'The extra charges come from a third-party subscription added on {date} through carrier billing. I have blocked premium services on your line and raised a refund.',
        resolution: 'The refund of the third-party charges is now on your account.',
        note: 'Third-party charge added through a carrier-billing partner; no double opt-in on record. Refund approved.',
      },
      {
        subject: 'Charged twice this month',
        problem:
          'I have been charged twice for {month}. Both payments have left my bank account and I need one of them refunded, please.',
        short: 'You have taken my payment twice',
        answer:
          'You are right: the Direct Debit was collected twice after a payment run was repeated. A refund is on its way and should reach your account in 3 to 5 working days.',
        resolution: 'The duplicate payment has been refunded to your bank account.',
        note: 'Duplicate collection caused by the payment run repeated overnight; finance is aware, other customers affected.',
      },
      {
        subject: 'Discount missing from my bill',
        problem:
          'My bill has gone up by £12 this month. I was promised a discount for the whole contract when I signed up, and it has disappeared.',
        short: 'My discount has vanished from my bill',
        answer:
          'The discount was set up for 12 months instead of the full 24 by mistake. I have corrected it and credited this month.',
        resolution: 'Your discount is back for the rest of the contract and this month has been credited.',
        note: 'Discount keyed for 12 months instead of 24 at sale; corrected and credited. Customer said another surprise on the bill and they will leave.',
      },
    ],
  },
  {
    key: 'roaming',
    team: 'billing',
    weight: 10,
    channels: ASKING,
    urgency: 0.1,
    variants: [
      {
        subject: 'Roaming charges from my holiday',
        problem:
          'I was in {country} for a week and came back to roaming charges of {amount}. I bought the travel add-on before I left, so this should have been covered.',
        short: 'Roaming bill of {amount} after a week in {country}??',
        answer:
          'The travel add-on was active, but it started a day after you arrived in {country}, so the first day was charged at standard rates. I have refunded the whole {amount}.',
        resolution: 'The roaming charges have been credited in full.',
        note: 'Add-on activation delayed by the provisioning queue again; third roaming complaint this week with the same pattern.',
      },
      {
        subject: 'Charged for data abroad with roaming off',
        problem:
          'I got a text saying I had used my roaming data in {country}, but I had data roaming switched off the whole time. I do not think these charges are right.',
        short: 'Charged for roaming in {country} with data roaming off',
        answer:
          'The usage came from background updates while your phone briefly had roaming on after a software update. I have refunded it and set a roaming spend cap so it cannot happen again.',
        resolution: 'The charges are refunded and a £20 roaming spend cap is on your line.',
        note: 'Spend cap was not set by default on this plan; suggest a product review.',
      },
      {
        subject: 'Roaming included in my plan but charged anyway',
        problem:
          'Your website says {country} is included in my plan, but I have been charged a daily roaming fee for every day I was there.',
        short: '{country} is meant to be included, why the daily fees?',
        answer:
          '{country} moved out of the included list this year and the page you saw was out of date. As the page was wrong, I have credited the daily charges.',
        resolution: 'The daily roaming fees have been credited and the website page corrected.',
        note: 'Out-of-date roaming zone list on the public website; raised with the web team.',
      },
    ],
  },
  {
    key: 'cancellation',
    team: 'billing',
    weight: 7,
    channels: [
      ['phone', 5],
      ['email', 2],
      ['chat', 2],
      ['portal', 1],
    ],
    urgency: 0.25,
    variants: [
      {
        subject: 'I want to cancel my contract',
        problem:
          'I would like to cancel my contract. I have had enough of the problems with my service and nobody seems able to fix them.',
        short: 'How do I cancel my contract?',
        answer:
          'I am sorry to hear that. I can take 20% off your monthly price for the rest of the contract; if you would still rather leave, I will send your PAC code straight away.',
        resolution: 'The 20% discount is on your account, and we are glad you are staying.',
        note: 'Churn risk: third contact in a month about unresolved service problems. Retention offer accepted.',
      },
      {
        subject: 'Cancelling because I am moving abroad',
        problem:
          'I am moving abroad next month and need to cancel my plan. What do I need to do, and will there be a fee?',
        short: 'Moving abroad, how do I cancel?',
        answer:
          'Moving abroad lets you end the contract early without a fee once you send proof of your new address. I have set the cancellation for the date you asked.',
        resolution: 'Your account is closed and the final bill has been issued.',
        note: 'Proof of overseas address received; early termination fee waived.',
      },
      {
        subject: 'Leaving Lumen',
        problem:
          'I want to leave. {network} have offered me a better deal and I have not been happy with the service here for a while.',
        short: 'I want to leave Lumen',
        answer:
          'Your contract ends in two months, so the early termination fee is two months of line rental. I have emailed your PAC code and the details.',
        resolution: 'Your PAC code has been used and the account closes when the number moves.',
        note: 'Customer waited over 25 minutes in the cancellation queue before being answered.',
      },
    ],
  },
  {
    key: 'data-allowance',
    team: 'billing',
    weight: 6,
    channels: [
      ['chat', 4],
      ['sms', 2],
      ['email', 2],
      ['portal', 2],
    ],
    urgency: 0.05,
    variants: [
      {
        subject: 'Data allowance used up too fast',
        problem:
          'I have used all of my data in ten days when I usually make it last the month. I have not changed how I use my phone.',
        short: 'Data gone in 10 days??',
        answer:
          'Most of the data went on video streaming in high quality after an app update. I have added 5 GB free this month and switched on data saver.',
        resolution: 'The extra data is on your line and usage is back to normal.',
        note: 'Usage breakdown checked with the customer; video app defaulted to HD after an update.',
      },
      {
        subject: 'Data add-on not applied',
        problem: 'I bought a 10 GB data add-on but the app still says I have no data left.',
        short: 'Bought a data add-on, still no data',
        answer:
          'The add-on was paid for but not applied. It is on your line now and the app will catch up within the hour.',
        resolution: 'The add-on is applied.',
        note: 'Add-on purchase succeeded in billing but not in provisioning; another case of the same sync gap.',
      },
      {
        subject: 'More data without a new contract',
        problem: 'I would like to move to a plan with more data without starting a new two-year contract.',
        short: 'Can I get more data without a new contract?',
        answer:
          'You can move up a plan at any time without extending your contract. I have made the change and it applies from tomorrow.',
        resolution: 'Your new plan is active, with no change to your contract end date.',
        note: 'Plan change done without resetting the contract term, as promised.',
      },
    ],
  },
];
