import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, type CaseStatus } from '../vocabulary.ts';
import {
  decideCaseForContact,
  MAX_TOPIC_WORDS,
  sameTopic,
  topicOverlap,
  topicWords,
  type CaseThreadingInput,
  type CustomerCase,
  type InboundContact,
} from './case-threading.ts';

const DAY = 24 * 3600 * 1000;
const now = new Date(Date.UTC(2026, 2, 10, 9));
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);
const kase = (id: string, status: CaseStatus, subject: string, lastActivityDaysAgo: number): CustomerCase => ({
  id,
  status,
  subject,
  topicWords: topicWords(subject, ''),
  lastActivityAt: daysAgo(lastActivityDaysAgo),
});
const contact = (over: Partial<InboundContact> & { subject?: string; text?: string } = {}): InboundContact => ({
  topicWords: over.topicWords ?? topicWords(over.subject ?? '', over.text ?? ''),
  occurredAt: over.occurredAt ?? now,
  automated: over.automated ?? false,
  channel: over.channel ?? 'email',
});
const decide = (over: Partial<CaseThreadingInput>) =>
  decideCaseForContact({ threadCase: null, openCases: [], contact: contact(), repeatWindowMs: 7 * DAY, ...over });

describe('topic words', () => {
  it('takes the distinctive words of the subject, without Re:, case tags, stop words and filler', () => {
    expect(topicWords('Re: AW: [C-12] Roaming charges in Spain', 'ignored')).toEqual(['roam', 'charg', 'spain']);
    expect(topicWords('Hello, any update on my issue please?', 'My broadband router keeps rebooting')).toEqual([
      'broadband',
      'router',
      'keep',
      'reboot',
    ]);
  });

  it('stems lightly so that plural and tense do not matter', () => {
    for (const phrase of ['charge', 'charges', 'charged', 'charging'])
      expect(topicWords(phrase, '')).toEqual(['charg']);
    expect(topicWords('batteries battery', '')).toEqual(['battery']);
    expect(topicWords('dropped drops dropping', '')).toEqual(['drop']);
    expect(topicWords('cancelled cancel cancelling', '')).toEqual(['cancel']);
    expect(topicWords('billing bills billed', '')).toEqual(['bill']);
    expect(topicWords('status address addresses', '')).toEqual(['status', 'address']);
  });

  it('reads the first part of the text when there is no subject, leaving out quotes and signatures', () => {
    const sms = 'Hi, my phone keeps dropping calls since the 5G upgrade.\nSent from my iPhone';
    expect(topicWords(null, sms)).toEqual(['phon', 'keep', 'drop', 'call', '5g', 'upgrad']);
    const reply =
      'The refund has not arrived.\n\nOn Tue, Lumen <support@lumen.example> wrote:\n> Your refund of £12 was issued';
    expect(topicWords('', reply)).toEqual(['refund', 'arriv']);
    const outlook =
      'Still no refund.\r\n\r\n________________________________\r\nFrom: Lumen Support <support@lumen.example>\r\nSent: 10 March 2026\r\nSubject: Broadband';
    expect(topicWords('', outlook)).toEqual(['refund']);
    expect(topicWords('', `${'word '.repeat(80)} roaming`)).toEqual(['word']);
  });

  it('keeps numbers only when they are long enough to mean something', () => {
    expect(topicWords('Error 404 on order 12 for iPhone 15 and model A2849', '')).toEqual([
      'error',
      '404',
      'order',
      'iphon',
      'model',
      'a2849',
    ]);
  });

  it('finds nothing distinctive in "any update??"', () => {
    expect(topicWords(undefined, 'any update??')).toEqual([]);
    expect(topicWords('Re: Thanks!', 'ok thanks, will do')).toEqual([]);
  });

  it('keeps at most a dozen words', () => {
    expect(
      topicWords('alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima mike november', ''),
    ).toHaveLength(MAX_TOPIC_WORDS);
  });
});

describe('same topic', () => {
  it('needs half of the smaller set, and two words unless one set has only one', () => {
    expect(sameTopic(['roam', 'charg', 'spain'], ['roam', 'charg', 'franc'])).toBe(true);
    expect(sameTopic(['signal'], ['signal', 'drop', 'london'])).toBe(true);
    expect(sameTopic(['signal', 'drop', 'london'], ['bill', 'signal', 'high'])).toBe(false);
    expect(sameTopic(['a', 'b', 'c', 'd', 'e', 'f'], ['a', 'b', 'x', 'y', 'z', 'w'])).toBe(false);
    expect(sameTopic([], ['a'])).toBe(false);
    expect(topicOverlap(['a', 'b'], ['b', 'c', 'd'])).toBe(0.5);
  });
});

