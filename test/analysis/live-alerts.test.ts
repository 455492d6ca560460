import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient, listeningContactCentre } from '../channels/chat-client.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { webhookOrganisation } from '../helpers/webhooks.ts';

let t: TestApp;
let origin: string;
let centre: Awaited<ReturnType<typeof listeningContactCentre>>['centre'];
let liveFeed: (token: string) => Promise<ChatClient>;

beforeAll(async () => {
  ({ t, origin, centre, liveFeed } = await listeningContactCentre());
});
afterAll(() => t.close());

describe('live alerts', () => {
  it('tells a watching supervisor within a second when a live chat turns to churn, once per reason', async () => {
    const supervisor = await liveFeed(centre.manager.token);
    const dev = await liveFeed(centre.dev.token);
    const visitor = await ChatClient.open(`ws://${origin}/api/v1/channels/${centre.tenant.tenant.slug}/chat`);
    await visitor.ask({ type: 'hello', customer: { name: 'Tom Baker', email: 'tom@example.com' } }, 'welcome');
    await visitor.ask({ type: 'message', clientId: 'm-1', text: 'Hi, my internet is slow today' }, 'ack');

    const sent = Date.now();
    await visitor.ask(
      {
        type: 'message',
        clientId: 'm-2',
        text: 'On hold for 30 minutes and nobody helps, I want to cancel my contract',
      },
      'ack',
    );
    const churn = await supervisor.next(
      (f) => f.type === 'event' && f.kind === 'alert' && f.reason === 'The customer talks about leaving',
      1000,
    );
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(churn).toMatchObject({
      customerName: 'Tom Baker',
      channel: 'chat',
      teamId: centre.teams.front,
      cues: ['churn_intent'],
    });
    expect(churn.caseReference).toMatch(/^C-\d+$/);
    expect(churn.sentiment as number).toBeLessThan(-0.4);
    await supervisor.next(
      (f) => f.type === 'event' && f.kind === 'alert' && f.reason === 'The conversation turned negative',
      1000,
    );

    // Said again: no second alert for the same reason in the same conversation.
    await visitor.ask({ type: 'message', clientId: 'm-3', text: 'Seriously, cancel it, I am leaving' }, 'ack');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(supervisor.frames.filter((f) => f.kind === 'alert')).toHaveLength(2);
    // An agent of another team does not see this conversation's alerts.
    expect(dev.frames.filter((f) => f.kind === 'alert')).toHaveLength(0);

    // A supervisor opening the screen later finds them.
    const recent = await t.call(centre.manager.token, { method: 'GET', url: '/api/v1/analysis/alerts' });
    expect(recent.statusCode).toBe(200);
    expect(
      recent
        .json()
        .items.map((a: { reason: string }) => a.reason)
        .sort(),
    ).toEqual(['The conversation turned negative', 'The customer talks about leaving']);
    expect((await t.call(centre.alice.token, { method: 'GET', url: '/api/v1/analysis/alerts' })).statusCode).toBe(403);
    for (const client of [supervisor, dev, visitor]) client.socket.close();
  });

  it('alerts on a text message too, and an analyst watching reads chat words redacted', async () => {
    const org = await webhookOrganisation(t);
    const supervisorToken = (await org.api('POST', '/tokens', { name: 'sup', role: 'supervisor' })).json()
      .token as string;
    const supervisor = await liveFeed(supervisorToken);
    const res = await org.post('sms', {
      messageId: 'SM-ALERT',
      from: '+447700900555',
      to: '+447700900000',
      text: 'I am switching provider, port my number out',
    });
    expect(res.statusCode).toBeLessThan(300);
    const alert = await supervisor.next((f) => f.type === 'event' && f.kind === 'alert', 1000);
    expect(alert).toMatchObject({ channel: 'sms', reason: 'The customer talks about leaving' });
    supervisor.socket.close();

    const analystUser = await centre.call('POST', '/api/v1/users', {
      email: 'ana@centre.example',
      name: 'Ana',
      role: 'analyst',
    });
    const { token } = await centre.call('POST', '/api/v1/tokens', {
      name: 'ana',
      role: 'analyst',
      userId: analystUser.id,
    });
    const analyst = await liveFeed(token);
    const visitor = await ChatClient.open(`ws://${origin}/api/v1/channels/${centre.tenant.tenant.slug}/chat`);
    await visitor.ask({ type: 'hello', customer: { name: 'Pat', email: 'pat@example.com' } }, 'welcome');
    await visitor.ask({ type: 'message', clientId: 'p-1', text: 'Call me back on 07700 900777 please' }, 'ack');
    const seen = await analyst.next((f) => f.type === 'event' && f.kind === 'chat_message');
    expect((seen.message as { text: string }).text).toBe('Call me back on [PHONE] please');
    for (const client of [analyst, visitor]) client.socket.close();
  });
});
