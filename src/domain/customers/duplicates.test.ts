import { describe, expect, it } from 'vitest';
import type { Identity } from '../identity.ts';
import {
  emailKey,
  phoneDifference,
  phoneKey,
  scoreDuplicate,
  suggestDuplicates,
  SUGGESTION_THRESHOLD,
  type CustomerFacts,
} from './duplicates.ts';
import { canMergeCustomers, canUndoCustomerMerge } from './merge.ts';
import { compareNames, nameTokens } from './names.ts';

let n = 0;
const customer = (
  name: string | null,
  identities: [Identity['kind'], string][] = [],
  extra: Partial<CustomerFacts> = {},
): CustomerFacts => ({
  id: `c${++n}`,
  name,
  identities: identities.map(([kind, value]) => ({ kind, value })),
  ...extra,
});
const signals = (a: CustomerFacts, b: CustomerFacts) => scoreDuplicate(a, b).reasons.map((r) => r.signal);
const texts = (a: CustomerFacts, b: CustomerFacts) => scoreDuplicate(a, b).reasons.map((r) => r.text);
const suggested = (a: CustomerFacts, b: CustomerFacts) => suggestDuplicates(a, [b]).length === 1;

describe('names', () => {
  it('compares names ignoring case, accents, punctuation, titles and order', () => {
    expect(nameTokens('Smith, Jane')).toEqual(['jane', 'smith']);
    expect(nameTokens('Mrs. JANE  Smith')).toEqual(['jane', 'smith']);
    expect(compareNames('José Núñez', 'jose nunez')).toBe('same');
    expect(compareNames('Smith, Jane', 'Jane Smith')).toBe('same');
    expect(compareNames("Siobhan O'Brien", 'Siobhan OBrien')).toBe('same');
  });

  it('tells near, compatible, related and different names apart', () => {
    expect(compareNames('Jon Smith', 'John Smith')).toBe('near');
    expect(compareNames('J. Smith', 'Jane Smith')).toBe('compatible');
    expect(compareNames('Bob Smith', 'Robert Smith')).toBe('compatible');
    expect(compareNames('Jane Doe', 'Jane Mary Doe')).toBe('compatible');
    expect(compareNames('Jane Doe', 'Peter Doe')).toBe('same_surname');
    expect(compareNames('Jane Doe', 'Jane Wilson')).toBe('same_given_name');
    expect(compareNames('Jane Doe', 'Robert Brown')).toBe('different');
    expect(compareNames('Jane Doe', null)).toBe('unknown');
  });
});

describe('phone numbers', () => {
  it('sees one number with and without country code or trunk 0', () => {
    expect(phoneDifference('+447700900123', '07700900123')).toBe('country prefix');
    expect(phoneDifference('07700900123', '+447700900123')).toBe('country prefix');
    expect(phoneDifference('+33612345678', '0612345678')).toBe('country prefix');
    expect(phoneDifference('+15551234567', '5551234567')).toBe('country prefix');
    expect(phoneDifference('07700900123', '7700900123')).toBe('leading 0');
    // "+44 (0)7700 900123" typed with the 0
    expect(phoneDifference('+4407700900123', '07700900123')).toBe('country prefix');
  });

  it('does not confuse different numbers or countries', () => {
    expect(phoneDifference('+447700900123', '+17700900123')).toBeNull();
    expect(phoneDifference('+447700900123', '07700900124')).toBeNull();
    expect(phoneDifference('+4420123', '020123')).toBeNull(); // too short to say
    // A national number that ends another's digits only after a long prefix is another number.
    expect(phoneDifference('+4412347700900123', '07700900123')).toBeNull();
  });

  it('keys every spelling of a number by its last seven digits', () => {
    expect(phoneKey('+447700900123')).toBe(phoneKey('07700900123'));
    expect(phoneKey('12345')).toBeNull();
  });
});

describe('email addresses', () => {
  it('keys by mailbox without +tag, and ignores generic mailboxes', () => {
    expect(emailKey('Jane.Doe+shop@gmail.example')).toBe('jane.doe');
    expect(emailKey('info@acme.example')).toBeNull();
    expect(emailKey('noreply@acme.example')).toBeNull();
    expect(emailKey('support@acme.example')).toBeNull();
  });
});

