import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postContact, startTestApp, type ContactBody, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Item = { type: string; id: string; kind?: string | null; data?: Json | null };

/** A fresh organisation, and short ways to call its API as its administrator. */
async function organisation() {
  const { token } = await t.newTenant();
  const call = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
    t.call(token, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
  const ok = async (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>): Promise<Json> => {
    const res = await call(method, url, payload);
    if (res.statusCode !== 200 && res.statusCode !== 201)
      throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return res.json();
  };
  let seq = 0;
  const contact = (customer: ContactBody['customer'], extra: Partial<ContactBody> = {}) =>
    postContact(t, token, {
      channel: 'email',
      occurredAt: new Date(Date.now() - 3_600_000 + ++seq * 1000).toISOString(),
      customer,
      text: `message ${seq}`,
      ...extra,
    });
  const timeline = async (customerId: string) =>
    (await ok('GET', `/customers/${customerId}/timeline?limit=200`)) as { customerId: string; items: Item[] };
  const contactIds = async (customerId: string) =>
    (await timeline(customerId)).items
      .filter((i) => i.type === 'contact')
      .map((i) => i.id)
      .sort();
  const suggestions = async (customerId: string) =>
    ((await ok('GET', `/customers/${customerId}/duplicates`)).suggestions as Json[]).map(
      (s) => s.customer.id as string,
    );
  return { token, call, ok, contact, timeline, contactIds, suggestions };
}

/** Jane, known by her work email and mobile; and the same Jane again, who rang from her mobile written the national way. */
async function janeTwice(
  org: Awaited<ReturnType<typeof organisation>>,
  digits = String(Math.floor(Math.random() * 1e6)).padStart(6, '0'),
) {
  const first = await org.contact(
    { email: `jane.doe.${digits}@work.example`, phone: `+44 7700 ${digits}`, name: 'Jane Doe' },
    { subject: 'Bill' },
  );
  await org.contact({ email: `jane.doe.${digits}@work.example` }, { channel: 'chat' });
  const second = await org.contact({ phone: `0 7700 ${digits}` }, { channel: 'phone' });
  await org.contact({ phone: `07700${digits}` }, { channel: 'sms' });
  expect(second.customerId).not.toBe(first.customerId);
  return { survivor: first.customerId, duplicate: second.customerId, digits };
}

describe('likely duplicate customers', () => {
  it('suggests the same mobile number written with and without +44, saying why, and lists the pair tenant-wide', async () => {
    const org = await organisation();
    const { survivor, duplicate, digits } = await janeTwice(org);
    await org.contact({ email: 'john.smith@acme.example', name: 'John Smith' });
    await org.contact({ phone: '+44 113 496 0000', name: 'John Smith' });

    const answer = await org.ok('GET', `/customers/${survivor}/duplicates`);
    expect(answer.customerId).toBe(survivor);
    expect(answer.suggestions).toHaveLength(1);
    expect(answer.suggestions[0]).toMatchObject({ customer: { id: duplicate, phones: [`07700${digits}`] }, score: 70 });
    expect(answer.suggestions[0].reasons.map((r: Json) => r.text)).toEqual([
      `same phone number except country prefix: +447700${digits} vs 07700${digits}`,
    ]);

    const list = await org.ok('GET', '/customer-duplicates?limit=10');
    // The two John Smiths have only a name in common: not suggested.
    expect(list.pairs.map((p: Json) => [p.customer.id, p.duplicate.id])).toEqual([[survivor, duplicate]]);
    expect(list.examinedCustomers).toBe(4);
  });

  it('suggests the same name at the same address, however the postcode is written, but not a neighbour', async () => {
    const org = await organisation();
    const register = async (name: string, line1: string, postcode: string) =>
      (
        await org.ok('POST', '/customers', {
          name,
          address: { line1, postcode },
          emails: [`${randomUUID()}@mail.example`],
        })
      ).id as string;
    const ann = await register('Ann Lee', '12 High Street', 'LS1 4AP');
    const again = await register('Lee, Ann', '12 high street', 'ls14ap');
    const neighbour = await register('Ann Lee', '14 High Street', 'LS1 4AP');
    const answer = await org.ok('GET', `/customers/${again}/duplicates`);
    expect(answer.suggestions.map((s: Json) => [s.customer.id, s.score])).toEqual([[ann, 65]]);
    expect(answer.suggestions[0].reasons.map((r: Json) => r.text)).toEqual([
      'same postal address: 12 High Street, LS1 4AP',
      'same name: Lee, Ann / Ann Lee',
    ]);
    expect(
      (await org.ok('GET', '/customer-duplicates')).pairs.map((p: Json) => [p.customer.id, p.duplicate.id]),
    ).toEqual([[ann, again]]);
    expect(await org.suggestions(neighbour)).toEqual([]);
  });

  it('never suggests a pair again once dismissed as two people', async () => {
    const org = await organisation();
    const { survivor, duplicate } = await janeTwice(org);
    expect(await org.suggestions(duplicate)).toEqual([survivor]);

    const res = await org.call('POST', `/customers/${duplicate}/duplicates/${survivor}/dismiss`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ customerId: duplicate, otherId: survivor });
    expect((await org.call('POST', `/customers/${survivor}/duplicates/${duplicate}/dismiss`)).statusCode).toBe(200);

    expect(await org.suggestions(survivor)).toEqual([]);
    expect(await org.suggestions(duplicate)).toEqual([]);
    expect((await org.ok('GET', '/customer-duplicates')).pairs).toEqual([]);
    expect((await org.call('POST', `/customers/${survivor}/duplicates/${survivor}/dismiss`)).statusCode).toBe(400);
  });
});