describe('which case an inbound contact joins', () => {
  const roaming = kase('c1', 'open', 'Roaming charges in Spain', 2);

  it('joins the case of the thread it continues', () => {
    expect(decide({ threadCase: { id: 'c1', status: 'pending' }, openCases: [roaming] })).toEqual({
      action: 'join',
      caseId: 'c1',
      reason: 'thread',
      reopens: false,
    });
  });

  it('reopens a solved case when the customer answers it', () => {
    expect(decide({ threadCase: { id: 'c1', status: 'solved' } })).toEqual({
      action: 'join',
      caseId: 'c1',
      reason: 'thread',
      reopens: true,
    });
  });

  it('opens a follow-up case when the thread’s case is closed', () => {
    expect(
      decide({
        threadCase: { id: 'old', status: 'closed' },
        contact: contact({ subject: 'Re: [C-3] New SIM not activated' }),
      }),
    ).toEqual({
      action: 'open_new',
      reason: 'the case this continues is closed: a follow-up opens a new case',
      followUpOf: 'old',
    });
  });

  it('joins a recent case on the same topic rather than open a duplicate, even from a closed thread', () => {
    expect(
      decide({
        threadCase: { id: 'old', status: 'closed' },
        openCases: [roaming],
        contact: contact({ subject: 'Re: [C-3] roaming charged again in Spain' }),
      }),
    ).toEqual({ action: 'join', caseId: 'c1', reason: 'repeat', reopens: false });
  });

  it('follows a merged case to the case it was merged into', () => {
    expect(decide({ threadCase: { id: 'dup', status: 'closed', mergedIntoId: 'c1' }, openCases: [roaming] })).toEqual({
      action: 'join',
      caseId: 'c1',
      reason: 'thread',
      reopens: false,
    });
    expect(decide({ threadCase: { id: 'dup', status: 'closed', mergedIntoId: 'gone' } })).toMatchObject({
      action: 'open_new',
      followUpOf: 'gone',
    });
  });

  it('adds an auto-reply or bounce to its thread’s case without reopening it, and never opens a case for one', () => {
    const automated = contact({ automated: true, subject: 'Automatic reply: Roaming charges in Spain' });
    expect(decide({ threadCase: { id: 'c1', status: 'solved' }, contact: automated })).toEqual({
      action: 'join',
      caseId: 'c1',
      reason: 'thread',
      reopens: false,
    });
    expect(decide({ threadCase: null, openCases: [roaming], contact: automated })).toEqual({
      action: 'none',
      reason: 'an automatic mail (auto-reply or bounce) never opens a case',
    });
    expect(decide({ threadCase: { id: 'old', status: 'closed' }, contact: automated }).action).toBe('none');
  });

  it('joins a chat about the same thing as a recent case as a repeat contact', () => {
    expect(
      decide({
        openCases: [kase('c2', 'pending', 'Broadband router keeps rebooting', 1), roaming],
        contact: contact({ channel: 'chat', text: 'still being charged for roaming in spain??' }),
      }),
    ).toEqual({ action: 'join', caseId: 'c1', reason: 'repeat', reopens: false });
  });

  it('reopens a recently solved case the customer comes back about', () => {
    expect(
      decide({
        openCases: [kase('c3', 'solved', 'Roaming charges in Spain', 3)],
        contact: contact({ channel: 'phone', text: 'the roaming charges in spain are back' }),
      }),
    ).toEqual({ action: 'join', caseId: 'c3', reason: 'repeat', reopens: true });
  });

  it('opens a new case when the same-topic case has been quiet for longer than the window', () => {
    expect(
      decide({
        openCases: [kase('c4', 'open', 'Roaming charges in Spain', 9)],
        contact: contact({ text: 'roaming charges in spain again' }),
      }),
    ).toEqual({
      action: 'open_new',
      reason: 'no case of this customer was active within the repeat window',
    });
  });

  it('counts a historical contact imported after the case moved on', () => {
    expect(
      decide({ openCases: [roaming], contact: contact({ occurredAt: daysAgo(5), text: 'roaming charges spain' }) }),
    ).toMatchObject({ action: 'join', caseId: 'c1' });
  });

  it('joins the one recent case when an SMS says nothing distinctive', () => {
    const sms = contact({ channel: 'sms', text: 'any update??' });
    expect(decide({ openCases: [roaming, kase('stale', 'open', 'Router', 30)], contact: sms })).toEqual({
      action: 'join',
      caseId: 'c1',
      reason: 'repeat',
      reopens: false,
    });
    expect(decide({ openCases: [roaming, kase('c2', 'open', 'Router rebooting', 1)], contact: sms })).toEqual({
      action: 'open_new',
      reason: 'the contact says nothing distinctive and several recent cases could fit',
    });
  });

  it('opens a new case about a new topic', () => {
    expect(decide({ openCases: [roaming], contact: contact({ subject: 'Broadband router keeps rebooting' }) })).toEqual(
      {
        action: 'open_new',
        reason: 'none of the customer’s recent cases is on the same topic',
      },
    );
  });

  it('picks the closest and then the most recent case when several are on the topic', () => {
    const cases = [
      kase('a', 'open', 'Roaming charges', 1),
      kase('b', 'open', 'Roaming charges Spain holiday', 3),
      kase('c', 'open', 'Roaming charges Spain', 2),
    ];
    expect(decide({ openCases: cases, contact: contact({ subject: 'Roaming charges Spain' }) })).toMatchObject({
      caseId: 'c',
    });
    expect(
      decide({
        openCases: cases.slice(0, 1).concat(kase('d', 'open', 'Roaming charges', 0.5)),
        contact: contact({ subject: 'Roaming charges' }),
      }),
    ).toMatchObject({ caseId: 'd' });
  });

  it('reads the topic from the subject of a case stored without topic words', () => {
    expect(
      decide({ openCases: [{ ...roaming, topicWords: [] }], contact: contact({ subject: 'roaming charges spain' }) }),
    ).toMatchObject({ action: 'join', caseId: 'c1' });
  });

  describe('invariants', () => {
    const status = fc.constantFrom(...CASE_STATUSES);
    const words = fc.array(fc.constantFrom('roam', 'charg', 'spain', 'router', 'signal'), { maxLength: 4 });
    const input = fc
      .record({
        thread: fc.option(
          fc.record({ status, merged: fc.option(fc.constantFrom('k0', 'k1', 'k2', 'elsewhere'), { nil: undefined }) }),
        ),
        cases: fc.array(fc.record({ status, words, daysAgo: fc.integer({ min: 0, max: 20 }) }), { maxLength: 3 }),
        contact: fc.record({
          words,
          automated: fc.boolean(),
          channel: fc.constantFrom('email' as const, 'sms' as const, 'chat' as const),
        }),
      })
      .map(({ thread, cases, contact: c }): CaseThreadingInput => ({
        threadCase: thread && { id: 't', status: thread.status, mergedIntoId: thread.merged },
        openCases: cases.map((x, i) => ({
          id: `k${i}`,
          status: x.status,
          topicWords: x.words,
          subject: '',
          lastActivityAt: daysAgo(x.daysAgo),
        })),
        contact: { topicWords: c.words, automated: c.automated, channel: c.channel, occurredAt: now },
        repeatWindowMs: 7 * DAY,
      }));
    const statusOf = (i: CaseThreadingInput, id: string): CaseStatus | undefined =>
      i.threadCase && !i.threadCase.mergedIntoId && i.threadCase.id === id
        ? i.threadCase.status
        : i.openCases.find((c) => c.id === id)?.status;

    it('never opens a case for automated mail, and never reopens one for it', () => {
      fc.assert(
        fc.property(input, (i) => {
          const automated = { ...i, contact: { ...i.contact, automated: true } };
          const d = decideCaseForContact(automated);
          expect(d.action).not.toBe('open_new');
          if (d.action === 'join') expect(d).toMatchObject({ reason: 'thread', reopens: false });
        }),
      );
    });

    it('never joins a closed case, and reopens exactly the solved ones a person writes to', () => {
      fc.assert(
        fc.property(input, (i) => {
          const d = decideCaseForContact(i);
          if (d.action !== 'join') return;
          const joined = statusOf(i, d.caseId);
          expect(joined).toBeDefined();
          expect(joined).not.toBe('closed');
          expect(d.reopens).toBe(joined === 'solved' && !i.contact.automated);
        }),
      );
    });
  });
});