describe('scoring likely duplicates', () => {
  it('does not suggest two different John Smiths with nothing else in common', () => {
    const a = customer('John Smith', [['email', 'john.smith@acme.example']]);
    const b = customer('John Smith', [['phone', '+447700900555']]);
    expect(scoreDuplicate(a, b).score).toBeLessThan(SUGGESTION_THRESHOLD);
    expect(suggested(a, b)).toBe(false);
    // Not even in the same region.
    expect(suggested({ ...a, region: 'North' }, { ...b, region: 'North' })).toBe(false);
  });

  it('suggests the same number with and without +44, saying so', () => {
    const a = customer('Jane Doe', [['phone', '+447700900123']]);
    const b = customer(null, [['phone', '07700900123']]);
    expect(suggested(a, b)).toBe(true);
    expect(texts(a, b)).toEqual(['same phone number except country prefix: +447700900123 vs 07700900123']);
  });

  it('adds up agreeing evidence, strongest reason first', () => {
    const a = customer('Jane Doe', [
      ['email', 'jane.doe@work.example'],
      ['phone', '+447700900123'],
    ]);
    const b = customer('Doe, Jane', [
      ['email', 'jane.doe@gmail.example'],
      ['phone', '07700900123'],
    ]);
    const { score, reasons } = scoreDuplicate(a, b);
    expect(score).toBe(100);
    expect(reasons.map((r) => r.text)).toEqual([
      'same phone number except country prefix: +447700900123 vs 07700900123',
      'same email address at another domain: jane.doe@work.example / jane.doe@gmail.example',
      'same name: Jane Doe / Doe, Jane',
    ]);
  });

  it('suggests a personal mailbox at another domain, but not a generic or a short common one alone', () => {
    expect(
      suggested(
        customer(null, [['email', 'jane.doe@work.example']]),
        customer(null, [['email', 'jane.doe@gmail.example']]),
      ),
    ).toBe(true);
    expect(
      signals(customer(null, [['email', 'info@one.example']]), customer(null, [['email', 'info@two.example']])),
    ).toEqual([]);
    expect(
      suggested(customer(null, [['email', 'john@one.example']]), customer(null, [['email', 'john@two.example']])),
    ).toBe(false);
    // ...though a short mailbox with the same name is enough.
    expect(
      suggested(
        customer('John Smith', [['email', 'john@one.example']]),
        customer('John Smith', [['email', 'john@two.example']]),
      ),
    ).toBe(true);
  });

  it('treats a +tag as the same address', () => {
    const a = customer(null, [['email', 'jane+shop@gmail.example']]);
    const b = customer(null, [['email', 'jane@gmail.example']]);
    expect(texts(a, b)).toEqual(['same email address apart from a +tag: jane+shop@gmail.example / jane@gmail.example']);
    expect(suggested(a, b)).toBe(true);
  });

  it('needs more than a nearly identical name', () => {
    const a = customer('Jon Smith', [['phone', '+447700900777']]);
    const b = customer('John Smith', [['email', 'jsmith@acme.example']]);
    expect(texts(a, b)).toEqual(['names nearly identical: Jon Smith / John Smith']);
    expect(suggested(a, b)).toBe(false);
    const address = { line1: '12 High Street', postcode: 'LS1 4AP' };
    expect(suggested({ ...a, address }, { ...b, address: { line1: '12 high street', postcode: 'ls14ap' } })).toBe(true);
  });

  it('counts clearly different names against shared evidence (a household sharing a landline)', () => {
    const a = customer('Jane Doe', [['phone', '+441132000000']]);
    const b = customer('Robert Brown', [['phone', '01132000000']]);
    expect(signals(a, b)).toEqual(['same_phone_other_prefix', 'names_differ']);
    expect(suggested(a, b)).toBe(false);
    const spouse = customer('Peter Doe', [['phone', '01132000000']]);
    expect(scoreDuplicate(a, spouse).score).toBeLessThan(
      scoreDuplicate(a, customer(null, [['phone', '01132000000']])).score,
    );
  });

  it('matches a social handle to an email mailbox', () => {
    const a = customer(null, [['handle', 'janedoe88']]);
    const b = customer('Jane Doe', [['email', 'janedoe88@gmail.example']]);
    expect(texts(a, b)).toEqual(['handle matches email address: @janedoe88 / janedoe88@gmail.example']);
  });

  it('lists suggestions strongest first, above the threshold only, never the customer itself', () => {
    const me = customer('Jane Doe', [
      ['phone', '+447700900123'],
      ['email', 'jane.doe@work.example'],
    ]);
    const weak = customer('Jane Doe');
    const phone = customer(null, [['phone', '07700900123']]);
    const both = customer('Jane Doe', [
      ['phone', '7700900123'],
      ['email', 'jane.doe@home.example'],
    ]);
    const result = suggestDuplicates(me, [weak, phone, both, me, phone]);
    expect(result.map((s) => s.customerId)).toEqual([both.id, phone.id]);
    expect(result[0]!.score).toBeGreaterThan(result[1]!.score);
  });
});

describe('merge rules', () => {
  const live = (id: string) => ({ id, name: `Customer ${id}`, mergedIntoId: null });
  it('refuses a merge into itself, of a merged customer, or into a merged customer', () => {
    expect(canMergeCustomers(live('a'), live('a'))).toMatchObject({ ok: false, code: 'merge_into_itself' });
    expect(canMergeCustomers(live('a'), { ...live('b'), mergedIntoId: 'c' })).toMatchObject({
      ok: false,
      code: 'customer_already_merged',
    });
    expect(canMergeCustomers({ ...live('a'), mergedIntoId: 'c' }, live('b'))).toMatchObject({
      ok: false,
      code: 'merge_into_merged',
    });
    expect(canMergeCustomers(live('a'), live('b'))).toEqual({ ok: true });
  });

  it('undoes a merge once, in reverse order of merges, and not across merged cases', () => {
    const merge = { undoneAt: null, survivingCustomerId: 'a' };
    const merged = { ...live('b'), mergedIntoId: 'a' };
    expect(canUndoCustomerMerge(merge, live('a'), merged, [])).toEqual({ ok: true });
    expect(canUndoCustomerMerge({ ...merge, undoneAt: new Date() }, live('a'), merged, [])).toMatchObject({
      code: 'merge_already_undone',
    });
    expect(canUndoCustomerMerge(merge, { ...live('a'), mergedIntoId: 'z' }, merged, [])).toMatchObject({
      code: 'survivor_merged',
    });
    const across = canUndoCustomerMerge(merge, live('a'), merged, [{ mergedNumber: 3, survivingNumber: 7 }]);
    expect(across).toMatchObject({ code: 'cases_merged_across' });
    expect(!across.ok && across.message).toContain('C-3');
  });
});
