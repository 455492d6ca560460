import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreClaims, type Claims, type StoredRecord } from './compare-fields.ts';
import { findDiscrepancies } from './discrepancies.ts';
import { judgeClaims } from './policy.ts';

const helen: StoredRecord = {
  name: 'Helen Carter',
  dateOfBirth: '1984-03-12',
  address: { line1: '10 Orchard Row', city: 'Harrogate' },
  postcode: 'HG1 4QT',
  lastPaymentMinor: 3299,
  phones: ['+447700900001'],
};
const helenSays: Claims = {
  name: 'Helen Carter',
  dateOfBirth: '1984-03-12',
  address: { line1: '30 Orchard Row', city: 'Harrogate' },
  postcode: 'hg1 4qt',
};
const judge = (record: StoredRecord, claims: Claims, pin?: 'match' | 'mismatch') =>
  judgeClaims(scoreClaims(record, claims, pin));

describe('the verification policy', () => {
  it("gives seed 000's 10-vs-30 house number, all else right, a partial with a step-up and nothing more", () => {
    expect(judge(helen, helenSays)).toEqual({ result: 'partial', assurance: 'none', stepUpOffered: true });
    // Without the date of birth too: one difference among agreeing fields is still partial.
    expect(judge(helen, { ...helenSays, dateOfBirth: undefined })).toMatchObject({ result: 'partial' });
  });

  it('passes the right details at a low level only: knowledge is weak evidence', () => {
    const right = { ...helenSays, address: { line1: '10, orchard row' } };
    expect(judge(helen, right)).toEqual({ result: 'pass', assurance: 'low', stepUpOffered: true });
    // One slip (a typo in the name) is forgiven.
    expect(judge(helen, { ...right, name: 'Helen Cartre' })).toMatchObject({ result: 'pass' });
  });

  it('never passes a fraudster whose details are almost right across several fields', () => {
    const almost: Claims = {
      name: 'Helen Cartre',
      dateOfBirth: '1984-03-21',
      address: { line1: '10 Orchad Row' },
      postcode: 'HG1 4QT',
    };
    expect(judge(helen, almost)).toMatchObject({ result: 'fail', stepUpOffered: false });
    expect(judge(helen, { ...almost, name: 'Helen Carter' })).toMatchObject({ result: 'fail' });
  });

  it('does not pass on what is printed on an envelope alone, nor with a wrong PIN', () => {
    expect(judge(helen, { name: 'Helen Carter', address: { line1: '10 Orchard Row' }, postcode: 'HG14QT' })).toEqual({
      result: 'partial',
      assurance: 'none',
      stepUpOffered: true,
    });
    const right = { ...helenSays, address: { line1: '10 Orchard Row' } };
    expect(judge(helen, { ...right, pin: '1234' }, 'mismatch').result).not.toBe('pass');
    expect(judge(helen, { ...right, pin: '1234' }, 'match').result).toBe('pass');
  });

  it('fails on too little: two fields, one of them wrong', () => {
    expect(judge(helen, { name: 'Helen Carter', postcode: 'LS1 1AA' }).result).toBe('fail');
  });

  it('keeps the discrepancy, for the correction task only', () => {
    const scores = scoreClaims(helen, helenSays);
    expect(findDiscrepancies(helen, helenSays, scores)).toEqual([
      {
        field: 'address',
        stored: '10 Orchard Row, Harrogate',
        claimed: '30 Orchard Row, Harrogate',
        value: { line1: '30 Orchard Row', city: 'Harrogate' },
      },
    ]);
  });
});

