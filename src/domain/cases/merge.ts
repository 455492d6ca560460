import type { CaseStatus } from '../vocabulary.ts';
import { refuse, type Outcome } from './ownership.ts';

/** What the merge and split rules need to know about a case. */
export interface MergeableCase {
  id: string;
  reference: string;
  customerId: string;
  status: CaseStatus;
  mergedIntoId: string | null;
  problemId: string | null;
}

export interface MergePlan {
  /** The surviving case takes over the merged case's problem link (it had none). */
  carryProblem: boolean;
  /** The surviving case was solved but the duplicate was still being worked on: it reopens. */
  reopenSurviving: boolean;
}

type MergeRefusal =
  | 'merge_into_itself'
  | 'case_already_merged'
  | 'merge_into_merged'
  | 'merge_other_customer'
  | 'case_closed'
  | 'merge_into_closed'
  | 'merge_problem_conflict';

/**
 * Whether `duplicate` may be merged into `surviving`: two distinct live cases of the same
 * customer, neither already merged, not tied to two different problems.
 */
export function canMergeCases(
  duplicate: MergeableCase,
  surviving: MergeableCase,
): Outcome<{ plan: MergePlan }, MergeRefusal> {
  if (duplicate.id === surviving.id)
    return refuse('merge_into_itself', `${duplicate.reference} cannot be merged into itself`);
  if (duplicate.mergedIntoId !== null)
    return refuse(
      'case_already_merged',
      `${duplicate.reference} is already merged into another case; unmerge it first`,
    );
  if (surviving.mergedIntoId !== null) {
    return refuse(
      'merge_into_merged',
      `${surviving.reference} was itself merged into another case; merge into the case it points to`,
    );
  }
  if (duplicate.customerId !== surviving.customerId) {
    return refuse(
      'merge_other_customer',
      `${duplicate.reference} and ${surviving.reference} belong to different customers; only one customer's duplicates can be merged`,
    );
  }
  if (duplicate.status === 'closed')
    return refuse('case_closed', `${duplicate.reference} is closed; a closed case cannot be merged`);
  if (surviving.status === 'closed')
    return refuse('merge_into_closed', `${surviving.reference} is closed; merge into a case that is still open`);
  if (duplicate.problemId !== null && surviving.problemId !== null && duplicate.problemId !== surviving.problemId) {
    return refuse(
      'merge_problem_conflict',
      `${duplicate.reference} and ${surviving.reference} are linked to different problems; unlink one of them first`,
    );
  }
  return {
    ok: true,
    plan: {
      carryProblem: duplicate.problemId !== null && surviving.problemId === null,
      reopenSurviving: surviving.status === 'solved' && duplicate.status !== 'solved',
    },
  };
}

/** A merge can be undone while the surviving case is still open to change. */
export function canUnmergeCase(
  merged: MergeableCase,
  surviving: MergeableCase | null,
): Outcome<object, 'case_not_merged' | 'surviving_case_closed'> {
  if (merged.mergedIntoId === null || surviving === null)
    return refuse('case_not_merged', `${merged.reference} is not merged into another case`);
  if (surviving.status === 'closed') {
    return refuse(
      'surviving_case_closed',
      `${surviving.reference}, which ${merged.reference} was merged into, is closed; its contacts can no longer be moved out`,
    );
  }
  return { ok: true };
}

type SplitRefusal =
  'case_merged' | 'case_closed' | 'contacts_required' | 'contact_not_on_case' | 'split_leaves_case_empty';

/**
 * Splitting takes some of a case's contacts into a new case of the same customer. The case
 * must be live, every contact must be on it, and at least one contact must stay behind.
 */
export function canSplitCase(
  c: MergeableCase,
  contactIds: readonly string[],
  contactsOnCase: ReadonlySet<string>,
): Outcome<object, SplitRefusal> {
  if (c.mergedIntoId !== null)
    return refuse('case_merged', `${c.reference} was merged into another case; split the case it was merged into`);
  if (c.status === 'closed')
    return refuse('case_closed', `${c.reference} is closed; its contacts can no longer be split out`);
  if (contactIds.length === 0) return refuse('contacts_required', 'Name the contacts to split out into a new case');
  const stranger = contactIds.find((id) => !contactsOnCase.has(id));
  if (stranger !== undefined) return refuse('contact_not_on_case', `Contact ${stranger} is not on ${c.reference}`);
  if (new Set(contactIds).size >= contactsOnCase.size) {
    return refuse(
      'split_leaves_case_empty',
      `Splitting out every contact would leave ${c.reference} empty; change its subject or owner instead`,
    );
  }
  return { ok: true };
}
