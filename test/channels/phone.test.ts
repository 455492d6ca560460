import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asCallFacts } from '../../src/domain/channels/call-facts.ts';
import { listSegments } from '../../src/store/repositories/contact-parts.ts';
import { findContact } from '../../src/store/repositories/contacts.ts';
import { postContact, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { webhookOrganisation } from '../helpers/webhooks.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const organisation = () => webhookOrganisation(t);

/** Times relative to one moment, so that durations between them are exact. */
const start = Date.now();
const minutesAgo = (m: number, plusSeconds = 0) => new Date(start - m * 60_000 + plusSeconds * 1000).toISOString();

describe('phone calls from the telephony system', () => {
  it('makes one contact of a call’s events and transcript, on the caller’s single timeline', async () => {
    const org = await organisation();
    const earlier = await postContact(t, org.token, {
      channel: 'sms',
      occurredAt: minutesAgo(60),
      customer: { phone: '+44 7700 900123', name: 'Priya Shah' },
      text: 'My broadband keeps dropping',
    });

    const call = { callId: 'CA-1001', from: '07700 900123', to: '+44 20 7946 0000' };
    const withCountry = { ...call, from: '+44 7700 900123' };
    const events = [
      { ...withCountry, event: 'offered', at: minutesAgo(20) },
      { ...withCountry, event: 'queued', at: minutesAgo(20, 5), queue: 'broadband' },
      { ...withCountry, event: 'answered', at: minutesAgo(20, 95), agent: 'ana' },
      { ...withCountry, event: 'transferred', at: minutesAgo(20, 400), transferTo: 'broadband-tier2' },
      {
        ...withCountry,
        event: 'ended',
        at: minutesAgo(20, 700),
        recordingUrl: 'https://recordings.example/CA-1001.wav',
      },
    ];
    const first = await org.post('phone/events', events[0]);
    expect(first.statusCode, first.body).toBe(201);
    const { contactId, customerId, caseId } = first.json();
    expect(customerId).toBe(earlier.customerId);
    for (const event of events.slice(1)) {
      const res = await org.post('phone/events', event);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'updated', contactId, customerId, caseId });
    }
    // The same event delivered again (signed afresh, so not a replay) changes nothing.
    const again = await org.post('phone/events', events[2], { timestamp: Math.floor(Date.now() / 1000) - 10 });
    expect(again.json()).toMatchObject({ status: 'unchanged', contactId });

    const inProgress = await findContact(org.scope, contactId);
    expect(inProgress!.body).toBe(
      'Call from +44 7700 900123 — ended; waited 1 min 35 s, talked 10 min 5 s, transferred once, queue broadband',
    );

    const transcript = await org.post('phone/transcripts', {
      callId: 'CA-1001',
      segments: [
        { speaker: 'Ana', role: 'agent', startMs: 0, endMs: 2500, text: 'Lumen Mobile, Ana speaking.' },
        {
          speaker: 'Priya Shah',
          role: 'customer',
          startMs: 2600,
          endMs: 9000,
          text: 'My router loses its connection every evening.',
        },
        { speaker: 'Ana', role: 'agent', startMs: 9100, endMs: 12000, text: 'Let me pass you to our broadband team.' },
      ],
    });
    expect(transcript.statusCode, transcript.body).toBe(200);
    expect(transcript.json()).toMatchObject({ contactId, segments: 3, speakers: ['Ana', 'Priya Shah'] });

    const stored = await findContact(org.scope, contactId);
    expect(stored!.body).toContain('[00:02] Priya Shah: My router loses its connection every evening.');
    expect(stored!.occurredAt.toISOString()).toBe(new Date(events[0]!.at).toISOString());
    const facts = asCallFacts(stored!.facts);
    expect(facts).toMatchObject({
      callId: 'CA-1001',
      waitSeconds: 95,
      talkSeconds: 605,
      queues: ['broadband'],
      agents: ['ana'],
      transfers: [{ to: 'broadband-tier2' }],
      recording: 'https://recordings.example/CA-1001.wav',
      transcript: { segments: 3, speakers: ['Ana', 'Priya Shah'], source: 'webhook' },
    });
    const segments = await listSegments(org.scope, contactId);
    expect(segments.map((s) => [s.speaker, s.speakerRole, s.startMs])).toEqual([
      ['Ana', 'agent', 0],
      ['Priya Shah', 'customer', 2600],
      ['Ana', 'agent', 9100],
    ]);
    expect(segments[1]!.at.toISOString()).toBe(new Date(Date.parse(events[2]!.at) + 2600).toISOString());

    // One customer, one timeline: the earlier SMS and the call, nothing else.
    const timeline = (await org.api('GET', `/customers/${customerId}/timeline`)).json();
    const contacts = timeline.items.filter((i: { type: string }) => i.type === 'contact');
    expect(contacts.map((c: { channel: string; externalId: string }) => [c.channel, c.externalId])).toEqual([
      ['phone', 'call:CA-1001'],
      ['sms', null],
    ]);
    const found = (await org.api('GET', '/search?q=router%20evening&types=contact')).json();
    expect(found.results.map((r: { id: string }) => r.id)).toEqual([contactId]);
  });

  it('takes events in any order, and joins a transferred leg to the case of the call it continues', async () => {
    const org = await organisation();
    // Without the repeat rule only the transfer chain can put the second leg on the same case.
    expect((await org.api('PATCH', '/channels/settings', { repeatWindowMinutes: 0 })).statusCode).toBe(200);
    const base = Date.now() - 10 * 60_000;
    const at = (seconds: number) => new Date(base + seconds * 1000).toISOString();
    const call = { callId: 'leg-1', from: '+447700900555', to: '+442079460000' };
    const ended = await org.post('phone/events', { ...call, event: 'ended', at: at(240) });
    expect(ended.statusCode, ended.body).toBe(201);
    const offered = await org.post('phone/events', { ...call, event: 'offered', at: at(0) });
    expect(offered.json()).toMatchObject({ status: 'updated', contactId: ended.json().contactId });
    const answered = await org.post('phone/events', { ...call, event: 'answered', at: at(60) });
    expect(answered.statusCode).toBe(200);
    const facts = asCallFacts((await findContact(org.scope, ended.json().contactId))!.facts);
    expect(facts).toMatchObject({ waitSeconds: 60, talkSeconds: 180, abandoned: false });

    const leg = await org.post('phone/events', {
      callId: 'leg-2',
      previousCallId: 'leg-1',
      from: '+447700900555',
      to: '+442079460001',
      event: 'offered',
      at: at(250),
    });
    expect(leg.statusCode, leg.body).toBe(201);
    expect(leg.json().caseId).toBe(ended.json().caseId);
    expect(leg.json().contactId).not.toBe(ended.json().contactId);
    // Another call from the same number, not part of the chain, opens its own case.
    const unrelated = await org.post('phone/events', {
      callId: 'other',
      from: '+447700900555',
      to: '+442079460000',
      event: 'offered',
      at: minutesAgo(1),
    });
    expect(unrelated.json().caseId).not.toBe(ended.json().caseId);
  });

  it('makes one call of events delivered together', async () => {
    const org = await organisation();
    await postContact(t, org.token, { channel: 'sms', customer: { phone: '+447700900444' }, text: 'Hi' });
    const call = { callId: 'burst', from: '+447700900444', to: '+442079460000' };
    const kinds = ['offered', 'queued', 'answered', 'transferred', 'ended'] as const;
    const base = Date.now() - 10 * 60_000;
    const answers = await Promise.all(
      kinds.map((event, i) =>
        org.post('phone/events', {
          ...call,
          event,
          at: new Date(base + i * 30_000).toISOString(),
          transferTo: event === 'transferred' ? 'tier2' : undefined,
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().contactId)).size).toBe(1);
    const facts = asCallFacts((await findContact(org.scope, answers[0]!.json().contactId))!.facts);
    expect(facts!.events.map((e) => e.event)).toEqual([...kinds]);
    expect(facts).toMatchObject({ waitSeconds: 60, talkSeconds: 60, transfers: [{ to: 'tier2' }] });
  });

  it('records a call from a transcript that comes first, and refuses one for an unknown call without a number', async () => {
    const org = await organisation();
    const segments = [{ speaker: 'Caller', startMs: 0, endMs: 1000, text: 'Hello, my eSIM will not activate.' }];
    const unknown = await org.post('phone/transcripts', { callId: 'early', segments });
    expect(unknown.statusCode, unknown.body).toBe(409);
    expect(unknown.json().error.details.reason).toBe('unknown_call');

    const created = await org.post('phone/transcripts', { callId: 'early', from: '+447700900777', segments });
    expect(created.statusCode, created.body).toBe(201);
    const event = await org.post('phone/events', {
      callId: 'early',
      from: '+447700900777',
      to: '+442079460000',
      event: 'ended',
      at: minutesAgo(0),
    });
    expect(event.json()).toMatchObject({ status: 'updated', contactId: created.json().contactId });
    const stored = await findContact(org.scope, created.json().contactId);
    expect(stored!.body).toBe('[00:00] Caller: Hello, my eSIM will not activate.'); // the transcript stays the text
    expect(asCallFacts(stored!.facts)?.endedAt).not.toBeNull();
  });

  it('quarantines a call it cannot place (withheld number) instead of losing it, and refuses a body outside the schema', async () => {
    const org = await organisation();
    const withheld = await org.post('phone/events', {
      callId: 'anon-1',
      from: 'anonymous',
      to: '+442079460000',
      event: 'offered',
      at: minutesAgo(1),
    });
    expect(withheld.statusCode, withheld.body).toBe(202);
    expect(withheld.json().reason).toMatch(/not a phone number/);
    const listed = (await org.api('GET', '/channels/quarantine')).json();
    expect(listed.items.map((q: { id: string; channel: string }) => [q.id, q.channel])).toEqual([
      [withheld.json().quarantined, 'phone'],
    ]);

    const badEvent = await org.post('phone/events', {
      callId: 'x',
      from: '+447700900123',
      to: '+442079460000',
      event: 'exploded',
      at: minutesAgo(1),
    });
    expect(badEvent.statusCode).toBe(400);
    expect(badEvent.json().error.message).toMatch(/event must be one of offered, queued, answered, transferred, ended/);
    const badTimes = await org.post('phone/transcripts', {
      callId: 'x',
      segments: [{ startMs: -1, endMs: 2, text: 'hi' }],
    });
    expect(badTimes.statusCode).toBe(400);
  });
});