describe('merging customers', () => {
  it('moves everything to the survivor, resolves the old id, and undoes exactly what moved', async () => {
    const org = await organisation();
    const { survivor, duplicate, digits } = await janeTwice(org);
    const survivorContacts = await org.contactIds(survivor);
    const duplicateContacts = await org.contactIds(duplicate);
    const kase = await org.ok('POST', '/cases', {
      customerId: duplicate,
      subject: 'Phone keeps dropping calls',
      contactIds: duplicateContacts.slice(0, 1),
    });

    const merged = await org.ok('POST', `/customers/${survivor}/merge`, { duplicateId: duplicate });
    expect(merged).toMatchObject({
      survivingCustomerId: survivor,
      mergedCustomerId: duplicate,
      undoneAt: null,
      restored: null,
      filledFields: [],
    });
    expect(merged.moved).toMatchObject({ contacts: 2, cases: 1, customer_identities: 1, users: 0 });
    expect(merged.moved.case_events).toBeGreaterThanOrEqual(2);
    expect(merged.survivor).toMatchObject({
      id: survivor,
      phones: [`+447700${digits}`, `07700${digits}`],
      mergedFrom: null,
    });

    // Every contact is on the survivor's timeline, with the merge itself.
    const after = await org.timeline(survivor);
    expect(await org.contactIds(survivor)).toEqual([...survivorContacts, ...duplicateContacts].sort());
    expect(after.items.find((i) => i.type === 'customer_event')).toMatchObject({
      kind: 'merged_from',
      data: { mergeId: merged.id, customerId: duplicate },
    });
    expect((await org.ok('GET', `/cases/${kase.id}`)).customerId).toBe(survivor);

    // The old id still leads to the person.
    const old = await org.ok('GET', `/customers/${duplicate}`);
    expect(old).toMatchObject({
      id: survivor,
      name: 'Jane Doe',
      mergedFrom: { customerId: duplicate, mergeId: merged.id },
    });
    expect((await org.timeline(duplicate)).customerId).toBe(survivor);
    expect(await org.suggestions(survivor)).toEqual([]);

    // After the merge: her mobile writes again, from a new handle too; a note on the case that moved.
    const later = await org.contact({ phone: `07700${digits}`, handle: `@jane_${digits}` }, { channel: 'social' });
    expect(later.customerId).toBe(survivor);
    await org.ok('POST', `/cases/${kase.id}/notes`, { text: 'Customer says it is worse at home' });

    const undone = await org.ok('POST', `/customer-merges/${merged.id}/undo`);
    expect(undone).toMatchObject({ id: merged.id, survivingCustomerId: survivor, mergedCustomerId: duplicate });
    expect(undone.undoneAt).not.toBeNull();
    expect(undone.restored).toMatchObject({ contacts: 2, cases: 1, customer_identities: 1 });
    // The note was written after the merge, on the case that goes back: it goes back with it.
    expect(undone.restored.case_events).toBe(merged.moved.case_events + 1);
    expect(undone.restoredCustomer).toMatchObject({
      id: duplicate,
      phones: [`07700${digits}`],
      handles: [],
      mergedFrom: null,
    });
    // What arrived at the survivor after the merge and on no moved case stays: the new contact and handle.
    expect(undone.survivor).toMatchObject({ id: survivor, phones: [`+447700${digits}`], handles: [`jane_${digits}`] });
    expect(await org.contactIds(survivor)).toEqual([...survivorContacts, later.id].sort());
    expect(await org.contactIds(duplicate)).toEqual(duplicateContacts);
    expect((await org.ok('GET', `/cases/${kase.id}`)).customerId).toBe(duplicate);
    expect((await org.timeline(duplicate)).items.filter((i) => i.type === 'case_event').map((i) => i.kind)).toContain(
      'note',
    );
    expect((await org.timeline(survivor)).items.filter((i) => i.type === 'customer_event').map((i) => i.kind)).toEqual([
      'unmerged',
      'merged_from',
    ]);
    expect((await org.ok('GET', `/customers/${duplicate}`)).id).toBe(duplicate);
    // Undoing says they are two people: no longer suggested.
    expect(await org.suggestions(survivor)).toEqual([]);

    const again = await org.call('POST', `/customer-merges/${merged.id}/undo`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'conflict', details: { reason: 'merge_already_undone' } });
  });

  it("fills the survivor's empty name from the duplicate, and empties it again on undo", async () => {
    const org = await organisation();
    const { survivor: named, duplicate: unnamed } = await janeTwice(org);
    const merged = await org.ok('POST', `/customers/${unnamed}/merge`, { duplicateId: named });
    expect(merged.filledFields).toEqual(['name']);
    expect(merged.survivor).toMatchObject({ id: unnamed, name: 'Jane Doe' });
    // Search finds the person once, as the survivor.
    const found = await org.ok('GET', '/search?q=Jane%20Doe&types=customer');
    expect(found.results.map((r: Json) => r.customerId)).toEqual([unnamed]);
    const undone = await org.ok('POST', `/customer-merges/${merged.id}/undo`);
    expect(undone.survivor.name).toBeNull();
    expect(undone.restoredCustomer.name).toBe('Jane Doe');
  });

  it('refuses merging a customer into itself, twice, or into a merged customer, with clear messages', async () => {
    const org = await organisation();
    const { survivor, duplicate } = await janeTwice(org);
    const third = (await org.contact({ email: `someone-${randomUUID()}@else.example` })).customerId;

    const self = await org.call('POST', `/customers/${survivor}/merge`, { duplicateId: survivor });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.details.reason).toBe('merge_into_itself');

    await org.ok('POST', `/customers/${survivor}/merge`, { duplicateId: duplicate });
    const twice = await org.call('POST', `/customers/${survivor}/merge`, { duplicateId: duplicate });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({
      details: { reason: 'customer_already_merged', mergedIntoId: survivor },
    });
    expect(twice.json().error.message).toMatch(/already merged/);

    const intoMerged = await org.call('POST', `/customers/${duplicate}/merge`, { duplicateId: third });
    expect(intoMerged.statusCode).toBe(409);
    expect(intoMerged.json().error).toMatchObject({ details: { reason: 'merge_into_merged', mergedIntoId: survivor } });

    const dismissMerged = await org.call('POST', `/customers/${third}/duplicates/${duplicate}/dismiss`);
    expect(dismissMerged.statusCode).toBe(409);
    expect((await org.call('POST', `/customers/${survivor}/merge`, { duplicateId: randomUUID() })).statusCode).toBe(
      404,
    );
  });

  it('follows merges of merges, and unwinds them in reverse order', async () => {
    const org = await organisation();
    const { survivor: a, duplicate: b } = await janeTwice(org);
    const c = (await org.contact({ email: `jane.doe.${randomUUID().slice(0, 6)}@home.example`, name: 'Jane Doe' }))
      .customerId;
    const first = await org.ok('POST', `/customers/${a}/merge`, { duplicateId: b });
    const second = await org.ok('POST', `/customers/${c}/merge`, { duplicateId: a });
    expect(second.moved.contacts).toBe(4);
    expect(await org.ok('GET', `/customers/${b}`)).toMatchObject({
      id: c,
      mergedFrom: { customerId: b, mergeId: first.id },
    });
    // A case opened for the old id is the person's.
    expect((await org.ok('POST', '/cases', { customerId: b, subject: 'New SIM' })).customerId).toBe(c);

    const early = await org.call('POST', `/customer-merges/${first.id}/undo`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details.reason).toBe('survivor_merged');
    await org.ok('POST', `/customer-merges/${second.id}/undo`);
    await org.ok('POST', `/customer-merges/${first.id}/undo`);
    expect(await org.contactIds(b)).toHaveLength(2);
    expect(await org.contactIds(a)).toHaveLength(2);
  });

  it('will not undo while a case that went across was merged with one that stays', async () => {
    const org = await organisation();
    const { survivor, duplicate } = await janeTwice(org);
    const theirs = await org.ok('POST', '/cases', { customerId: duplicate, subject: 'Dropped calls' });
    const ours = await org.ok('POST', '/cases', { customerId: survivor, subject: 'Dropped calls again' });
    const merge = await org.ok('POST', `/customers/${survivor}/merge`, { duplicateId: duplicate });
    await org.ok('POST', `/cases/${theirs.id}/merge`, { intoCaseId: ours.id });

    const refused = await org.call('POST', `/customer-merges/${merge.id}/undo`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(
      `Case C-${theirs.number} was merged with C-${ours.number} after the customers were merged, so the two customers now share a case; unmerge those cases first`,
    );
    await org.ok('POST', `/cases/${theirs.id}/unmerge`);
    expect((await org.ok('POST', `/customer-merges/${merge.id}/undo`)).restored.cases).toBe(1);
  });

  it("answers 404 for another organisation's customers and merges, and lets analysts look but not merge", async () => {
    const org = await organisation();
    const other = await organisation();
    const { survivor, duplicate, digits } = await janeTwice(org);
    const theirs = await janeTwice(other, digits);
    const theirMerge = await other.ok('POST', `/customers/${theirs.survivor}/merge`, { duplicateId: theirs.duplicate });

    expect((await org.call('POST', `/customers/${survivor}/merge`, { duplicateId: theirs.duplicate })).statusCode).toBe(
      404,
    );
    expect((await org.call('POST', `/customers/${theirs.survivor}/merge`, { duplicateId: duplicate })).statusCode).toBe(
      404,
    );
    expect((await org.call('GET', `/customers/${theirs.duplicate}`)).statusCode).toBe(404);
    expect((await org.call('GET', `/customers/${theirs.survivor}/duplicates`)).statusCode).toBe(404);
    expect((await org.call('POST', `/customers/${survivor}/duplicates/${theirs.survivor}/dismiss`)).statusCode).toBe(
      404,
    );
    expect((await org.call('POST', `/customer-merges/${theirMerge.id}/undo`)).statusCode).toBe(404);
    // The two organisations share a phone number, but never each other's suggestions.
    expect(await org.suggestions(survivor)).toEqual([duplicate]);

    const { token } = await org.ok('POST', '/tokens', { name: 'analyst', role: 'analyst' });
    const asAnalyst = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
      t.call(token, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
    expect((await asAnalyst('GET', `/customers/${survivor}/duplicates`)).statusCode).toBe(200);
    expect((await asAnalyst('GET', '/customer-duplicates')).statusCode).toBe(200);
    expect((await asAnalyst('POST', `/customers/${survivor}/merge`, { duplicateId: duplicate })).statusCode).toBe(403);
  });
});
