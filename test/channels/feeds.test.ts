import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchFeed } from '../../src/services/channels/feeds/fetch-feed.ts';
import { countJobs } from '../../src/store/repositories/jobs.ts';
import { findContact } from '../../src/store/repositories/contacts.ts';
import { postContact, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { startSink, webhookOrganisation, type ReceivedRequest } from '../helpers/webhooks.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const organisation = () => webhookOrganisation(t);

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

const rss = (
  items: { guid: string; title: string; author: string; body: string; at: Date }[],
) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Lumen Community</title><link>https://community.example</link>
${items
  .map(
    (
      i,
    ) => `<item><title>${i.title}</title><link>https://community.example/p/${i.guid}</link><guid isPermaLink="false">${i.guid}</guid>
<dc:creator><![CDATA[${i.author}]]></dc:creator><pubDate>${i.at.toUTCString()}</pubDate>
<description><![CDATA[<p>${i.body}</p>]]></description></item>`,
  )
  .join('\n')}
</channel></rss>`;

const atom = (
  entries: { id: string; title: string; author: string; body: string; at: Date }[],
) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Lumen public page</title><id>urn:page</id><updated>${new Date().toISOString()}</updated>
${entries
  .map(
    (
      e,
    ) => `<entry><id>${e.id}</id><title>${e.title}</title><link href="https://page.example/${e.id}"/><author><name>${e.author}</name></author>
<updated>${e.at.toISOString()}</updated><content type="html">&lt;p&gt;${e.body}&lt;/p&gt;</content></entry>`,
  )
  .join('\n')}
</feed>`;

/** A feed server that honours If-None-Match / If-Modified-Since like a real one. */
function feedServer(state: { body: string; etag?: string; lastModified?: string; status?: number }) {
  return startSink((request: ReceivedRequest) => {
    if (state.status) return { status: state.status, body: 'down' };
    if (state.etag && request.headers['if-none-match'] === state.etag) return { status: 304 };
    if (state.lastModified && request.headers['if-modified-since'] === state.lastModified) return { status: 304 };
    const headers: Record<string, string> = { 'content-type': 'application/rss+xml; charset=utf-8' };
    if (state.etag) headers['etag'] = state.etag;
    if (state.lastModified) headers['last-modified'] = state.lastModified;
    return { status: 200, headers, body: state.body };
  });
}

describe('RSS and Atom feeds', () => {
  it('polls an RSS feed as a durable job: each post lands once, old history is skipped, and an unchanged feed is not fetched again', async () => {
    const org = await organisation();
    const state = {
      etag: '"v1"',
      body: rss([
        {
          guid: 'p-1',
          title: 'No signal in Leeds',
          author: 'Jane Doe',
          body: 'Since Monday &amp; no fix',
          at: hoursAgo(3),
        },
        { guid: 'p-2', title: 'Roaming charges', author: 'Bob Smith', body: 'Charged in France', at: hoursAgo(2) },
        {
          guid: 'p-old',
          title: 'Ancient history',
          author: 'Jane Doe',
          body: 'From 2019',
          at: new Date('2019-05-01T10:00:00Z'),
        },
      ]),
    };
    const server = await feedServer(state);
    try {
      const added = await org.api('POST', '/channels/feeds', {
        url: `${server.url}/latest.rss`,
        channel: 'forum',
        pollMinutes: 30,
      });
      expect(added.statusCode, added.body).toBe(201);
      const feedId = added.json().id;
      expect(await org.runJobs()).toBeGreaterThanOrEqual(1);
      expect(await countJobs(t.database.db, { key: `feed:${feedId}`, status: 'pending' })).toBe(1); // the next poll is set

      const [feed] = (await org.api('GET', '/channels/feeds')).json().items;
      expect(feed).toMatchObject({ id: feedId, itemsSeen: 2, lastError: null, channel: 'forum', pollMinutes: 30 });
      expect(feed.lastPolledAt).not.toBeNull();

      const found = (await org.api('GET', '/search?q=Leeds&types=contact')).json().results;
      expect(found).toHaveLength(1);
      const post = await findContact(org.scope, found[0].id);
      expect(post).toMatchObject({
        channel: 'forum',
        public: true,
        subject: 'No signal in Leeds',
        body: 'Since Monday & no fix',
        externalId: `feed:${feedId}:p-1`,
      });
      const jane = (await org.api('GET', `/customers/${post!.customerId}`)).json();
      expect(jane).toMatchObject({ name: 'Jane Doe', handles: ['jane_doe'] });

      // Unchanged: a conditional GET answered 304, nothing taken in.
      const second = await org.api('POST', `/channels/feeds/${feedId}/poll`);
      expect(second.json()).toMatchObject({ status: 'not_modified', created: 0 });
      expect(server.received.at(-1)!.headers['if-none-match']).toBe('"v1"');

      // Served in full again (a server without validators): the same posts are not taken twice.
      state.etag = '"v2"';
      const third = (await org.api('POST', `/channels/feeds/${feedId}/poll`)).json();
      expect(third).toMatchObject({
        status: 'polled',
        items: 3,
        created: 0,
        duplicates: 2,
        skipped: 1,
        refused: 0,
        error: null,
      });
      expect((await org.api('GET', '/search?q=Leeds&types=contact')).json().results).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('reads Atom with Last-Modified, and records a broken feed’s error without crashing, retrying at the next poll', async () => {
    const org = await organisation();
    const state: { body: string; lastModified?: string; status?: number } = {
      lastModified: 'Wed, 01 Jan 2031 10:00:00 GMT',
      body: atom([
        {
          id: 'tag:page,1',
          title: 'Bill doubled',
          author: 'Sam Lee',
          body: 'My bill is &lt;b&gt;twice&lt;/b&gt; what it was',
          at: hoursAgo(1),
        },
      ]),
    };
    const server = await feedServer(state);
    try {
      const feedId = (await org.api('POST', '/channels/feeds', { url: `${server.url}/atom`, channel: 'social' })).json()
        .id;
      const first = (await org.api('POST', `/channels/feeds/${feedId}/poll`)).json();
      expect(first).toMatchObject({ status: 'polled', created: 1 });
      expect((await org.api('POST', `/channels/feeds/${feedId}/poll`)).json().status).toBe('not_modified');
      expect(server.received.at(-1)!.headers['if-modified-since']).toBe(state.lastModified);

      state.lastModified = undefined;
      state.body = '<rss><channel><item><title>broken</channel></rss>';
      const broken = (await org.api('POST', `/channels/feeds/${feedId}/poll`)).json();
      expect(broken).toMatchObject({ status: 'failed', created: 0 });
      expect(broken.error).toMatch(/not readable: not well-formed XML/);
      expect((await org.api('GET', '/channels/feeds')).json().items[0].lastError).toBe(broken.error);

      state.status = 500;
      const down = (await org.api('POST', `/channels/feeds/${feedId}/poll`)).json();
      expect(down).toMatchObject({ status: 'failed', error: 'The feed answered HTTP 500 Internal Server Error' });

      // The durable job meets the same failure: it records it and sets the next poll.
      expect(await org.runJobs()).toBe(1);
      expect(await countJobs(t.database.db, { key: `feed:${feedId}`, status: 'pending' })).toBe(1);
      expect(await countJobs(t.database.db, { key: `feed:${feedId}`, status: 'failed' })).toBe(0);

      state.status = undefined;
      state.body = atom([
        { id: 'tag:page,2', title: 'Fixed', author: 'Sam Lee', body: 'All good now', at: hoursAgo(0.5) },
      ]);
      const recovered = (await org.api('POST', `/channels/feeds/${feedId}/poll`)).json();
      expect(recovered).toMatchObject({ status: 'polled', created: 1, error: null });
      expect((await org.api('GET', '/channels/feeds')).json().items[0]).toMatchObject({
        lastError: null,
        itemsSeen: 2,
      });
    } finally {
      await server.close();
    }
    const unreachable = (await org.api('POST', '/channels/feeds', { url: `${server.url}/gone` })).json();
    const gone = (await org.api('POST', `/channels/feeds/${unreachable.id}/poll`)).json();
    expect(gone.status).toBe('failed');
    expect(gone.error).toMatch(/could not be fetched/);
  });

  it('checks feed URLs, refuses a feed followed twice, and stops polling a removed feed', async () => {
    const org = await organisation();
    expect((await org.api('POST', '/channels/feeds', { url: 'ftp://files.example/feed.xml' })).statusCode).toBe(400);
    expect((await org.api('POST', '/channels/feeds', { url: 'not a url' })).statusCode).toBe(400);
    const added = await org.api('POST', '/channels/feeds', { url: 'https://forum.example/latest.rss' });
    expect(added.json()).toMatchObject({ channel: 'forum', pollMinutes: 15 });
    expect((await org.api('POST', '/channels/feeds', { url: 'https://forum.example/latest.rss' })).statusCode).toBe(
      409,
    );
    expect((await org.api('DELETE', `/channels/feeds/${added.json().id}`)).statusCode).toBe(204);
    expect(await countJobs(t.database.db, { key: `feed:${added.json().id}`, status: 'pending' })).toBe(0);
    expect((await org.api('DELETE', `/channels/feeds/${added.json().id}`)).statusCode).toBe(404);
    expect((await org.api('POST', `/channels/feeds/${added.json().id}/poll`)).statusCode).toBe(404);
    expect((await t.call(undefined, { method: 'GET', url: '/api/v1/channels/feeds' })).statusCode).toBe(401);
  });
});

describe('fetching a feed', () => {
  it('gives up on a feed that is too large or does not answer in time', async () => {
    const big = await startSink(() => ({ status: 200, body: 'x'.repeat(20_000) }));
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      await expect(fetchFeed(big.url, { etag: null, lastModified: null }, { maxBytes: 10_000 })).rejects.toThrow(
        /larger than/,
      );
      const port = (silent.address() as AddressInfo).port;
      await expect(
        fetchFeed(`http://127.0.0.1:${port}/`, { etag: null, lastModified: null }, { timeoutMs: 300 }),
      ).rejects.toThrow(/no answer within 0.3 seconds/);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
      await big.close();
    }
  });
});

describe('every channel, one customer', () => {
  it('puts a call with its transcript, an SMS, a feed post and a signed social post on one timeline, and refuses unsigned and replayed webhooks', async () => {
    const org = await organisation();
    const known = await postContact(t, org.token, {
      channel: 'portal',
      occurredAt: hoursAgo(5).toISOString(),
      customer: { phone: '+44 7700 900123', handle: 'priya_shah', name: 'Priya Shah' },
      text: 'Signed up',
    });

    const at = (h: number) => hoursAgo(h).toISOString();
    const call = { callId: 'CALL-7', from: '+447700900123', to: '+442079460000' };
    for (const [event, h] of [
      ['offered', 4],
      ['answered', 3.99],
      ['ended', 3.9],
    ] as const) {
      expect((await org.post('phone/events', { ...call, event, at: at(h) })).statusCode).toBeLessThan(300);
    }
    const transcript = await org.post('phone/transcripts', {
      callId: 'CALL-7',
      segments: [{ speaker: 'Priya', role: 'customer', startMs: 0, endMs: 2000, text: 'My eSIM is stuck' }],
    });
    expect(transcript.json().customerId).toBe(known.customerId);
    const sms = await org.post('sms', {
      messageId: 'SMS-7',
      from: '+447700900123',
      to: '+447700900000',
      text: 'Any news on my eSIM?',
      at: at(3),
    });
    expect(sms.json().customerId).toBe(known.customerId);
    const social = {
      network: 'x',
      postId: 'X-7',
      author: { handle: '@Priya_Shah' },
      text: 'Still no eSIM @LumenMobile',
      at: at(1),
    };
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = await org.post('social', social, { timestamp });
    expect(signed.json().customerId).toBe(known.customerId);
    expect((await org.post('social', social, { timestamp })).statusCode).toBe(401);
    expect((await org.post('social', { ...social, postId: 'X-8' }, { signature: null })).statusCode).toBe(401);

    const server = await feedServer({
      body: rss([
        { guid: 'f-7', title: 'eSIM stuck for days', author: 'Priya Shah', body: 'Anyone else?', at: hoursAgo(2) },
      ]),
    });
    try {
      const feedId = (await org.api('POST', '/channels/feeds', { url: server.url })).json().id;
      expect((await org.api('POST', `/channels/feeds/${feedId}/poll`)).json().created).toBe(1);
    } finally {
      await server.close();
    }

    const timeline = (await org.api('GET', `/customers/${known.customerId}/timeline?limit=200`)).json();
    const contacts = timeline.items
      .filter((i: { type: string }) => i.type === 'contact')
      .map((i: { channel: string }) => i.channel);
    expect(contacts).toEqual(['social', 'forum', 'sms', 'phone', 'portal']);
    const customers = (await org.api('GET', '/search?q=eSIM&types=contact'))
      .json()
      .results.map((r: { customerId: string }) => r.customerId);
    expect(new Set(customers)).toEqual(new Set([known.customerId]));
  });
});