describe('uploading a WebVTT transcript', () => {
  it('puts the speakers of a WebVTT file on a call contact, and refuses a malformed file by line', async () => {
    const org = await organisation();
    const call = await postContact(t, org.token, {
      channel: 'phone',
      customer: { phone: '+447700900888' },
      text: 'Call about roaming',
    });
    const vtt = [
      'WEBVTT',
      '',
      '00:00:00.000 --> 00:00:03.000',
      '<v Agent Ana>Hello, you are through to Lumen.</v>',
      '',
      '00:00:03.500 --> 00:00:08.000',
      '<v Tom Reed>I was charged for roaming in France.</v>',
      '',
    ].join('\n');
    const upload = await t.call(org.token, {
      method: 'POST',
      url: `/api/v1/contacts/${call.id}/transcript`,
      headers: { 'content-type': 'text/vtt' },
      payload: vtt,
    });
    expect(upload.statusCode, upload.body).toBe(200);
    expect(upload.json()).toMatchObject({ contactId: call.id, segments: 2, speakers: ['Agent Ana', 'Tom Reed'] });
    const stored = await findContact(org.scope, call.id);
    expect(stored!.body).toBe(
      '[00:00] Agent Ana: Hello, you are through to Lumen.\n[00:03] Tom Reed: I was charged for roaming in France.',
    );
    expect((stored!.facts as { transcript: { source: string } }).transcript.source).toBe('webvtt');

    const asJson = await t.call(org.token, {
      method: 'POST',
      url: `/api/v1/contacts/${call.id}/transcript`,
      payload: { vtt: vtt.replace('France', 'Spain') },
    });
    expect(asJson.statusCode, asJson.body).toBe(200);
    expect((await listSegments(org.scope, call.id)).map((s) => s.text)).toEqual([
      'Hello, you are through to Lumen.',
      'I was charged for roaming in Spain.',
    ]);

    const malformed = await t.call(org.token, {
      method: 'POST',
      url: `/api/v1/contacts/${call.id}/transcript`,
      headers: { 'content-type': 'text/vtt' },
      payload: 'WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nHello\n',
    });
    expect(malformed.statusCode, malformed.body).toBe(400);
    expect(malformed.json().error.message).toMatch(/line 3/);

    const sms = await postContact(t, org.token, {
      channel: 'sms',
      customer: { phone: '+447700900888' },
      text: 'Thanks',
    });
    const notACall = await t.call(org.token, {
      method: 'POST',
      url: `/api/v1/contacts/${sms.id}/transcript`,
      headers: { 'content-type': 'text/vtt' },
      payload: vtt,
    });
    expect(notACall.statusCode).toBe(409);
    const missing = await t.call(org.token, {
      method: 'POST',
      url: '/api/v1/contacts/00000000-0000-4000-8000-000000000000/transcript',
      headers: { 'content-type': 'text/vtt' },
      payload: vtt,
    });
    expect(missing.statusCode).toBe(404);
  });
});
