import type { ClaimField, FieldScore, FieldScores } from './compare-fields.ts';

/**
 * Levels of assurance that the caller is the customer, after NIST SP 800-63-3:
 *
 * - `none`: nothing established. Talk in general terms only; disclose nothing from the record
 *   and change nothing.
 * - `low`: the caller knew what the record holds. Knowledge answers are weak evidence (800-63A
 *   no longer accepts knowledge-based verification as proof of identity, and 800-63B forbids
 *   "security questions" as an authenticator): anyone who found the letters, the bills or the
 *   social media profile knows them. Enough for low-risk help (the SIM fault, an outage, a
 *   bill explained), never for changing the record or disclosing it.
 * - `medium`: the caller also proved they hold a channel already registered and verified on
 *   the record, with a one-time code sent to it (800-63B §5.1.3, out-of-band: something you
 *   have). Enough to correct the record and to act on the account.
 *
 * There is no higher level over a phone or a chat: more would take identity proofing in
 * person or with documents (800-63A IAL2/IAL3), which this check does not do.
 */
export type Assurance = 'none' | 'low' | 'medium';

/**
 * pass: everything claimed agrees (one slip allowed). partial: almost everything agrees,
 * but not enough to trust on knowledge alone: offer a code to a registered channel. fail: too
 * little agrees, or too much is only nearly right (what a fraudster with gathered details says).
 */
export type VerificationResult = 'pass' | 'partial' | 'fail';

/** All the caller may learn from the claims: never which field, never a stored value. */
export interface ClaimsOutcome {
  result: VerificationResult;
  assurance: Assurance;
  /** A code to a registered channel may raise the assurance. */
  stepUpOffered: boolean;
}

/** Fields a caller can only know from the account itself, not from an envelope or a profile. */
const ACCOUNT_KNOWLEDGE: readonly ClaimField[] = ['dateOfBirth', 'pin', 'lastPayment', 'phoneLastDigits'];

export const POLICY = {
  /** Fields the record must be able to answer, and that must agree, for a pass. */
  fieldsForPass: 3,
  /** Slips (near answers) a pass forgives: one mistyped letter is the agent's, not the caller's. */
  nearAllowedInPass: 1,
  /** Fields that may disagree or only nearly agree in a partial. */
  differencesAllowedInPartial: 2,
} as const;

/**
 * The answer for a set of scored claims. The 10-vs-30 house number with everything else right is
 * `partial`: one field differs and the rest agree. Several fields that are each almost right are
 * `fail`, not `partial`: a typo is one slip, "almost right" everywhere is someone guessing. A
 * wrong PIN never passes.
 */
export function judgeClaims(scores: FieldScores): ClaimsOutcome {
  const entries = Object.entries(scores) as [ClaimField, FieldScore][];
  const count = (score: FieldScore) => entries.filter(([, s]) => s === score).length;
  const matches = count('match');
  const nears = count('near');
  const mismatches = count('mismatch');
  const knowsAccount = entries.some(([field, s]) => s === 'match' && ACCOUNT_KNOWLEDGE.includes(field));
  const pinWrong = scores.pin !== undefined && scores.pin !== 'match';

  if (
    !pinWrong &&
    mismatches === 0 &&
    nears <= POLICY.nearAllowedInPass &&
    matches + nears >= POLICY.fieldsForPass &&
    knowsAccount
  )
    return { result: 'pass', assurance: 'low', stepUpOffered: true };
  const differences = mismatches + nears;
  if (matches >= 2 && differences <= POLICY.differencesAllowedInPartial && matches > differences)
    return { result: 'partial', assurance: 'none', stepUpOffered: true };
  return { result: 'fail', assurance: 'none', stepUpOffered: false };
}

/** A right one-time code to a registered channel proves possession of it. */
export const ASSURANCE_AFTER_CODE: Assurance = 'medium';
