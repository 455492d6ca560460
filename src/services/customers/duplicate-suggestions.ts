import {
  emailKey,
  phoneKey,
  postcodeKey,
  suggestDuplicates,
  type CustomerFacts,
  type DuplicateSuggestion,
} from '../../domain/customers/duplicates.ts';
import {
  findCandidatePairs,
  loadCustomerFacts,
  type CustomerFactsRow,
  type DuplicateSubject,
} from '../../store/repositories/customer-duplicates.ts';
import { dismissedPairs, pairKey } from '../../store/repositories/customer-merges.ts';
import { inTransaction, type TenantScope } from '../../store/tenant-scope.ts';

/** A candidate as an agent sees it beside a suggestion. */
export function customerSummary(row: CustomerFactsRow) {
  const of = (kind: string) => row.identities.filter((i) => i.kind === kind).map((i) => i.value);
  return {
    id: row.id,
    name: row.name,
    emails: of('email'),
    phones: of('phone'),
    handles: of('handle'),
    region: row.region,
    createdAt: row.createdAt.toISOString(),
  };
}

const asFacts = (row: CustomerFactsRow): CustomerFacts => ({
  id: row.id,
  name: row.name,
  identities: row.identities,
  region: row.region,
  address: row.address,
});

function subjectOf(row: CustomerFactsRow): DuplicateSubject {
  const values = (kind: string) => row.identities.filter((i) => i.kind === kind).map((i) => i.value);
  const keys = (list: (string | null)[]) => list.filter((k): k is string => k !== null);
  return {
    id: row.id,
    name: row.name,
    phoneKeys: keys(values('phone').map(phoneKey)),
    mailboxKeys: keys([...values('email').map(emailKey), ...values('handle').map((h) => (h.length >= 5 ? h : null))]),
    postcodeKey: postcodeKey(row.address?.postcode),
  };
}

/**
 * Likely duplicates of each subject: candidates are looked up by index (phone suffix, mailbox,
 * handle, postcode and, `byName`, similar name), merged customers and pairs an agent
 * dismissed are left out, and the pure rule scores the rest. Subjects already merged into
 * someone get no suggestions. A name alone never reaches the threshold: with today's weights a
 * candidate found only by a similar name is suggested only if it shares an address, which the
 * postcode lookup finds too. The name lookup (one trigram search per subject) is kept for
 * single customers and left out of reviews of many.
 */
export function suggestionsFor(
  scope: TenantScope,
  subjectIds: string[],
  options: { perSubject: number; byName: boolean },
) {
  return inTransaction(scope, async (tx) => {
    const subjects = [...(await loadCustomerFacts(tx, subjectIds)).values()].filter((s) => s.mergedIntoId === null);
    const pairs = await findCandidatePairs(tx, subjects.map(subjectOf), { byName: options.byName });
    const facts = await loadCustomerFacts(
      tx,
      pairs.map((p) => p.candidateId),
    );
    for (const s of subjects) facts.set(s.id, s);
    const dismissed = await dismissedPairs(
      tx,
      subjects.map((s) => s.id),
    );

    const candidatesOf = new Map<string, CustomerFacts[]>();
    for (const { subjectId, candidateId } of pairs) {
      const candidate = facts.get(candidateId);
      if (!candidate || candidate.mergedIntoId !== null || dismissed.has(pairKey(subjectId, candidateId))) continue;
      candidatesOf.set(subjectId, [...(candidatesOf.get(subjectId) ?? []), asFacts(candidate)]);
    }
    const suggestions = new Map<string, DuplicateSuggestion[]>();
    for (const subject of subjects)
      suggestions.set(
        subject.id,
        suggestDuplicates(asFacts(subject), candidatesOf.get(subject.id) ?? [], { limit: options.perSubject }),
      );
    return { facts, suggestions };
  });
}
