import { describe, expect, it } from 'vitest';
import {
  compareAddress,
  compareAmount,
  compareDateOfBirth,
  compareName,
  comparePhoneDigits,
  comparePostcode,
} from './compare-fields.ts';
import { addressParts, editDistance, isTransposition, plainText } from './normalise.ts';

describe('normalising what was said', () => {
  it('ignores case, accents, spacing and punctuation', () => {
    expect(plainText('  Zoë  O\u2019Brien-Smith. ')).toBe('zoe o brien smith');
  });

  it('writes out address abbreviations and sets flat words aside', () => {
    expect(addressParts('Flat 2, 30 High St')).toEqual(addressParts('30 High Street, flat 2'));
    expect(addressParts('Apt 2, 30 High Street')).toEqual(addressParts('Unit 2 30 high st.'));
    expect(addressParts('12 Elm Ave').words).toEqual(['elm', 'avenue']);
  });

  it('counts a swapped pair of letters as one edit', () => {
    expect(editDistance('carter', 'cartre')).toBe(1);
    expect(editDistance('carter', 'carver')).toBe(1);
    expect(editDistance('carter', 'porter')).toBe(2);
    expect(isTransposition('13', '31')).toBe(true);
    expect(isTransposition('10', '30')).toBe(false);
  });
});

describe('names', () => {
  it('matches whatever the order, case and title', () => {
    expect(compareName('mrs helen CARTER', 'Helen Carter')).toBe('match');
    expect(compareName('Carter, Helen', 'Helen Carter')).toBe('match');
  });

  it('is near with one typo per word, an initial, or a middle name left out', () => {
    expect(compareName('Helen Cartre', 'Helen Carter')).toBe('near');
    expect(compareName('H Carter', 'Helen Carter')).toBe('near');
    expect(compareName('Helen Carter', 'Helen Mary Carter')).toBe('near');
  });

  it('differs for another person', () => {
    expect(compareName('Helen Porter', 'Helen Carter')).toBe('mismatch');
    expect(compareName('Helen Carver', 'Helen Carter')).toBe('near');
    expect(compareName('Ellen Carver', 'Helen Carter')).toBe('mismatch');
    expect(compareName('Mark Smith', 'Helen Carter')).toBe('mismatch');
  });
});

describe('addresses', () => {
  const stored = { line1: 'Flat 2, 30 High St', city: 'Harrogate' };

  it('matches a flat number written differently, on either line, with abbreviations', () => {
    expect(compareAddress({ line1: '30 High Street, flat 2' }, stored, 'HG1 4QT')).toBe('match');
    expect(compareAddress({ line1: '30 high street', line2: 'Apartment 2', city: 'HARROGATE' }, stored, null)).toBe(
      'match',
    );
  });

  it('is a mismatch when the house number differs, even if all else agrees', () => {
    expect(compareAddress({ line1: '30 Orchard Row' }, { line1: '10 Orchard Row' }, null)).toBe('mismatch');
  });

  it('is near with a street typo, swapped digits or a flat number left out', () => {
    expect(compareAddress({ line1: '30 Orchad Row' }, { line1: '30 Orchard Row' }, null)).toBe('near');
    expect(compareAddress({ line1: '13 Orchard Row' }, { line1: '31 Orchard Row' }, null)).toBe('near');
    expect(compareAddress({ line1: '30 High Street' }, stored, null)).toBe('near');
  });

  it('is a mismatch for another street or another town', () => {
    expect(compareAddress({ line1: '30 Mill Lane' }, stored, null)).toBe('mismatch');
    expect(compareAddress({ line1: '30 High St, flat 2', city: 'Leeds' }, stored, null)).toBe('mismatch');
  });

  it('leaves a postcode said with the street out of the street', () => {
    expect(compareAddress({ line1: '10 Orchard Row HG1 4QT' }, { line1: '10 Orchard Row' }, 'HG1 4QT')).toBe('match');
  });
});

describe('postcodes, dates of birth, amounts, phone digits', () => {
  it('compares postcodes without spacing or case', () => {
    expect(comparePostcode('hg14qt', 'HG1 4QT')).toBe('match');
    expect(comparePostcode('HG1 4TQ', 'HG1 4QT')).toBe('near');
    expect(comparePostcode('LS1 4AB', 'HG1 4QT')).toBe('mismatch');
  });

  it('forgives swapped digits and a swapped day and month in a date of birth', () => {
    expect(compareDateOfBirth('1984-03-12', '1984-03-12')).toBe('match');
    expect(compareDateOfBirth('1984-03-21', '1984-03-12')).toBe('near');
    expect(compareDateOfBirth('1984-12-03', '1984-03-12')).toBe('near');
    expect(compareDateOfBirth('1990-07-01', '1984-03-12')).toBe('mismatch');
  });

  it('reads amounts as they are said', () => {
    expect(compareAmount('£42.50', 4250)).toBe('match');
    expect(compareAmount('42,5', 4250)).toBe('match');
    expect(compareAmount('42', 4250)).toBe('near');
    expect(compareAmount('45.20', 4250)).toBe('near');
    expect(compareAmount('17.99', 4250)).toBe('mismatch');
    expect(compareAmount('lots', 4250)).toBe('mismatch');
  });

  it('checks the last digits of any registered number', () => {
    expect(comparePhoneDigits('01', ['+447700900001', '+447700900555'])).toBe('match');
    expect(comparePhoneDigits('55', ['+447700900001', '+447700900555'])).toBe('match');
    expect(comparePhoneDigits('10', ['+447700900001'])).toBe('near');
    expect(comparePhoneDigits('42', ['+447700900001'])).toBe('mismatch');
  });
});

describe('comparing without an early exit', () => {
  it('tells equal strings from different ones of any length', async () => {
    const { sameText } = await import('./compare-fields.ts');
    expect(sameText('hg14qt', 'hg14qt')).toBe(true);
    expect(sameText('hg14qt', 'hg14qx')).toBe(false);
    expect(sameText('hg14qt', 'hg14q')).toBe(false);
    expect(sameText('', '')).toBe(true);
    expect(sameText('a', '')).toBe(false);
  });
});
