import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findContact } from '../../src/store/repositories/contacts.ts';
import { postContact, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { webhookOrganisation } from '../helpers/webhooks.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function organisation() {
  const org = await webhookOrganisation(t);
  return { ...org, post: (body: unknown) => org.post('social', body) };
}

describe('social and forum posts by signed webhook', () => {
  it('puts a mention by a known handle on that customer’s timeline, marked public, and threads replies to it', async () => {
    const org = await organisation();
    await org.api('PATCH', '/channels/settings', { repeatWindowMinutes: 0 });
    const known = await postContact(t, org.token, {
      channel: 'email',
      customer: { email: 'tom@example.org', handle: '@TomReed' },
      text: 'Hello',
    });

    const mention = await org.post({
      network: 'x',
      postId: '1790001',
      author: { handle: '@tomreed', name: 'Tom Reed' },
      text: '@LumenMobile three days without signal in Leeds. Really?',
      url: 'https://x.example/tomreed/status/1790001',
      kind: 'mention',
    });
    expect(mention.statusCode, mention.body).toBe(201);
    expect(mention.json()).toMatchObject({ status: 'created', customerId: known.customerId });
    const stored = await findContact(org.scope, mention.json().contactId);
    expect(stored).toMatchObject({
      channel: 'social',
      public: true,
      externalId: 'social:x:1790001',
      facts: { network: 'x', postId: '1790001', kind: 'mention', url: 'https://x.example/tomreed/status/1790001' },
    });

    // His follow-up in the same thread joins the case of the mention, even with the repeat rule off.
    const followUp = await org.post({
      network: 'x',
      postId: '1790002',
      inReplyTo: '1790001',
      author: { handle: 'TomReed' },
      text: 'Still nothing, by the way',
    });
    expect(followUp.json()).toMatchObject({
      status: 'created',
      customerId: known.customerId,
      caseId: mention.json().caseId,
    });

    const dm = await org.post({
      network: 'x',
      postId: 'dm-1',
      kind: 'direct_message',
      author: { handle: 'tomreed' },
      text: 'My account number is 12345',
    });
    expect((await findContact(org.scope, dm.json().contactId))!.public).toBe(false);

    const twice = await org.post({
      network: 'x',
      postId: '1790001',
      author: { handle: '@tomreed' },
      text: 'delivered again',
    });
    expect(twice.json()).toMatchObject({ status: 'duplicate', contactId: mention.json().contactId });

    const timeline = (await org.api('GET', `/customers/${known.customerId}/timeline`)).json();
    expect(
      timeline.items
        .filter((i: { type: string }) => i.type === 'contact')
        .map((i: { channel: string }) => i.channel)
        .sort(),
    ).toEqual(['email', 'social', 'social', 'social']);
  });

  it('takes forum posts on the forum channel and makes a customer of an unknown handle', async () => {
    const org = await organisation();
    const post = await org.post({
      channel: 'forum',
      network: 'community',
      postId: 't42-p3',
      author: { handle: 'mo_k', name: 'Mo K' },
      text: 'eSIM QR code says invalid',
    });
    expect(post.statusCode, post.body).toBe(201);
    const stored = await findContact(org.scope, post.json().contactId);
    expect(stored).toMatchObject({ channel: 'forum', public: true });
    const customer = (await org.api('GET', `/customers/${post.json().customerId}`)).json();
    expect(customer).toMatchObject({ name: 'Mo K', handles: ['mo_k'] });

    const badHandle = await org.post({
      network: 'community',
      postId: 'p9',
      author: { handle: 'two words' },
      text: 'hi',
    });
    expect(badHandle.statusCode, badHandle.body).toBe(202);
    const badNetwork = await org.post({ network: 'has space', postId: 'p9', author: { handle: 'x' }, text: 'hi' });
    expect(badNetwork.statusCode).toBe(400);
  });
});