// Random records and claims: realistic values (capitalised words, numbers, dates, amounts), so
// that a stored value appearing in the answer would be a leak and not a coincidence of letters.
const word = fc.stringMatching(/^[A-Z][a-z]{3,9}$/);
const date = fc
  .date({ min: new Date('1930-01-01'), max: new Date('2008-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const postcode = fc.stringMatching(/^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$/);
const houseNumber = fc.integer({ min: 1, max: 299 }).map(String);
const record: fc.Arbitrary<StoredRecord> = fc.record({
  name: fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
  dateOfBirth: date,
  address: fc.record({
    line1: fc.tuple(houseNumber, word, fc.constantFrom('Road', 'St', 'Avenue', 'Row')).map((p) => p.join(' ')),
    city: word,
  }),
  postcode,
  lastPaymentMinor: fc.integer({ min: 100, max: 99999 }),
  phones: fc.array(fc.stringMatching(/^\+447700\d{6}$/), { minLength: 1, maxLength: 2 }),
});

/** A claim per field: the stored value, a variant of it, or something else entirely. */
const claimsFor = (r: StoredRecord): fc.Arbitrary<Claims> =>
  fc.record(
    {
      name: fc.oneof(fc.constant(r.name!), fc.constant(r.name!.toLowerCase()), word),
      dateOfBirth: fc.oneof(fc.constant(r.dateOfBirth!), date),
      address: fc.oneof(
        fc.constant({ line1: r.address!.line1! }),
        houseNumber.map((n) => ({ line1: r.address!.line1!.replace(/^\d+/, n) })),
        fc.record({ line1: word }),
      ),
      postcode: fc.oneof(fc.constant(r.postcode!), postcode),
      pin: fc.stringMatching(/^\d{4}$/),
      lastPayment: fc.oneof(
        fc.constant((r.lastPaymentMinor! / 100).toFixed(2)),
        fc.integer({ min: 1, max: 999 }).map(String),
      ),
      phoneLastDigits: fc.oneof(fc.constant(r.phones[0]!.slice(-2)), fc.stringMatching(/^\d{2}$/)),
    },
    { requiredKeys: [] },
  );

const storedValues = (r: StoredRecord): string[] => [
  r.name!,
  ...r.name!.split(' '),
  r.dateOfBirth!,
  r.address!.line1!,
  r.address!.city!,
  r.postcode!,
  r.postcode!.replace(' ', ''),
  String(r.lastPaymentMinor),
  (r.lastPaymentMinor! / 100).toFixed(2),
  ...r.phones,
];

describe('what an answer can tell', () => {
  it('never contains a stored value or a field name, whatever the record and the claims', () => {
    fc.assert(
      fc.property(
        record.chain((r) =>
          fc.tuple(
            fc.constant(r),
            claimsFor(r),
            fc.constantFrom('match', 'mismatch') as fc.Arbitrary<'match' | 'mismatch'>,
          ),
        ),
        ([r, claims, pin]) => {
          const answer = JSON.stringify(judge(r, claims, claims.pin === undefined ? undefined : pin));
          expect(Object.keys(JSON.parse(answer)).sort()).toEqual(['assurance', 'result', 'stepUpOffered']);
          for (const value of storedValues(r)) expect(answer).not.toContain(value);
          for (const field of ['name', 'date', 'address', 'postcode', 'pin', 'payment', 'phone'])
            expect(answer.toLowerCase()).not.toContain(field);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is the same whichever one field differs: the answer cannot say which', () => {
    fc.assert(
      fc.property(record, (r) => {
        const right: Claims = {
          name: r.name!,
          dateOfBirth: r.dateOfBirth!,
          address: { line1: r.address!.line1! },
          postcode: r.postcode!,
          lastPayment: (r.lastPaymentMinor! / 100).toFixed(2),
        };
        const wrongAt = [
          { ...right, name: 'Zzyzx Qwv' },
          { ...right, dateOfBirth: r.dateOfBirth!.startsWith('19') ? '2011-11-11' : '1911-11-11' },
          {
            ...right,
            address: {
              line1: `${Number(r.address!.line1!.split(' ')[0]) + 100} ${r.address!.line1!.split(' ').slice(1).join(' ')}`,
            },
          },
          { ...right, postcode: 'ZZ9 9ZZ' },
          { ...right, lastPayment: String(((r.lastPaymentMinor! + 50_000) / 100).toFixed(2)) },
        ];
        const answers = new Set(wrongAt.map((claims) => JSON.stringify(judge(r, claims))));
        expect([...answers]).toEqual([JSON.stringify({ result: 'partial', assurance: 'none', stepUpOffered: true })]);
      }),
      { numRuns: 300 },
    );
  });
});
