import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisWorker } from '../../src/jobs/analysis-worker.ts';
import { contactCentre } from '../helpers/contact-centre.ts';
import { postContact, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const TOPICS: Record<string, string[]> = {
  billing: [
    'my bill is higher than last month',
    'I was charged twice on my invoice',
    'why is there an extra fee on my bill',
    'the direct debit took the wrong amount',
  ],
  roaming: [
    'my phone does not work abroad',
    'roaming charges in Spain are too high',
    'no signal since I landed in France',
    'data does not work while travelling',
  ],
};

async function staff(centre: Awaited<ReturnType<typeof contactCentre>>, name: string, role: string) {
  const user = await centre.call('POST', '/api/v1/users', { email: `${name}@centre.example`, name, role });
  const { token } = await centre.call('POST', '/api/v1/tokens', { name, role, userId: user.id });
  return token as string;
}

describe('review queue', () => {
  it('ranks analysed contacts by insight, filters them, takes expert labels and trains a topic model on them', async () => {
    const centre = await contactCentre(t);
    const analyst = await staff(centre, 'rosa', 'analyst');
    const supervisor = await staff(centre, 'sam', 'supervisor');
    const texts = [
      'On hold for 30 minutes and nobody helps, I want to cancel my contract. My card is 4111 1111 1111 1111',
      'Thanks, all sorted now, great service',
      'This is the third time I call about this and I want to speak to a manager',
      'Please stop calling me, remove my number from your list',
      ...TOPICS.billing!,
      ...TOPICS.roaming!,
    ];
    const ids: string[] = [];
    for (const [i, text] of texts.entries()) {
      const vendor = i === 3 ? { vendor: 'Brightline' } : {};
      ids.push(
        (
          await postContact(t, centre.admin, {
            channel: i % 2 ? 'chat' : 'email',
            customer: { email: `c${i}@example.com` },
            text,
            ...vendor,
          })
        ).id,
      );
    }
    await new AnalysisWorker(t.database.db, { tenantIds: [centre.tenant.tenant.id] }).drain();

    const queue = async (token: string, query = '') =>
      t.call(token, {
        method: 'GET',
        url: `/api/v1/analysis/review?${query.includes('limit=') ? '' : 'limit=5'}${query}`,
      });
    const first = await queue(analyst);
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.modelVersion).toBe('builtin-1');
    const scores = page.items.map((i: { analysis: { insightScore: number } }) => i.analysis.insightScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(page.items[0].contactId).toBe(ids[0]);
    // Everyone reads the analyst copy here.
    expect(page.items[0].text).toContain('[CARD]');
    expect(page.items[0].text).not.toContain('4111');

    // Paging walks every analysed contact once.
    const seen = new Set<string>(page.items.map((i: { contactId: string }) => i.contactId));
    let cursor = page.nextCursor as string | null;
    while (cursor) {
      const next = (await queue(analyst, `&cursor=${cursor}`)).json();
      for (const item of next.items) seen.add(item.contactId);
      cursor = next.nextCursor;
    }
    expect(seen.size).toBe(texts.length);

    const byCue = (await queue(analyst, '&cue=do_not_contact')).json();
    expect(byCue.items.map((i: { contactId: string }) => i.contactId)).toEqual([ids[3]]);
    const byVendor = (await queue(analyst, '&vendor=Brightline')).json();
    expect(byVendor.items.map((i: { contactId: string; vendor: string }) => [i.contactId, i.vendor])).toEqual([
      [ids[3], 'Brightline'],
    ]);
    expect((await queue(analyst, '&direction=outbound')).json().items).toEqual([]);
    expect((await queue(analyst, '&direction=inbound&limit=50')).json().items).toHaveLength(texts.length);
    const chats = (await queue(analyst, '&channel=chat&limit=50')).json();
    expect(chats.items.every((i: { channel: string }) => i.channel === 'chat')).toBe(true);
    const facets = (await t.call(analyst, { method: 'GET', url: '/api/v1/analysis/review/facets' })).json();
    expect(facets.total).toBe(texts.length);
    expect(facets.cues).toEqual(expect.arrayContaining([{ value: 'do_not_contact', count: 1 }]));
    expect(facets.vendors).toEqual([{ value: 'Brightline', count: 1 }]);

    // Agents cannot review; a bad filter is a clear 400.
    expect((await queue(centre.alice.token)).statusCode).toBe(403);
    expect((await queue(analyst, '&cue=grumpy')).statusCode).toBe(400);
    expect((await queue(analyst, '&cursor=nonsense')).statusCode).toBe(400);

    // Experts label: the label keeps what the analysis said, for the audit.
    const label = async (contactId: string, body: Record<string, unknown>) =>
      t.call(analyst, { method: 'POST', url: `/api/v1/contacts/${contactId}/labels`, payload: body });
    const labelled = await label(ids[1]!, { sentiment: 'positive', cues: [], note: 'Happy customer' });
    expect(labelled.statusCode).toBe(201);
    expect(labelled.json()).toMatchObject({
      sentiment: 'positive',
      cues: [],
      modelVersion: 'builtin-1',
      reviewerName: 'rosa',
    });
    expect(labelled.json().analysisSnapshot.sentiment).toBe('positive');
    expect((await label(ids[1]!, {})).statusCode).toBe(400);
    expect((await label('00000000-0000-4000-8000-000000000000', { topic: 'x' })).statusCode).toBe(404);
    const disagree = await label(ids[2]!, { sentiment: 'neutral' });
    expect(disagree.statusCode).toBe(201);
    const audit = (await t.call(analyst, { method: 'GET', url: '/api/v1/analysis/audit' })).json();
    expect(audit).toMatchObject({
      labelled: 2,
      sentiment: { compared: 2, agreed: 1 },
      cues: { compared: 1, agreed: 1 },
    });
    expect((await queue(analyst, '&reviewed=true&limit=50')).json().items).toHaveLength(2);

    // Analysts label; training and activating a model is for supervisors and administrators.
    const byAnalyst = await t.call(analyst, { method: 'POST', url: '/api/v1/analysis/models', payload: {} });
    expect(byAnalyst.statusCode).toBe(403);

    // Too few topic labels to train on: a clear refusal.
    const tooFew = await t.call(supervisor, { method: 'POST', url: '/api/v1/analysis/models', payload: {} });
    expect(tooFew.statusCode).toBe(400);
    expect(tooFew.json().error.message).toMatch(/at least 3 labelled contacts/);

    for (const [topic, examples] of Object.entries(TOPICS)) {
      for (const text of examples) {
        const index = texts.indexOf(text);
        expect((await label(ids[index]!, { topic })).statusCode).toBe(201);
      }
    }
    const trained = await t.call(supervisor, {
      method: 'POST',
      url: '/api/v1/analysis/models',
      payload: { name: 'topics' },
    });
    expect(trained.statusCode).toBe(201);
    expect(trained.json().model).toMatchObject({
      name: 'topics',
      version: 1,
      active: true,
      labels: ['billing', 'roaming'],
      exampleCount: 8,
    });
    expect(trained.json().queued).toBe(texts.length);

    // The new model analyses the history again; the queue ranks under the new version with topics.
    await new AnalysisWorker(t.database.db, { tenantIds: [centre.tenant.tenant.id] }).drain();
    const retopic = (await queue(analyst, '&topic=roaming&limit=50')).json();
    expect(retopic.modelVersion).toBe('builtin-1+topics@1');
    expect(retopic.items.map((i: { contactId: string }) => i.contactId)).toEqual(
      expect.arrayContaining(TOPICS.roaming!.map((text) => ids[texts.indexOf(text)])),
    );
    const models = (await t.call(analyst, { method: 'GET', url: '/api/v1/analysis/models' })).json();
    expect(models).toHaveLength(1);
    const activate = { method: 'POST', url: `/api/v1/analysis/models/${models[0].id}/activate` } as const;
    expect((await t.call(analyst, activate)).statusCode).toBe(403);
    expect((await t.call(supervisor, activate)).statusCode).toBe(200);
    const history = (await t.call(analyst, { method: 'GET', url: `/api/v1/contacts/${ids[1]}/labels` })).json();
    expect(history).toHaveLength(1);
  });
});
