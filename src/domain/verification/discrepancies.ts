import type { ClaimedAddress, Claims, FieldScores, StoredRecord } from './compare-fields.ts';

/** Fields of the record a verified caller can correct. A PIN or a payment is not a record error. */
export const CORRECTABLE_FIELDS = ['name', 'dateOfBirth', 'address', 'postcode'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/**
 * Where the caller and the record disagree, kept for the correction task: "stored: 10 Orchard Row,
 * claimed: 30 Orchard Row". `stored`/`claimed` are for reading; `value` is what applying the
 * correction writes. Held by the server until a one-time code proves the caller, never answered
 * before.
 */
export interface Discrepancy {
  field: CorrectableField;
  stored: string;
  claimed: string;
  value: string | ClaimedAddress;
}

const addressText = (a: { line1?: string | undefined; line2?: string | undefined; city?: string | undefined }) =>
  [a.line1, a.line2, a.city].filter((part) => part !== undefined && part.trim() !== '').join(', ');

export function findDiscrepancies(record: StoredRecord, claims: Claims, scores: FieldScores): Discrepancy[] {
  const found: Discrepancy[] = [];
  const differs = (field: CorrectableField) => scores[field] !== undefined && scores[field] !== 'match';
  if (differs('name') && claims.name !== undefined && record.name)
    found.push({ field: 'name', stored: record.name, claimed: claims.name.trim(), value: claims.name.trim() });
  if (differs('dateOfBirth') && claims.dateOfBirth !== undefined && record.dateOfBirth)
    found.push({
      field: 'dateOfBirth',
      stored: record.dateOfBirth,
      claimed: claims.dateOfBirth,
      value: claims.dateOfBirth,
    });
  if (differs('address') && claims.address !== undefined && record.address) {
    // A town the caller did not say is the stored one: only what they said changes.
    const value: ClaimedAddress = {
      line1: claims.address.line1.trim(),
      ...(claims.address.line2?.trim() ? { line2: claims.address.line2.trim() } : {}),
      ...(claims.address.city?.trim()
        ? { city: claims.address.city.trim() }
        : record.address.city
          ? { city: record.address.city }
          : {}),
    };
    found.push({ field: 'address', stored: addressText(record.address), claimed: addressText(value), value });
  }
  if (differs('postcode') && claims.postcode !== undefined && record.postcode)
    found.push({
      field: 'postcode',
      stored: record.postcode,
      claimed: claims.postcode.trim().toUpperCase(),
      value: claims.postcode.trim().toUpperCase(),
    });
  return found;
}
