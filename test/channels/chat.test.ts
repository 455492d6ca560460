import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postContact, type TestApp } from '../helpers/test-app.ts';
import { ChatClient, listeningContactCentre, type Frame } from './chat-client.ts';

let t: TestApp;
let origin: string;
let centre: Awaited<ReturnType<typeof listeningContactCentre>>['centre'];
let liveFeed: (token: string) => Promise<ChatClient>;
let visitor: (slug?: string) => Promise<ChatClient>;

beforeAll(async () => {
  // New conversations go to team Front: Alice's team, not Dev's.
  ({ t, origin, centre, liveFeed, visitor } = await listeningContactCentre());
});
afterAll(() => t.close());

const forSession = (sessionId: unknown, kind: string) => (f: Frame) =>
  f.type === 'event' && f.kind === kind && f.chatSessionId === sessionId;

async function startChat(client: ChatClient, customer: Record<string, string>, text: string) {
  const welcome = await client.ask({ type: 'hello', customer }, 'welcome');
  const ack = await client.ask({ type: 'message', clientId: 'c-1', text }, 'ack', 'error');
  expect(ack).toMatchObject({ type: 'ack', clientId: 'c-1', seq: 1, duplicate: false });
  return welcome as Frame & { token: string; sessionId: string };
}

describe('web chat', () => {
  it('carries a conversation both ways live, resumes it with the token, and keeps it as one contact on the customer found by email', async () => {
    const { admin, alice, dev } = centre;
    const email = await postContact(t, admin, {
      channel: 'email',
      customer: { email: 'mia@example.com', name: 'Mia Ruiz' },
      subject: 'Roaming',
      text: 'Is roaming included?',
    });
    const [aliceLive, devLive] = [await liveFeed(alice.token), await liveFeed(dev.token)];

    const first = await visitor();
    const welcome = await first.ask(
      { type: 'hello', customer: { name: 'Mia Ruiz', email: 'MIA@Example.com' } },
      'welcome',
    );
    expect(welcome).toMatchObject({ resumed: false, history: [] });
    expect(welcome.token).toMatch(/^hkv_/);
    const sessionId = welcome.sessionId as string;
    expect(
      await first.ask({ type: 'message', clientId: 'm-1', text: 'My data roaming stopped working in Lisbon' }, 'ack'),
    ).toMatchObject({ seq: 1, duplicate: false });

    // The agent of the case's team sees it arrive; an agent of another team does not.
    const seen = await aliceLive.next(forSession(sessionId, 'chat_message'));
    expect(seen).toMatchObject({
      customerId: email.customerId,
      teamId: centre.teams.front,
      message: { seq: 1, speakerRole: 'customer', text: 'My data roaming stopped working in Lisbon' },
    });
    expect(seen.tenantId).toBeUndefined();
    await aliceLive.next(forSession(sessionId, 'contact'));

    const answer = await t.call(alice.token, {
      method: 'POST',
      url: `/api/v1/chat/sessions/${sessionId}/messages`,
      payload: { text: 'Let me check your roaming settings.' },
    });
    expect(answer.statusCode, answer.body).toBe(201);
    expect(answer.json()).toMatchObject({ seq: 2, from: 'agent', name: 'Alice' });
    expect(await first.ofType('message')).toMatchObject({
      seq: 2,
      from: 'agent',
      name: 'Alice',
      text: 'Let me check your roaming settings.',
    });
    // Answering in the chat is the case's first response: its SLA promise is kept.
    const chatCase = (await t.call(admin, { method: 'GET', url: `/api/v1/chat/sessions/${sessionId}` })).json().caseId;
    const sla = (await t.call(admin, { method: 'GET', url: `/api/v1/cases/${chatCase}/sla` })).json();
    expect(sla.metrics.find((m: { metric: string }) => m.metric === 'first_response')).toMatchObject({
      status: 'satisfied',
    });
    expect(
      (await first.ask({ type: 'message', clientId: 'm-2', text: 'Thanks, I am on the Travel plan.' }, 'ack')).seq,
    ).toBe(3);
    await first.close();

    // Back later with the token: the same conversation, its history, and it goes on.
    const again = await visitor();
    const resumed = await again.ask({ type: 'hello', token: welcome.token }, 'welcome');
    expect(resumed).toMatchObject({ resumed: true, sessionId, token: welcome.token });
    expect((resumed.history as Frame[]).map((m) => [m.seq, m.from, m.clientId ?? null])).toEqual([
      [1, 'customer', 'm-1'],
      [2, 'agent', null],
      [3, 'customer', 'm-2'],
    ]);
    expect(
      (await again.ask({ type: 'message', clientId: 'm-3', text: 'Roaming works again after the restart!' }, 'ack'))
        .seq,
    ).toBe(4);
    // A widget resending what it was not sure arrived stores nothing twice.
    expect(
      await again.ask({ type: 'message', clientId: 'm-3', text: 'Roaming works again after the restart!' }, 'ack'),
    ).toMatchObject({ seq: 4, duplicate: true });
    expect(
      await again.ask({ type: 'message', clientId: 'm-1', text: 'My data roaming stopped working in Lisbon' }, 'ack'),
    ).toMatchObject({ seq: 1, duplicate: true });

    const session = (await t.call(alice.token, { method: 'GET', url: `/api/v1/chat/sessions/${sessionId}` })).json();
    expect(session).toMatchObject({ id: sessionId, customerId: email.customerId, endedAt: null });
    expect(session.messages.map((m: Frame) => m.text)).toEqual([
      'My data roaming stopped working in Lisbon',
      'Let me check your roaming settings.',
      'Thanks, I am on the Travel plan.',
      'Roaming works again after the restart!',
    ]);

    const timeline = (
      await t.call(admin, { method: 'GET', url: `/api/v1/customers/${email.customerId}/timeline` })
    ).json();
    const contacts = timeline.items.filter((i: Frame) => i.type === 'contact');
    const chats = contacts.filter((i: Frame) => i.channel === 'chat');
    expect(chats).toHaveLength(1);
    expect(chats[0].id).toBe(session.contactId);
    expect(chats[0].caseId).toBe(session.caseId);
    expect(chats[0].text).toBe(
      'Mia Ruiz: My data roaming stopped working in Lisbon\nAlice: Let me check your roaming settings.\nMia Ruiz: Thanks, I am on the Travel plan.\nMia Ruiz: Roaming works again after the restart!',
    );
    expect(contacts.map((i: Frame) => i.channel).sort()).toEqual(['chat', 'email']);
    const found = (await t.call(admin, { method: 'GET', url: '/api/v1/search?q=restart&types=contact' })).json();
    expect(found.results.map((r: Frame) => r.id)).toContain(session.contactId);

    expect(devLive.frames.filter((f) => f.type === 'event')).toEqual([]);
    await Promise.all([again.close(), aliceLive.close(), devLive.close()]);
  });

  it('stores a message sent at once from two tabs of the same conversation once, and numbers the rest in turn', async () => {
    const first = await visitor();
    const { token, sessionId } = await startChat(first, { name: 'Tove', email: 'tove@example.com' }, 'Two tabs open');
    const second = await visitor();
    await second.ask({ type: 'hello', token }, 'welcome');
    const acks = await Promise.all([
      first.ask({ type: 'message', clientId: 'same', text: 'Sent from both tabs' }, 'ack'),
      second.ask({ type: 'message', clientId: 'same', text: 'Sent from both tabs' }, 'ack'),
    ]);
    expect(acks[0]!.seq).toBe(acks[1]!.seq);
    expect(acks.filter((a) => a.duplicate)).toHaveLength(1);
    const more = await Promise.all(
      [first, second, first, second].map((tab, i) =>
        tab.ask({ type: 'message', clientId: `n-${i}`, text: `Message ${i}` }, 'ack'),
      ),
    );
    expect(more.map((a) => a.seq as number).sort()).toEqual([3, 4, 5, 6]);
    const session = (await t.call(centre.admin, { method: 'GET', url: `/api/v1/chat/sessions/${sessionId}` })).json();
    expect(session.messages.map((m: Frame) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    await Promise.all([first.close(), second.close()]);
  });

  it("delivers a reply made on the chat's case to the visitor's open widget", async () => {
    const client = await visitor();
    const { sessionId } = await startChat(
      client,
      { name: 'Noor', phone: '+44 7700 900555' },
      'My eSIM will not activate',
    );
    const session = (await t.call(centre.admin, { method: 'GET', url: `/api/v1/chat/sessions/${sessionId}` })).json();
    const reply = await t.call(centre.alice.token, {
      method: 'POST',
      url: `/api/v1/cases/${session.caseId}/replies`,
      payload: { text: 'Please scan the new QR code.' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json().outbound).toMatchObject({ channel: 'chat', recipient: `chat:${sessionId}`, status: 'sent' });
    expect(await client.ofType('message')).toMatchObject({
      seq: 2,
      from: 'agent',
      name: 'Alice',
      text: 'Please scan the new QR code.',
    });
    // The answer is a message of the chat, not a second contact beside it.
    const timeline = (
      await t.call(centre.admin, { method: 'GET', url: `/api/v1/customers/${session.customerId}/timeline` })
    ).json();
    const contacts = timeline.items.filter((i: { type: string }) => i.type === 'contact');
    expect(contacts).toHaveLength(1);
    expect(contacts[0].text).toContain('Please scan the new QR code.');
    await client.close();
  });

  it('reopens a solved case when the customer writes again in its chat', async () => {
    const client = await visitor();
    const { sessionId } = await startChat(
      client,
      { name: 'Ines', email: 'ines@example.com' },
      'My SIM says PIN blocked',
    );
    const { caseId } = (
      await t.call(centre.admin, { method: 'GET', url: `/api/v1/chat/sessions/${sessionId}` })
    ).json();
    const solved = await t.call(centre.admin, {
      method: 'PATCH',
      url: `/api/v1/cases/${caseId}`,
      payload: { status: 'solved' },
    });
    expect(solved.statusCode, solved.body).toBe(200);
    expect(
      await client.ask({ type: 'message', clientId: 'c-2', text: 'It is blocked again after the PUK' }, 'ack'),
    ).toMatchObject({ seq: 2 });
    const kase = (await t.call(centre.admin, { method: 'GET', url: `/api/v1/cases/${caseId}` })).json();
    expect(kase.status).toBe('open');
    await client.close();
  });

  it('answers garbage with error frames and keeps the connection', async () => {
    const client = await visitor();
    const errorFor = (frame: unknown) => client.ask(frame, 'error', 'ack', 'welcome', 'pong');
    expect(await errorFor('this is not json')).toMatchObject({ type: 'error', code: 'malformed_frame' });
    expect(await errorFor('[1,2,3]')).toMatchObject({ code: 'malformed_frame' });
    expect(await errorFor({ type: 'dance' })).toMatchObject({ code: 'unknown_type' });
    expect(await errorFor(Buffer.from([0xff, 0x00, 0x12]))).toMatchObject({ code: 'malformed_frame' });
    expect(await errorFor({ type: 'message', clientId: 'x-1', text: 'hello?' })).toMatchObject({
      code: 'hello_first',
      clientId: 'x-1',
    });
    expect(await errorFor({ type: 'hello' })).toMatchObject({ code: 'customer_required' });
    expect(await errorFor({ type: 'hello', customer: { name: 'Zed', email: 'not-an-email' } })).toMatchObject({
      code: 'invalid_field',
    });
    expect(await errorFor({ type: 'ping' })).toMatchObject({ type: 'pong' });
    await new Promise((r) => setTimeout(r, 1100)); // stay under the rate limit
    expect(await errorFor(JSON.stringify({ type: 'message', text: 'x'.repeat(60_000) }))).toMatchObject({
      code: 'frame_too_large',
    });
    expect(await errorFor({ type: 'hello', customer: { name: 'Zed', email: 'zed@example.com' } })).toMatchObject({
      type: 'welcome',
    });
    expect(await errorFor({ type: 'hello', customer: { name: 'Zed', email: 'zed@example.com' } })).toMatchObject({
      code: 'already_started',
    });
    expect(await errorFor({ type: 'message', clientId: 'bad id with spaces', text: 'hi' })).toMatchObject({
      code: 'invalid_field',
    });
    expect(await errorFor({ type: 'message', clientId: 'z-1', text: '   ' })).toMatchObject({
      code: 'invalid_field',
      clientId: 'z-1',
    });
    expect(await errorFor({ type: 'message', clientId: 'z-2', text: 'y'.repeat(8001) })).toMatchObject({
      code: 'text_too_long',
      clientId: 'z-2',
    });
    await new Promise((r) => setTimeout(r, 1100));
    expect(await errorFor({ type: 'message', clientId: 'z-3', text: 'Still here?' })).toMatchObject({
      type: 'ack',
      seq: 1,
    });
    await client.close();
  });

  it('refuses a flood of frames, then closes with 1008', async () => {
    const client = await visitor();
    for (let i = 0; i < 60; i++) client.send({ type: 'ping' });
    expect(await client.ofType('error', (f) => f.code === 'rate_limited')).toBeTruthy();
    expect((await client.closed).code).toBe(1008);
  });

  it('closes with a clear reason for an organisation that does not exist', async () => {
    const client = await visitor('no-such-organisation');
    expect(await client.ofType('error')).toMatchObject({ code: 'unknown_organisation' });
    expect(await client.closed).toEqual({ code: 4404, reason: 'Unknown organisation' });
  });

  it("never opens another visitor's conversation with a wrong, forged or foreign token", async () => {
    const other = await t.newTenant();
    const elsewhere = await visitor(other.tenant.slug);
    const theirs = await startChat(
      elsewhere,
      { name: 'Ola', email: 'ola@example.com' },
      'A message in another organisation',
    );
    await elsewhere.close();

    const client = await visitor();
    for (const token of [`hkv_${randomBytes(32).toString('base64url')}`, theirs.token, 'abc', 42]) {
      expect(await client.ask({ type: 'hello', token }, 'error', 'welcome')).toMatchObject({
        type: 'error',
        code: 'unknown_session',
      });
    }
    // The same connection can still start a conversation of its own.
    const fresh = await client.ask(
      { type: 'hello', token: theirs.token, customer: { name: 'Ola', email: 'ola@example.com' } },
      'error',
      'welcome',
    );
    expect(fresh.type).toBe('error');
    expect(
      await client.ask({ type: 'hello', customer: { name: 'Ola', email: 'ola@example.com' } }, 'welcome'),
    ).toMatchObject({ resumed: false, history: [] });
    await client.close();

    const foreign = await t.call(centre.admin, { method: 'GET', url: `/api/v1/chat/sessions/${theirs.sessionId}` });
    expect(foreign.statusCode).toBe(404);
    const post = await t.call(centre.alice.token, {
      method: 'POST',
      url: `/api/v1/chat/sessions/${theirs.sessionId}/messages`,
      payload: { text: 'hi' },
    });
    expect(post.statusCode).toBe(404);
  });

  it('ends when the visitor ends it: everyone is told, and the token no longer opens it', async () => {
    const live = await liveFeed(centre.admin);
    const client = await visitor();
    const { sessionId, token } = await startChat(
      client,
      { name: 'Ivo', email: 'ivo@example.com' },
      'Cancel my add-on please',
    );
    client.send({ type: 'end' });
    expect(await client.ofType('ended')).toBeTruthy();
    expect((await client.closed).code).toBe(1000);
    expect(await live.next(forSession(sessionId, 'chat_ended'))).toMatchObject({ message: { speakerRole: 'system' } });

    const back = await visitor();
    expect(await back.ask({ type: 'hello', token }, 'error', 'welcome')).toMatchObject({ code: 'session_ended' });
    await back.close();
    const late = await t.call(centre.alice.token, {
      method: 'POST',
      url: `/api/v1/chat/sessions/${sessionId}/messages`,
      payload: { text: 'Are you there?' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details).toMatchObject({ reason: 'session_ended' });
    await live.close();
  });

  it('lets only signed-in staff open the live feed', async () => {
    await expect(ChatClient.open(`ws://${origin}/api/v1/chat/live`)).rejects.toThrow(/401/);
    await expect(
      ChatClient.open(`ws://${origin}/api/v1/chat/live`, { authorization: 'Bearer hk_nonsense' }),
    ).rejects.toThrow(/401/);
  });

  it('serves the widget as JavaScript that reads its organisation from the script tag', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/widget.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/javascript/);
    expect(res.body).toContain("getAttribute('data-organisation')");
    expect(res.body).toContain('/api/v1/channels/');
    expect(res.body).not.toMatch(/https?:\/\/(?!<)/); // no requests to anywhere else
  });

  it('answers a plain GET of a chat address with a clear error, and documents both sockets', async () => {
    const plain = await t.app.inject({ method: 'GET', url: `/api/v1/channels/${centre.tenant.tenant.slug}/chat` });
    expect(plain.statusCode).toBe(400);
    expect(plain.json().error.message).toMatch(/WebSocket/);
    const openapi = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/channels/{slug}/chat',
        '/api/v1/chat/live',
        '/api/v1/chat/sessions/{id}/messages',
      ]),
    );
  });
});
